// The declaration form's steps and fields, and how a problem's JSON path in the declaration maps back to
// the field (and step) a person fixes it in. parseDeclaration is the one validator; this only translates.
export type StepId = 'product' | 'passwords' | 'disclosure' | 'support' | 'provisions' | 'signatory';

export const STEPS: readonly { id: StepId; title: string }[] = [
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
}

const BY_PATH: Record<string, FieldDef> = {
  '/manufacturer/name': { step: 'product', field: 'manufacturerName', label: "the manufacturer's name" },
  '/manufacturer/address': { step: 'product', field: 'manufacturerAddress', label: "the manufacturer's address" },
  '/manufacturer/website': { step: 'product', field: 'manufacturerWebsite', label: "the manufacturer's website" },
  '/product/name': { step: 'product', field: 'productName', label: 'the product name' },
  '/product/category': { step: 'product', field: 'category', label: 'the type of product', choice: true },
  '/product/gtins': { step: 'product', field: 'gtins', label: 'the barcode numbers (GTINs)' },
  '/product/hardwareVersion': { step: 'product', field: 'hardwareVersion', label: 'the hardware version' },
  '/product/firmwareVersion': { step: 'product', field: 'firmwareVersion', label: 'the firmware version' },
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
  },
  '/vulnerabilityDisclosure/policyUrl': {
    step: 'disclosure',
    field: 'policyUrl',
    label: 'the web address of the disclosure policy',
  },
  '/vulnerabilityDisclosure/acknowledgementWithinDays': {
    step: 'disclosure',
    field: 'ackDays',
    label: 'the days to acknowledge a report',
  },
  '/vulnerabilityDisclosure/statusUpdatesEveryDays': {
    step: 'disclosure',
    field: 'updateDays',
    label: 'the days between status updates',
  },
  '/vulnerabilityDisclosure/securityTxtUrl': {
    step: 'disclosure',
    field: 'securityTxtUrl',
    label: 'the web address of security.txt',
  },
  '/supportPeriod/endDate': { step: 'support', field: 'endDate', label: 'the date security updates end' },
  '/supportPeriod/publishedAt': {
    step: 'support',
    field: 'supportPublishedAt',
    label: 'the web address where the support period is published',
  },
  '/provisions/catalog': { step: 'provisions', field: 'catalog', label: 'the standard', choice: true },
  '/signatory/name': { step: 'signatory', field: 'signatoryName', label: 'the name of the person signing' },
  '/signatory/function': { step: 'signatory', field: 'signatoryFunction', label: 'their job title' },
  '/signatory/place': { step: 'signatory', field: 'signatoryPlace', label: 'the place of signing' },
  '/signatory/date': { step: 'signatory', field: 'signDate', label: 'the date of signing' },
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
  const which = listItem ? ` (line ${Number(listItem[2]) + 1})` : '';
  const label = def.label.replace(/^the /, '');
  return {
    step: def.step,
    field: def.field,
    href,
    text: `${label.charAt(0).toUpperCase()}${label.slice(1)}${which} ${message}`,
  };
}

/** The form fields each step posts (radios that are not chosen are simply missing from the body). */
export const STEP_FIELDS: Record<Exclude<StepId, 'provisions'>, readonly string[]> = {
  product: [
    'manufacturerName',
    'manufacturerAddress',
    'manufacturerWebsite',
    'productName',
    'category',
    'gtins',
    'hardwareVersion',
    'firmwareVersion',
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

export const isStep = (value: string): value is StepId => STEPS.some((s) => s.id === value);
export const nextStep = (step: StepId): StepId | null => STEPS[STEPS.findIndex((s) => s.id === step) + 1]?.id ?? null;
