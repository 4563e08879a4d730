// What a declaration (and any evidence) says about the top three guidelines, worked out once per
// declaration and shared by every regime. Regimes differ in wording and in what they demand, not in facts.
import { getCatalog } from '../regimes/get-regime.js';
import type { Catalog, ProvisionTopic } from '../regimes/types.js';
import type { EvidenceSummary, Finding } from './assessment.js';
import type { Declaration, ProvisionStatement } from './declaration.js';
import { invalidNotApplicable } from './applicability.js';

export interface Verdict {
  ok: boolean;
  reasons: string[];
}

export interface Facts {
  declaration: Declaration;
  /** The catalog the statements are written against, if any. */
  catalog: Catalog | null;
  /** Unique-or-user-defined-or-none passwords, made so one does not reveal another (CoP guideline 1 wording). */
  passwords: Verdict;
  /** Same, without the factory-reset rule, which the law and EN 303 645 leave to the factory default state. */
  passwordsOutsideFactoryDefault: Verdict;
  /** At least one published contact, and evidence does not contradict it. */
  contact: Verdict;
  /** Contact plus acknowledgement and status-update timelines (EN 303 645 5.2-1, PSTI Sch 1 para 2). */
  disclosurePolicy: Verdict;
  findings: Finding[];
  /** Contradiction messages by the topic they touch; any requirement on that topic is not met. */
  contradictions: ReadonlyMap<ProvisionTopic, string[]>;
  /** Evidence that overturns a claim, by topic: it fails provision statements on that topic too. */
  evidenceAgainst: ReadonlyMap<ProvisionTopic, string[]>;
}

const BAD_GENERATION: Record<string, string> = {
  incremental:
    "Passwords made from an incrementing counter reveal one another: knowing one unit's password gives away the next.",
  'derived-from-identifier':
    'Passwords derived from a serial number, MAC address or other identifier without a secret key can be worked out by anyone who reads the identifier.',
  'derived-from-public-information': 'Passwords based on publicly available information can be guessed.',
  other:
    'The password generation method is declared as "other", which the declaration cannot show to be good practice: evidence that each password is unpredictable and not worked out from the serial number (a description of the generator or keyed derivation, and a batch analysis of sampled passwords) would settle it.',
};
const FIX_GENERATION =
  'Generate each password with a cryptographically secure random generator, or a keyed hash or encryption with a secret key, and declare passwords.generation as csprng, keyed-hash or encryption.';

export function deriveFacts(declaration: Declaration, evidence?: EvidenceSummary): Facts {
  const { passwords: pw, vulnerabilityDisclosure: vd } = declaration;
  const catalog = declaration.provisions ? getCatalog(declaration.provisions.catalog) : null;

  const outside: string[] = [];
  const passwordEvidence: string[] = [];
  const contactEvidence: string[] = [];
  if (pw.usesPasswords && pw.scheme === 'universal-default') {
    outside.push(
      'Every unit shares the same default password. Give each unit its own password, or make the user set one before first use.',
    );
  }
  if (pw.usesPasswords && pw.scheme === 'unique-per-device') {
    if (pw.generation === undefined) outside.push(`Say how the per-unit passwords are generated. ${FIX_GENERATION}`);
    else if (BAD_GENERATION[pw.generation]) outside.push(`${BAD_GENERATION[pw.generation]} ${FIX_GENERATION}`);
    for (const f of evidence?.passwords?.findings ?? []) {
      if (f.severity === 'fail')
        passwordEvidence.push(
          `The password batch analysis contradicts the claim of unique passwords: ${f.message} (${f.code}).`,
        );
    }
    outside.push(...passwordEvidence);
  }
  const all = [...outside];
  if (pw.usesPasswords && pw.resettableToUniversalDefault === true) {
    all.push(
      "A factory reset restores a universal default password. Make a reset restore the unit's own unique password, or require the user to set a new one.",
    );
  } else if (pw.usesPasswords && pw.resettableToUniversalDefault === undefined) {
    all.push(
      'State whether a factory reset restores a universal default password (passwords.resettableToUniversalDefault).',
    );
  }

  const contact: string[] = [];
  if (vd.contacts.length === 0) {
    contact.push(
      'Publish a point of contact for reporting security issues and list it in vulnerabilityDisclosure.contacts.',
    );
  }
  const txt = evidence?.securityTxt;
  if (txt) {
    const where = vd.securityTxtUrl ? ` at ${vd.securityTxtUrl}` : '';
    if (txt.expired)
      contactEvidence.push(`The security.txt${where} has expired. Publish it again with a future Expires date.`);
    const listed = new Set(txt.contacts.map((c) => c.toLowerCase()));
    for (const c of vd.contacts) {
      if (!listed.has(c.toLowerCase()))
        contactEvidence.push(
          `The contact ${c} is not listed in the security.txt${where}. Add it as a Contact line, or correct the declaration.`,
        );
    }
    contact.push(...contactEvidence);
  }
  const policy = [...contact];
  if (vd.acknowledgementWithinDays === undefined) {
    policy.push(
      'Publish when a reporter will receive an acknowledgement, and declare it as vulnerabilityDisclosure.acknowledgementWithinDays.',
    );
  }
  if (vd.statusUpdatesEveryDays === undefined) {
    policy.push(
      'Publish how often a reporter will receive status updates until the issue is resolved, and declare it as vulnerabilityDisclosure.statusUpdatesEveryDays.',
    );
  }

  const facts = {
    passwords: { ok: all.length === 0, reasons: all },
    passwordsOutsideFactoryDefault: { ok: outside.length === 0, reasons: outside },
    contact: { ok: contact.length === 0, reasons: contact },
    disclosurePolicy: { ok: policy.length === 0, reasons: policy },
  };
  const { findings, contradictions } = findContradictions(declaration, catalog, facts);
  for (const p of catalog?.provisions ?? []) {
    if (declaration.provisions?.statements[p.id]?.status !== 'not-applicable') continue;
    const invalid = invalidNotApplicable(declaration, catalog, catalog!, p);
    if (invalid)
      findings.push({ code: 'NOT_APPLICABLE_INVALID', message: invalid, paths: [`/provisions/statements/${p.id}`] });
  }
  const evidenceAgainst = new Map<ProvisionTopic, string[]>([
    ['passwords-unique', passwordEvidence],
    ['passwords-generation', passwordEvidence],
    ['vulnerability-disclosure', contactEvidence],
  ]);
  return { declaration, catalog, ...facts, findings, contradictions, evidenceAgainst };
}

