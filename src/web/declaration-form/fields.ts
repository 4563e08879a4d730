// The declaration form's steps and fields, and how a problem's JSON path in the declaration maps back to
// the field (and step) a person fixes it in. parseDeclaration is the one validator; this only translates.
import { dateInWords } from '../../calendar.js';

/** The form's answers: flat strings, as a browser posts them. */
export type Answers = Record<string, string>;

export type StepId = 'rules' | 'product' | 'passwords' | 'disclosure' | 'support' | 'provisions' | 'signatory';

export const STEPS: readonly { id: StepId; title: string }[] = [
  { id: 'rules', title: 'Rules to meet' },
  { id: 'product', title: 'About the product' },
  { id: 'passwords', title: 'Passwords' },
  { id: 'disclosure', title: 'Reporting security problems' },
  { id: 'support', title: 'Security update period' },
  { id: 'provisions', title: 'Security provisions' },
  { id: 'signatory', title: 'Who signs the declaration' },
];

interface FieldDef {
  step: StepId;
  /** The form field (and element id) the error links to. */
  field: string;
  /** A noun phrase: "Enter the manufacturer's name". */
  label: string;
  /** Radios and selects are "Select ...", text is "Enter ...". */
  choice?: boolean;
  /** What kind of answer it takes, so a problem is told in words instead of a pattern or a type name. */
  kind?: 'url' | 'days' | 'date' | 'contact';
}

const BY_PATH: Record<string, FieldDef> = {
  '/manufacturer/name': { step: 'product', field: 'manufacturerName', label: "the manufacturer's name" },
  '/manufacturer/address': { step: 'product', field: 'manufacturerAddress', label: "the manufacturer's address" },
  '/manufacturer/website': {
    step: 'product',
    field: 'manufacturerWebsite',
    label: "the manufacturer's website",
    kind: 'url',
  },
  '/product/name': { step: 'product', field: 'productName', label: 'the product name' },
  '/product/category': { step: 'product', field: 'category', label: 'the type of product', choice: true },
  '/product/gtins': { step: 'product', field: 'gtins', label: 'the barcode numbers (GTINs)' },
  '/product/hardwareVersion': { step: 'product', field: 'hardwareVersion', label: 'the hardware version' },
  '/product/firmwareVersion': { step: 'product', field: 'firmwareVersion', label: 'the firmware version' },
  '/product/batch': { step: 'product', field: 'batch', label: 'the batch' },
  '/product/cellular': {
    step: 'product',
    field: 'cellular',
    label: 'whether the product connects to mobile networks',
    choice: true,
  },
  '/product/designedForChildrenUnder14': {
    step: 'product',
    field: 'children',
    label: 'whether the product is designed for children under 14',
    choice: true,
  },
  '/passwords/usesPasswords': {
    step: 'passwords',
    field: 'usesPasswords',
    label: 'whether the product uses passwords',
    choice: true,
  },
  '/passwords/scheme': { step: 'passwords', field: 'scheme', label: 'how passwords are set', choice: true },
  '/passwords/generation': {
    step: 'passwords',
    field: 'generation',
    label: 'how unique passwords are made',
    choice: true,
  },
  '/passwords/resettableToUniversalDefault': {
    step: 'passwords',
    field: 'resettable',
    label: 'whether a reset restores a universal default password',
    choice: true,
  },
  '/vulnerabilityDisclosure/contacts': {
    step: 'disclosure',
    field: 'contacts',
    label: 'how to report a security problem',
    kind: 'contact',
  },
  '/vulnerabilityDisclosure/policyUrl': {
    step: 'disclosure',
    field: 'policyUrl',
    label: 'the web address of the disclosure policy',
    kind: 'url',
  },
  '/vulnerabilityDisclosure/acknowledgementWithinDays': {
    step: 'disclosure',
    field: 'ackDays',
    label: 'the days to acknowledge a report',
    kind: 'days',
  },
  '/vulnerabilityDisclosure/statusUpdatesEveryDays': {
    step: 'disclosure',
    field: 'updateDays',
    label: 'the days between status updates',
    kind: 'days',
  },
  '/vulnerabilityDisclosure/securityTxtUrl': {
    step: 'disclosure',
    field: 'securityTxtUrl',
    label: 'the web address of security.txt',
    kind: 'url',
  },
  '/supportPeriod/endDate': { step: 'support', field: 'endDate', label: 'the date security updates end', kind: 'date' },
  '/supportPeriod/publishedAt': {
    step: 'support',
    field: 'supportPublishedAt',
    label: 'the web address where the support period is published',
    kind: 'url',
  },
  '/provisions/catalog': { step: 'provisions', field: 'catalog', label: 'the standard', choice: true },
  '/signatory/name': { step: 'signatory', field: 'signatoryName', label: 'the name of the person signing' },
  '/signatory/function': { step: 'signatory', field: 'signatoryFunction', label: 'their job title' },
  '/signatory/place': { step: 'signatory', field: 'signatoryPlace', label: 'the place of signing' },
  '/signatory/date': { step: 'signatory', field: 'signDate', label: 'the date of signing', kind: 'date' },
};

/** Element ids for date inputs point at their first box. */
const ELEMENT: Record<string, string> = { endDate: 'endDate-day', signDate: 'signDate-day' };

export interface FormError {
  step: StepId;
  field: string;
  /** The element to link to: `#${href}`. */
  href: string;
  text: string;
}

