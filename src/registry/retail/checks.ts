// Catalogue checks on the server (POST /v1/checks, docs/catalogue-checks.md): the catalogue is parsed while
// it arrives, looked up in the store a batch at a time, judged by the one sale rule and streamed back as
// NDJSON in input order, one result a line and then the summary. The request is validated before the first
// byte of the answer; a failure after that ends the answer with one `{"error": ...}` line and no summary.
import { isCalendarDate, todayUtc } from '../../calendar.js';
import { IotlabelError, isIotlabelError } from '../../errors.js';
import { checkCatalogue } from '../../catalogue/check-catalogue.js';
import { parseCatalogue } from '../../catalogue/parse-catalogue.js';
import type { SaleRule } from '../../catalogue/sale-rule.js';
import type { CatalogueFormat, CatalogueLimits } from '../../catalogue/types.js';
import { writeResults } from '../../catalogue/write-results.js';
import { marketRuleFor, type MarketRule } from '../../catalogue/market-verdict.js';
import { defaultRetailRegime } from '../../regimes/index.js';
import { InputInvalid } from '../errors.js';
import type { FactsSource } from './facts.js';
import type { RegistryDeps } from '../deps.js';

export interface CheckRequest {
  regime: string;
  at: string;
  rule: SaleRule;
  /** A check by market: the laws binding a sale there on `at`, each with its rule. */
  market?: MarketRule;
}

export interface CheckLimits extends Partial<CatalogueLimits> {
  /** Most bytes one catalogue may have (default 1 GiB). */
  maxBytes?: number;
}

export const DEFAULT_CHECK_LIMITS = { maxBytes: 1024 ** 3, maxRows: 5_000_000 };

export function createChecks(deps: RegistryDeps, extras: { facts: FactsSource }) {
  const { clock } = deps;
  const { facts } = extras;
  /**
   * Validates regime or market and the date before anything is streamed: REGIME_UNKNOWN or MARKET_UNKNOWN
   * (404), INPUT_INVALID (400). With neither regime nor market, the default retail regime.
   */
  function prepare(query: {
    regime?: string | undefined;
    market?: string | undefined;
    at?: string | undefined;
  }): CheckRequest {
    const at = query.at ?? todayUtc(clock);
    if (!isCalendarDate(at))
      throw new InputInvalid([{ path: '/at', message: `"${at}" is not a date of the form YYYY-MM-DD` }]);
    if (query.market !== undefined) {
      if (query.regime !== undefined)
        throw new InputInvalid([{ path: '/market', message: 'give a regime or a market, not both' }]);
      const market = marketAt(query.market, at, facts.rule);
      return { regime: market.laws.map((l) => l.regime).join('+') || 'none', at, rule: saleRuleOfNone, market };
    }
    const regime = query.regime ?? defaultRetailRegime();
    let rule: SaleRule;
    try {
      rule = facts.rule(regime);
    } catch (error) {
      if (isIotlabelError(error) && error.code === 'REGIME_UNKNOWN')
        throw new IotlabelError('REGIME_UNKNOWN', `regime: ${error.message}`, {
          problems: [{ path: '/regime', message: error.message }],
        });
      throw error;
    }
    return { regime, at, rule };
  }

  /** The answer's NDJSON text, chunk by chunk. Never throws: a late failure becomes the last line. */
  async function* run(
    body: AsyncIterable<Uint8Array | string>,
    format: CatalogueFormat,
    request: CheckRequest,
    limits: CheckLimits = {},
    onUnexpected: (error: unknown) => void = () => undefined,
  ): AsyncGenerator<string> {
    const { maxBytes, ...catalogueLimits } = { ...DEFAULT_CHECK_LIMITS, ...limits };
    const rows = parseCatalogue(limited(body, maxBytes), format, catalogueLimits);
    const check = checkCatalogue(rows, facts.lookup(request.at), {
      regime: request.regime,
      at: request.at,
      rule: request.rule,
      ...(request.market === undefined ? {} : { market: request.market }),
    });
    try {
      yield* writeResults(check, 'ndjson');
    } catch (error) {
      const known = isIotlabelError(error);
      yield `${JSON.stringify({ error: { code: known ? error.code : 'INTERNAL', detail: known ? error.message : 'the check failed on the server; the error is logged' } })}\n`;
      if (!known) onUnexpected(error);
    }
  }

  return { prepare, run };
}

/** A market check has no one regime; its rows are judged by the market's laws. */
const saleRuleOfNone: SaleRule = { regime: 'none', title: 'none', restrictsSales: false, onlyLabelled: false };

/** The market's rule on the day, as MARKET_UNKNOWN pointing at the parameter when the code is not one. */
function marketAt(id: string, at: string, rule: (regime: string) => SaleRule): MarketRule {
  try {
    return marketRuleFor(id, at, rule);
  } catch (error) {
    if (isIotlabelError(error) && error.code === 'MARKET_UNKNOWN')
      throw new IotlabelError('MARKET_UNKNOWN', error.message, {
        problems: [{ path: '/market', message: error.message }],
      });
    throw error;
  }
}

/** Passes the body through and refuses it (PAYLOAD_TOO_LARGE) once it exceeds `maxBytes`. */
async function* limited(
  body: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
): AsyncGenerator<Uint8Array | string> {
  let bytes = 0;
  for await (const chunk of body) {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (bytes > maxBytes)
      throw new IotlabelError('PAYLOAD_TOO_LARGE', `the catalogue is larger than ${maxBytes} bytes; split it`);
    yield chunk;
  }
}

export type Checks = ReturnType<typeof createChecks>;