/** Statements about the top three that disagree with the structured sections of the same declaration. */
function findContradictions(
  d: Declaration,
  catalog: Catalog | null,
  facts: Pick<Facts, 'passwords' | 'passwordsOutsideFactoryDefault' | 'contact' | 'disclosurePolicy'>,
) {
  const findings: Finding[] = [];
  const contradictions = new Map<ProvisionTopic, string[]>();
  if (!catalog || !d.provisions) return { findings, contradictions };
  const clauseLevel = catalog.id === 'uk-cop-2018' || catalog.id === 'etsi-ts-103645-2019';
  const add = (topic: ProvisionTopic, code: string, message: string, paths: string[]): void => {
    findings.push({ code, message, paths });
    contradictions.set(topic, [...(contradictions.get(topic) ?? []), message]);
  };
  for (const p of catalog.provisions) {
    if (!p.topic) continue;
    const s: ProvisionStatement | undefined = d.provisions.statements[p.id];
    if (!s) continue;
    const at = `/provisions/statements/${p.id}`;
    const says = (what: string): string => `${p.id} is declared ${s.status}, but ${what}.`;
    switch (p.topic) {
      case 'passwords-unique': {
        // The Code's guideline 1 also forbids resetting to a universal default; EN 303 645 5.1-1 does not.
        const v = clauseLevel ? facts.passwords : facts.passwordsOutsideFactoryDefault;
        const universal =
          d.passwords.usesPasswords &&
          (d.passwords.scheme === 'universal-default' ||
            (clauseLevel && d.passwords.resettableToUniversalDefault === true));
        if (s.status === 'implemented' && universal)
          add(
            p.topic,
            'PASSWORDS_CONTRADICTION',
            says('the passwords section describes a universal default password'),
            [at, '/passwords'],
          );
        if (s.status === 'not-implemented' && v.ok && !clauseLevel)
          add(p.topic, 'PASSWORDS_CONTRADICTION', says('the passwords section describes passwords that meet it'), [
            at,
            '/passwords',
          ]);
        break;
      }
      case 'passwords-generation':
        if (
          s.status === 'implemented' &&
          d.passwords.scheme === 'unique-per-device' &&
          d.passwords.generation !== undefined &&
          BAD_GENERATION[d.passwords.generation]
        ) {
          add(p.topic, 'PASSWORDS_CONTRADICTION', says(`passwords.generation is "${d.passwords.generation}"`), [
            at,
            '/passwords/generation',
          ]);
        }
        if (
          s.status === 'not-implemented' &&
          d.passwords.usesPasswords &&
          d.passwords.scheme === 'unique-per-device' &&
          d.passwords.generation !== undefined &&
          !BAD_GENERATION[d.passwords.generation]
        ) {
          add(
            p.topic,
            'PASSWORDS_CONTRADICTION',
            says(`passwords.generation is "${d.passwords.generation}", a generation method that meets it`),
            [at, '/passwords/generation'],
          );
        }
        break;
      case 'vulnerability-disclosure':
        if (s.status === 'implemented' && d.vulnerabilityDisclosure.contacts.length === 0) {
          add(p.topic, 'DISCLOSURE_CONTRADICTION', says('vulnerabilityDisclosure.contacts is empty'), [
            at,
            '/vulnerabilityDisclosure/contacts',
          ]);
        } else if (
          s.status === 'implemented' &&
          !clauseLevel &&
          (d.vulnerabilityDisclosure.acknowledgementWithinDays === undefined ||
            d.vulnerabilityDisclosure.statusUpdatesEveryDays === undefined)
        ) {
          add(
            p.topic,
            'DISCLOSURE_CONTRADICTION',
            says('the acknowledgement or status-update timeline it requires is not declared'),
            [at, '/vulnerabilityDisclosure'],
          );
        } else if (s.status === 'not-implemented' && (clauseLevel ? facts.contact.ok : facts.disclosurePolicy.ok)) {
          add(
            p.topic,
            'DISCLOSURE_CONTRADICTION',
            says(
              clauseLevel
                ? 'vulnerabilityDisclosure publishes a contact'
                : 'vulnerabilityDisclosure publishes a contact and the acknowledgement and status-update timelines',
            ),
            [at, '/vulnerabilityDisclosure'],
          );
        }
        break;
      case 'support-period':
        if (s.status === 'implemented' && !d.supportPeriod)
          add(p.topic, 'SUPPORT_PERIOD_CONTRADICTION', says('no supportPeriod is declared'), [at, '/supportPeriod']);
        if (s.status === 'not-implemented' && d.supportPeriod)
          add(
            p.topic,
            'SUPPORT_PERIOD_CONTRADICTION',
            says(`supportPeriod declares a published support period ending ${d.supportPeriod.endDate}`),
            [at, '/supportPeriod'],
          );
        break;
      default:
        break;
    }
  }
  return { findings, contradictions };
}
