// The EU Cyber Resilience Act's logic beyond data: the product's class (Annexes III and IV) and the
// conformity routes it opens (Article 32), and the support-period minimum (Article 13(8)), counted from
// placing on the market. Beside the engine as psti.ts is for PSTI.
import { addMonths } from '../calendar.js';
import type { Regime, RequirementRule } from '../regimes/types.js';
import type { CraClass, CraConformity, Requirement } from './assessment.js';
import type { Declaration } from './declaration.js';
import type { Facts } from './facts.js';

type Result = Pick<Requirement, 'status' | 'reasons' | 'route'>;

const MODULE_A = 'Module A (internal control, self-assessment)';
const MODULE_BC = 'Module B + C (EU-type examination by a notified body, then conformity to type)';
const MODULE_H = 'Module H (full quality assurance by a notified body)';
const EU_SCHEME = 'a European cybersecurity certification scheme at level "substantial" or higher';

const SECURITY_CATEGORIES = new Set([
  'smart-camera',
  'smart-lock',
  'security-system',
  'alarm-detector',
  'smart-doorbell',
]);

/** The class, or the declaration fact that is missing to tell it (a path under product). */
export function craClass(
  d: Declaration,
): { productClass: CraClass; annexEntry: string | null; why: string } | { missing: string; why: string } {
  const p = d.product;
  const f = p.features ?? {};
  const classI = (point: string, why: string) => ({
    productClass: 'important-class-i' as const,
    annexEntry: `Annex III Class I point ${point}`,
    why,
  });
  if (p.category === 'router')
    return classI('12', 'routers and modems for connection to the internet are important products');
  if (SECURITY_CATEGORIES.has(p.category) && f.securityFunction !== false)
    return classI(
      '17',
      'smart home products with security functionalities (door locks, security cameras, baby monitors, alarm systems) are important products',
    );
  if (f.securityFunction === true)
    return classI('17', 'the product is declared to have a security functionality (product.features.securityFunction)');
  if (p.category === 'smart-speaker') {
    if (f.generalPurposeAssistant === undefined)
      return {
        missing: 'product.features.generalPurposeAssistant',
        why: 'a smart speaker with a general-purpose virtual assistant is an important product (Annex III Class I point 16)',
      };
    if (f.generalPurposeAssistant)
      return classI('16', 'smart home general-purpose virtual assistants are important products');
  }
  if (p.category === 'connected-toy') {
    if (f.socialInteraction === undefined || f.locationTracking === undefined)
      return {
        missing: 'product.features.socialInteraction and product.features.locationTracking',
        why: 'a connected toy with social interactive features or location tracking is an important product (Annex III Class I point 18)',
      };
    if (f.socialInteraction || f.locationTracking)
      return classI(
        '18',
        'internet-connected toys with social interactive features or location tracking are important products',
      );
  }
  if (p.category === 'wearable') {
    if (p.designedForChildrenUnder14 === true)
      return classI('19', 'wearables for use by and for children are important products');
    if (f.healthMonitoring === undefined)
      return {
        missing: 'product.features.healthMonitoring',
        why: 'a wearable with a health-monitoring purpose (outside the MDR) is an important product (Annex III Class I point 19)',
      };
    if (f.healthMonitoring)
      return classI('19', 'personal wearables with a health-monitoring purpose are important products');
  }
  if (p.category === 'smart-meter') {
    if (f.smartMeterGateway === undefined)
      return {
        missing: 'product.features.smartMeterGateway',
        why: 'a smart meter gateway is a critical product (Annex IV)',
      };
    if (f.smartMeterGateway)
      return {
        productClass: 'critical',
        annexEntry: 'Annex IV point 2',
        why: 'smart meter gateways are critical products',
      };
  }
  return { productClass: 'default', annexEntry: null, why: 'the product is in no Annex III or IV category' };
}

/** The class and the routes open on `at`, given the harmonised standards the regime's data says are cited. */
export function craConformity(d: Declaration, regime: Regime, at: string): CraConformity | null {
  const c = craClass(d);
  if ('missing' in c) return null;
  const cited = regime.citedStandards.filter((s) => s.from <= at);
  let routes: string[];
  let reason: string;
  switch (c.productClass) {
    case 'default':
      routes = [MODULE_A, MODULE_BC, MODULE_H, EU_SCHEME];
      reason = `A default product (${c.why}): any route is open, Module A included.`;
      break;
    case 'important-class-i':
      routes =
        cited.length > 0
          ? [
              `${MODULE_A}, applying ${cited.map((s) => s.reference).join(', ')} in full`,
              MODULE_BC,
              MODULE_H,
              EU_SCHEME,
            ]
          : [MODULE_BC, MODULE_H, EU_SCHEME];
      reason = `An important product, Class I (${c.annexEntry}: ${c.why}). Module A is open only when harmonised standards, common specifications or a European scheme are applied in full (Article 32(2)); ${cited.length > 0 ? `cited: ${cited.map((s) => s.reference).join(', ')}.` : 'no CRA harmonised standard is cited in the Official Journal yet, so a notified body is needed.'}`;
      break;
    case 'important-class-ii':
      routes = [MODULE_BC, MODULE_H, EU_SCHEME];
      reason = `An important product, Class II (${c.annexEntry}: ${c.why}): no Module A (Article 32(3)).`;
      break;
    case 'critical':
      routes = [EU_SCHEME, MODULE_BC, MODULE_H];
      reason = `A critical product (${c.annexEntry}: ${c.why}): a European certification scheme where one is required under Article 8(1), otherwise the Class II routes.`;
      break;
  }
  return { productClass: c.productClass, annexEntry: c.annexEntry, routes, reason };
}