const unescape = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/** Turns one of parseDeclaration's (or the registry's) problems into a field error a person can act on. */
export function formError(path: string, message: string): FormError {
  const statement = /^\/provisions\/statements\/([^/]+)(?:\/(\w+))?/.exec(path);
  if (statement) {
    const id = unescape(statement[1]!);
    const part = statement[2];
    const field = part === 'justification' || part === 'detail' ? `t_${id}` : `s_${id}`;
    const text =
      part === 'justification' && message.startsWith('is required')
        ? `Provision ${id}: explain why it does not apply`
        : `Provision ${id}: ${message}`;
    return { step: 'provisions', field, href: field, text };
  }
  const exact = BY_PATH[path];
  const listItem = /^(\/product\/gtins|\/vulnerabilityDisclosure\/contacts)\/(\d+)$/.exec(path);
  const def =
    exact ??
    (listItem ? BY_PATH[listItem[1]!] : undefined) ??
    Object.entries(BY_PATH).find(([p]) => path.startsWith(`${p}/`))?.[1];
  if (!def) {
    const step: StepId = path.startsWith('/signatory')
      ? 'signatory'
      : path.startsWith('/supportPeriod')
        ? 'support'
        : path.startsWith('/vulnerabilityDisclosure')
          ? 'disclosure'
          : path.startsWith('/passwords')
            ? 'passwords'
            : path.startsWith('/provisions')
              ? 'provisions'
              : 'product';
    return { step, field: '', href: 'main-content', text: `${path || 'The declaration'} ${message}` };
  }
  const href = ELEMENT[def.field] ?? def.field;
  if (message === 'is required' || message === 'must not be empty')
    return { step: def.step, field: def.field, href, text: `${def.choice ? 'Select' : 'Enter'} ${def.label}` };
  const line = listItem ? Number(listItem[2]) + 1 : undefined;
  return { step: def.step, field: def.field, href, text: inWords(def, message, line) };
}

const capital = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/**
 * One problem as a sentence for the person filling the form: the parser's messages name patterns and JSON
 * types ("must be in the form ^https?://", "must be a whole number, not a string"), which mean nothing there.
 */
function inWords(def: FieldDef, message: string, line: number | undefined): string {
  const label = def.label.replace(/^the /, '');
  const which = line === undefined ? '' : ` (line ${line})`;
  switch (def.kind) {
    case 'days':
      return `Enter ${def.label} as a whole number from 0 to 365, like 5`;
    case 'url':
      return `Enter ${def.label} as a web address starting https://, like https://example.com/security`;
    case 'contact':
      return `Line ${line ?? 1} of ${label}: enter an email address (like security@example.com), a web address starting https:// or a phone number`;
    case 'date':
      return dateInWordsProblem(label, message);
    default:
      if (/must be in the form/.test(message)) return `${capital(label)}${which} is not in the right form`;
      return `${capital(label)}${which} ${message}`;
  }
}

/**
 * GOV.UK date input errors: "31 February 2031 is not a real date", or which box is missing. The answer comes
 * back from the form as YYYY-MM-DD when the boxes held numbers, otherwise as the boxes typed (year-month-day).
 */
function dateInWordsProblem(label: string, message: string): string {
  const quoted = /"([^"]*)"/.exec(message)?.[1];
  const typed = quoted ?? '';
  const whole = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typed);
  if (whole && Number(whole[2]) >= 1 && Number(whole[2]) <= 12) return `${dateInWords(typed)} is not a real date`;
  if (quoted === undefined) {
    // Not a YYYY-MM-DD string at all: a box was left empty or had letters in it.
    return `${capital(label)} must be a real date, with a day, month and year in numbers, like 31 12 2030`;
  }
  return `${capital(label)} must be a real date, like 31 12 2030`;
}

/** The form fields each step posts (radios that are not chosen are simply missing from the body). */
export const STEP_FIELDS: Record<Exclude<StepId, 'provisions' | 'rules'>, readonly string[]> = {
  product: [
    'manufacturerName',
    'manufacturerAddress',
    'manufacturerWebsite',
    'productName',
    'category',
    'gtins',
    'hardwareVersion',
    'firmwareVersion',
    'batch',
    'cellular',
    'children',
  ],
  passwords: ['usesPasswords', 'scheme', 'generation', 'resettable'],
  disclosure: ['contacts', 'policyUrl', 'ackDays', 'updateDays', 'securityTxtUrl'],
  support: ['endDate-day', 'endDate-month', 'endDate-year', 'supportPublishedAt'],
  signatory: [
    'signatoryName',
    'signatoryFunction',
    'signatoryPlace',
    'signDate-day',
    'signDate-month',
    'signDate-year',
  ],
};

/**
 * The step and field for a declaration path as the assessment's reasons write it ("product.batch",
 * "vulnerabilityDisclosure.acknowledgementWithinDays"), or null when the form has no field for it.
 */
export function fieldOfPath(dotted: string): { step: StepId; field: string; href: string; label: string } | null {
  const def = BY_PATH[`/${dotted.replace(/\./g, '/')}`];
  return def ? { step: def.step, field: def.field, href: ELEMENT[def.field] ?? def.field, label: def.label } : null;
}

export const isStep = (value: string): value is StepId => STEPS.some((s) => s.id === value);
export const nextStep = (step: StepId): StepId | null => STEPS[STEPS.findIndex((s) => s.id === step) + 1]?.id ?? null;
