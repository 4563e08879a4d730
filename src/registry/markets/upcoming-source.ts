// The coming dates of a stored declaration in every market, remembered per (declaration, day): a declaration
// never changes once submitted, so the watch-list scan and the regulator's counts recompute only what is new
// after a write or on a new day. Every market is asked, so one list serves every reader.
import { upcomingDates, type UpcomingDate } from '../../assessment/index.js';
import { listMarkets } from '../../regimes/index.js';
import type { DeclarationRow } from '../../store/index.js';
import type { RegistryDeps } from '../deps.js';

const LIMIT = 50_000;

export function createUpcomingSource(deps: Pick<RegistryDeps, 'engine'>) {
  const memo = new Map<string, readonly UpcomingDate[]>();
  const markets = () => listMarkets().map((m) => m.id);

  /** The coming dates after `at` of the stored declaration, in every market. */
  function of(row: Pick<DeclarationRow, 'id' | 'document'>, at: string): readonly UpcomingDate[] {
    const key = `${row.id}|${at}`;
    let list = memo.get(key);
    if (list === undefined) {
      list = upcomingDates(deps.engine.parseDeclaration(JSON.parse(row.document) as unknown), markets(), { at });
      if (memo.size >= LIMIT) memo.delete(memo.keys().next().value as string);
      memo.set(key, list);
    }
    return list;
  }

  return { of, markets };
}

export type UpcomingSource = ReturnType<typeof createUpcomingSource>;