/** Article 32: met when the declaration (a self-assessment) or a declared notified-body certificate is a route open to the class. */
export function craConformityRequirement(facts: Facts, rule: RequirementRule, regime: Regime, at: string): Result {
  const d = facts.declaration;
  const c = craClass(d);
  if ('missing' in c)
    return { status: 'not-declared', reasons: [`Declare ${c.missing}: ${c.why}, which decides the conformity route.`] };
  const conformity = craConformity(d, regime, at)!;
  if (conformity.routes[0]!.startsWith(MODULE_A))
    return {
      status: 'met',
      route: conformity.routes[0]!,
      reasons: [`${conformity.reason} This declaration is the manufacturer's self-assessment.`],
    };
  const certificate = (d.labTestReports ?? []).find((r) => r.scheme === rule.scheme && r.date <= at);
  if (certificate)
    return {
      status: 'met',
      route: MODULE_BC,
      reasons: [
        `${conformity.reason} Certificate ${certificate.reportId} from ${certificate.lab} (${certificate.date}) is declared.`,
      ],
    };
  return {
    status: 'not-declared',
    reasons: [
      `${conformity.reason} A self-declaration is not enough: declare the notified body's certificate (${conformity.routes.join('; or ')}) in labTestReports with scheme "${rule.scheme}".`,
    ],
  };
}

/**
 * Article 13(8): at least `minimumYears` of support from placing on the market, unless the expected use is
 * shorter. Units placed later need their own period, so the cautious start is the later of the first placing
 * and the assessment day (territories.md §2 "Support period").
 */
export function supportMinimum(
  facts: Facts,
  rule: RequirementRule,
  at: string,
  /** What the reasons cite: the CRA's articles, or a what-if's supposed rule (what-if.ts). */
  cite: { minimum: string; shown: string } = { minimum: 'Article 13(8)', shown: 'Article 13(19)' },
): Result {
  const d = facts.declaration;
  const sp = d.supportPeriod;
  const years = rule.minimumYears!;
  if (!sp)
    return {
      status: 'not-declared',
      reasons: [
        `Declare the end of the support period (supportPeriod.endDate): at least ${years} years from placing on the market.`,
      ],
    };
  const first = d.product.firstPlacedOnMarket;
  const start = first !== undefined && first > at ? first : at;
  const expected = d.product.expectedUseMonths;
  const months = expected !== undefined && expected < years * 12 ? expected : years * 12;
  const needed = addMonths(start, months);
  const length =
    expected !== undefined && months === expected
      ? `the declared expected use of ${expected} months`
      : `${years} years`;
  if (sp.endDate < needed) {
    const exception =
      expected === undefined
        ? ` If the product is expected to be in use for less than ${years} years, the period may equal that time: declare it as product.expectedUseMonths, with the reasons in the technical documentation.`
        : '';
    return {
      status: 'not-met',
      reasons: [
        `Support ends on ${sp.endDate}, before ${needed}: ${length} from ${start === at ? `placing on the market on ${at}` : `first placing on the market on ${start}`} (${cite.minimum}). Extend the support period.${exception}`,
      ],
    };
  }
  if (first === undefined)
    return {
      status: 'not-declared',
      reasons: [
        `Declare product.firstPlacedOnMarket: the ${years} years count from placing on the market. Support until ${sp.endDate} covers units placed on ${at}, but a later first placing would need a later end.`,
      ],
    };
  if (!sp.publishedAt)
    return {
      status: 'not-declared',
      reasons: [
        `Say where the end of the support period (at least month and year) is shown at the time of purchase (supportPeriod.publishedAt; ${cite.shown}).`,
      ],
    };
  return {
    status: 'met',
    reasons: [
      `Support until ${sp.endDate} covers ${length} from ${start} (first placed on the market ${first}); shown at purchase at ${sp.publishedAt}.`,
    ],
  };
}
