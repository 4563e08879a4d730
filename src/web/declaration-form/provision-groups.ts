// The chosen catalog's provisions as the form asks about them: grouped by the clause (guideline) they sit
// under in the catalog, withdrawn ones left out, and the few that earlier steps already answer set apart.
import type { Catalog, Provision, ProvisionTopic } from '../../regimes/index.js';
import type { Answers, StepId } from './fields.js';

export interface ProvisionGroup {
  /** Safe in a field name: "5.1", or "all" for a catalog without clauses. */
  key: string;
  label: string;
  title: string;
  provisions: Provision[];
}

interface OscalGroup {
  title?: unknown;
  props?: { name?: unknown; value?: unknown }[];
  controls?: { id?: unknown }[];
}

/** Clauses in the catalog's own order; a catalog whose controls are not grouped is one group. */
export function provisionGroups(catalog: Catalog): ProvisionGroup[] {
  const byOscalId = new Map(catalog.provisions.filter((p) => p.status !== 'withdrawn').map((p) => [p.oscalId, p]));
  const groups = ((catalog.oscal as { catalog?: { groups?: OscalGroup[] } }).catalog?.groups ?? []).flatMap((g) => {
    const provisions = (g.controls ?? []).flatMap((c) => byOscalId.get(String(c.id)) ?? []);
    if (provisions.length === 0) return [];
    const label = String(g.props?.find((p) => p.name === 'label')?.value ?? '');
    return [
      { key: label.replace(/[^\w.-]/g, '') || provisions[0]!.id, label, title: String(g.title ?? ''), provisions },
    ];
  });
  const grouped = new Set(groups.flatMap((g) => g.provisions));
  const rest = [...byOscalId.values()].filter((p) => !grouped.has(p));
  if (rest.length > 0) groups.push({ key: 'all', label: '', title: catalog.title, provisions: rest });
  return groups;
}

export interface DerivedStatement {
  status: 'implemented' | 'not-implemented' | 'not-applicable';
  justification?: string;
  /** The earlier step whose answers settle it, where the person changes it. */
  from: StepId;
}

// Generation methods the assessment counts as good practice; any other is "not implemented".
const GOOD_GENERATION = new Set(['csprng', 'keyed-hash', 'encryption']);

/**
 * What the passwords, reporting and support steps already say about the provisions on those topics, so the
 * provisions step does not ask again. Undefined when the earlier step has not been answered. The statuses
 * follow the assessment's consistency checks, so a derived answer never contradicts the step it came from.
 * `clauseLevel`: a catalog of whole guidelines (no separate provision on how passwords are made), where a
 * reset to a universal default password breaks the password guideline too.
 */
function derive(topic: ProvisionTopic, answers: Answers, clauseLevel: boolean): DerivedStatement | undefined {
  const a = (k: string) => (answers[k] ?? '').trim();
  const noPasswords = { status: 'not-applicable', justification: 'The product uses no passwords.' } as const;
  switch (topic) {
    case 'passwords-unique':
      if (a('usesPasswords') === 'no') return { ...noPasswords, from: 'passwords' };
      if (a('scheme') === '') return undefined;
      return {
        status:
          a('scheme') === 'universal-default' || (clauseLevel && a('resettable') === 'yes')
            ? 'not-implemented'
            : 'implemented',
        from: 'passwords',
      };
    case 'passwords-generation':
      if (a('usesPasswords') === 'no') return { ...noPasswords, from: 'passwords' };
      if (a('scheme') === 'user-defined' || a('scheme') === 'universal-default')
        return {
          status: 'not-applicable',
          justification: 'Devices do not come with their own pre-installed passwords.',
          from: 'passwords',
        };
      if (a('scheme') !== 'unique-per-device' || a('generation') === '') return undefined;
      return { status: GOOD_GENERATION.has(a('generation')) ? 'implemented' : 'not-implemented', from: 'passwords' };
    case 'vulnerability-disclosure': {
      const published = a('contacts') !== '' && (clauseLevel || (a('ackDays') !== '' && a('updateDays') !== ''));
      return { status: published ? 'implemented' : 'not-implemented', from: 'disclosure' };
    }
    case 'support-period':
      // An end date and where it is published settle it; an end date alone leaves it to the person to say.
      if (a('endDate-year') === '') return { status: 'not-implemented', from: 'support' };
      return a('supportPublishedAt') === '' ? undefined : { status: 'implemented', from: 'support' };
    default:
      return undefined;
  }
}

/** The provisions of `catalog` that earlier steps answer, by id. */
export function derivedStatements(catalog: Catalog, answers: Answers): Map<string, DerivedStatement> {
  const out = new Map<string, DerivedStatement>();
  const clauseLevel = !catalog.provisions.some((p) => p.topic === 'passwords-generation');
  for (const p of catalog.provisions) {
    if (p.topic === undefined || p.status === 'withdrawn') continue;
    const d = derive(p.topic, answers, clauseLevel);
    if (d) out.set(p.id, d);
  }
  return out;
}
