// The PSTI statement of compliance (Product Security and Telecommunications Infrastructure (Security
// Requirements for Relevant Connectable Products) Regulations 2023, Schedule 4): built from a declaration,
// or the list of Schedule 4 items the declaration does not supply. The input is a structural subset of the
// declaration document, so any object with these members will do.
import { statementOfComplianceRegime } from '../regimes/roles.js';
import { dateInWords, isCalendarDate } from '../calendar.js';

export interface StatementInput {
  manufacturer?: { name?: string; address?: string; authorisedRepresentative?: { name?: string; address?: string } };
  product?: {
    brand?: string;
    model?: string;
    name?: string;
    category?: string;
    batch?: string;
    hardwareVersion?: string;
    firmwareVersion?: string;
  };
  supportPeriod?: { endDate?: string };
  signatory?: { name?: string; function?: string; place?: string; date?: string };
  provisions?: { catalog?: string; statements?: Record<string, { status?: string } | undefined> };
}

/** Schedule 4 items, plus the standard's identification when compliance is deemed through one. */
export type StatementItemId = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'standard';

export interface MissingStatementItem {
  item: StatementItemId;
  /** JSON path in the declaration that would supply it. */
  path: string;
  message: string;
}

export interface Standard {
  number: string;
  version: string;
  /** Date of issue, YYYY-MM-DD. */
  date: string;
}

export interface StatementOfCompliance {
  /** The regime whose statement this is (the one with a statementOfCompliance role in the rulebooks). */
  regime: string;
  productType: string;
  batch: string;
  manufacturer: { name: string; address: string };
  authorisedRepresentative?: { name: string; address: string };
  /** Item (c). */
  preparedBy: string;
  /** Item (d). */
  opinion: string;
  /** Schedule 1 requirements met directly, or deemed met under Schedule 2 through a standard. */
  basis: 'schedule-1' | 'schedule-2';
  standard?: Standard & { provisions: string[] };
  supportPeriod: { endDate: string; text: string };
  signatory: { name: string; function: string };
  place: string;
  dateOfIssue: string;
}

export type StatementResult =
  { ok: true; statement: StatementOfCompliance } | { ok: false; missing: MissingStatementItem[] };

// Schedule 2 names EN 303 645 V2.1.1 (the regime's deemedCompliance catalog and its deemingStandard in the
// rulebook data); the provisions that deem paragraphs 1, 2 and 3 of Schedule 1 met.
const DEEMING_PROVISIONS = ['5.1-1', '5.2-1', '5.3-13'];

export function buildStatement(input: StatementInput): StatementResult {
  const missing: MissingStatementItem[] = [];
  const need = (item: StatementItemId, path: string, value: string | undefined, what: string): string => {
    const text = value?.trim() ?? '';
    if (text === '') missing.push({ item, path, message: `Schedule 4 (${item}) needs ${what} (${path})` });
    return text;
  };
  const p = input.product ?? {};
  const model = [p.brand, p.model].filter((s) => s?.trim()).join(' ');
  const typeName = need('a', 'product.model', model || p.name, 'the product type (brand and model)');
  const batch = need('a', 'product.batch', p.batch, 'the batch');
  const m = input.manufacturer ?? {};
  const manufacturer = {
    name: need('b', 'manufacturer.name', m.name, "the manufacturer's name"),
    address: need('b', 'manufacturer.address', m.address, "the manufacturer's address"),
  };
  const rep = m.authorisedRepresentative;
  const endDate = input.supportPeriod?.endDate;
  if (!isCalendarDate(endDate))
    missing.push({
      item: 'e',
      path: 'supportPeriod.endDate',
      message: 'Schedule 4 (e) needs the defined support period as an end date YYYY-MM-DD (supportPeriod.endDate)',
    });
  const s = input.signatory ?? {};
  const signatory = {
    name: need('f', 'signatory.name', s.name, "the signatory's name"),
    function: need('f', 'signatory.function', s.function, "the signatory's function"),
  };
  const place = need('g', 'signatory.place', s.place, 'the place of issue');
  if (!isCalendarDate(s.date))
    missing.push({
      item: 'g',
      path: 'signatory.date',
      message: 'Schedule 4 (g) needs the date of issue YYYY-MM-DD (signatory.date)',
    });
  if (rep !== undefined && (!rep.name?.trim() || !rep.address?.trim())) {
    missing.push({
      item: 'b',
      path: 'manufacturer.authorisedRepresentative',
      message: 'Schedule 4 (b) needs both the name and the address of the authorised representative',
    });
  }
  if (missing.length > 0) return { ok: false, missing };

  const details = [
    p.name && p.name !== model ? p.name : null,
    p.category ? `category ${p.category}` : null,
    p.hardwareVersion ? `hardware ${p.hardwareVersion}` : null,
    p.firmwareVersion ? `firmware ${p.firmwareVersion}` : null,
  ].filter((d) => d !== null);
  const rules = statementOfComplianceRegime();
  const standard = deemingStandard(input.provisions, rules);
  const statement: StatementOfCompliance = {
    regime: rules?.regime ?? '',
    productType: details.length > 0 ? `${typeName} (${details.join(', ')})` : typeName,
    batch,
    manufacturer,
    preparedBy: `This statement of compliance has been prepared by or on behalf of ${manufacturer.name}.`,
    opinion:
      standard === undefined
        ? `In the opinion of ${manufacturer.name}, the product meets the security requirements in Schedule 1 to the Product Security and Telecommunications Infrastructure (Security Requirements for Relevant Connectable Products) Regulations 2023.`
        : `In the opinion of ${manufacturer.name}, the product meets the conditions for deemed compliance in Schedule 2 to the Product Security and Telecommunications Infrastructure (Security Requirements for Relevant Connectable Products) Regulations 2023, by complying with ${standard.number} ${standard.version} provisions ${standard.provisions.join(', ')}.`,
    basis: standard === undefined ? 'schedule-1' : 'schedule-2',
    supportPeriod: {
      endDate: endDate!,
      text: `Security updates will be provided until at least ${dateInWords(endDate!)}.`,
    },
    signatory,
    place,
    dateOfIssue: s.date!,
  };
  if (standard !== undefined) statement.standard = standard;
  if (rep !== undefined) statement.authorisedRepresentative = { name: rep.name!.trim(), address: rep.address!.trim() };
  return { ok: true, statement };
}

/** Deemed compliance holds when the declaration states the Schedule 2 provisions of the named standard implemented. */
function deemingStandard(
  provisions: StatementInput['provisions'],
  rules: ReturnType<typeof statementOfComplianceRegime>,
): StatementOfCompliance['standard'] {
  if (rules === null || provisions?.catalog === undefined || provisions.catalog !== rules.deemingCatalog)
    return undefined;
  const standard: Standard = rules.deemingStandard;
  const statements = provisions?.statements ?? {};
  if (!DEEMING_PROVISIONS.every((id) => statements[id]?.status === 'implemented')) return undefined;
  // 5.1-2 applies "where relevant": a declaration saying it is not implemented defeats deemed compliance.
  const relevant = statements['5.1-2']?.status;
  if (relevant === 'not-implemented') return undefined;
  return {
    ...standard,
    provisions: relevant === 'implemented' ? ['5.1-1', '5.1-2', '5.2-1', '5.3-13'] : DEEMING_PROVISIONS,
  };
}
