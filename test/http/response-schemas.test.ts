// Fastify's response schemas are whitelists: a property a view has and its schema lacks is dropped from the
// answer without an error. Each view the API returns is filled completely (every optional field present, no
// null where a value can stand; `Filled<T>` makes a forgotten field a type error) and sent through the schema
// the routes reply with; what comes out must equal what went in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { SCHEMAS, ref } from '../../src/http/schemas.js';
import { LABEL_SCHEMAS } from '../../src/http/routes/labels.js';
import { EVIDENCE_SCHEMA } from '../../src/http/routes/evidence.js';
import type {
  ApiKeyView,
  AuditView,
  CreatedKey,
  DeclarationView,
  EventView,
  LabelView,
  OrganisationView,
  ProductView,
  SellableAnswer,
} from '../../src/registry/index.js';
import type { EvidenceView } from '../../src/registry/evidence/view.js';

/** Every key required and not null, all the way down: a filled view exercises every property of its schema. */
type Filled<T> = T extends readonly (infer U)[]
  ? Filled<U>[]
  : T extends object
    ? { [K in keyof T]-?: Filled<NonNullable<T[K]>> }
    : T;

const AT = '2026-11-24T10:00:00.000Z';
const manufacturer = { id: 'org_acme', name: 'Acme Devices Ltd' };
const assessmentLabel = { shield: 'tick' as const, supportEndDate: '2030-12-31' };

const organisation = {
  id: 'org_acme',
  name: 'Acme Devices Ltd',
  kind: 'manufacturer',
  createdAt: AT,
} satisfies Filled<OrganisationView>;

const apiKey = {
  id: 'key_1',
  organisationId: 'org_acme',
  role: 'manufacturer',
  name: 'CI',
  prefix: 'iotl_abcd',
  createdAt: AT,
  revokedAt: AT,
  lastUsedAt: AT,
} satisfies Filled<ApiKeyView>;

const createdKey = { ...apiKey, key: 'iotl_abcd_secret' } satisfies Filled<CreatedKey>;

const declarationSummary = {
  id: 'dec_1',
  version: 2,
  status: 'submitted' as const,
  sha256: 'a'.repeat(64),
  supportEndDate: '2030-12-31',
  createdAt: AT,
};

const logReference = { index: 7, leafHash: 'b'.repeat(64), checkpointSize: 9, entry: '{"v":1}' };

const product = {
  id: 'prd_1',
  manufacturer,
  brand: 'Acme',
  model: 'CAM-1',
  name: 'Acme indoor camera',
  category: 'camera',
  gtins: ['05012345678900'],
  createdAt: AT,
  withdrawn: { at: AT, reason: 'recalled' },
  latestDeclaration: declarationSummary,
  log: logReference,
} satisfies Filled<ProductView>;

const declaration = {
  ...declarationSummary,
  productId: 'prd_1',
  organisationId: 'org_acme',
  fromDraftId: 'dec_0',
  document: { schemaVersion: 'iotlabel.declaration/v1', product: { brand: 'Acme' } },
  assessments: [
    {
      regime: 'uk-psti-2023',
      at: '2026-11-24',
      outcome: 'pass' as const,
      sellable: true,
      label: assessmentLabel,
      requirements: [
        {
          id: 'psti-1',
          title: 'No universal default passwords',
          status: 'met' as const,
          reasons: ['unique per device'],
          route: 'Schedule 2 paragraph 1',
        },
      ],
      findings: [{ code: 'PASSWORDS_CONTRADICTION', message: 'the statements disagree', paths: ['/passwords'] }],
      recommendations: [
        { id: 'en-5.1-3', title: 'Best-practice crypto', status: 'not-implemented' as const, justification: 'later' },
      ],
      version: { id: '2024/2847', from: '2027-12-11', by: 'Regulation (EU) 2024/2847' },
      level: 2,
      mark: {
        form: 'asterisks' as const,
        verifier: 'lab-review' as const,
        validity: 'up to 3 years',
        validityYears: 3,
        gives: 'label',
        level: 2,
      },
      obligations: [{ id: 'cra-art14-reporting', from: '2026-09-11', title: 'Article 14', text: 'report' }],
      conformity: {
        productClass: 'important-class-i' as const,
        annexEntry: 'Annex III Class I point 17',
        routes: ['Module B + C'],
        reason: 'an important product',
      },
    },
  ],
} satisfies Filled<DeclarationView>;

const labelStatus = { status: 'suspended' as const, at: AT, reason: 'under review' };
const label = {
  id: 'LBL1',
  productId: 'prd_1',
  manufacturer,
  brand: 'Acme',
  model: 'CAM-1',
  regime: 'uk-2019-option-a',
  gtin: '05012345678900',
  shield: 'tick' as const,
  supportEndDate: '2030-12-31',
  issuedAt: AT,
  declaration: { id: 'dec_1', version: 2 },
  status: labelStatus,
  history: [{ ...labelStatus, previous: 'valid' as const }],
  supersededBy: 'LBL2',
  statusList: { number: 1, index: 7, uri: 'https://labels.example/v1/status-lists/1' },
  kid: 'kid-1',
  token: 'eyJhbGciOiJFZERTQSJ9.e30.sig',
  claims: {
    iss: 'https://labels.example',
    sub: 'LBL1',
    gtin: '05012345678900',
    reg: 'uk-2019-option-a' as const,
    sh: 't' as const,
    sup: '2030-12-31',
    iat: 1_790_000_000,
    status: { status_list: { idx: 7, uri: 'https://labels.example/v1/status-lists/1' } },
    log: 3,
  },
  links: {
    self: 'https://labels.example/v1/labels/LBL1',
    svg: 'https://labels.example/v1/labels/LBL1/svg',
    png: 'https://labels.example/v1/labels/LBL1/png',
    qr: 'https://labels.example/01/05012345678900#token',
    statusList: 'https://labels.example/v1/status-lists/1',
    keys: 'https://labels.example/.well-known/iotlabel/keys',
    product: 'https://labels.example/v1/products/prd_1',
  },
  log: logReference,
} satisfies Filled<LabelView>;

const sellable = {
  product: {
    id: 'prd_1',
    brand: 'Acme',
    model: 'CAM-1',
    name: 'Acme indoor camera',
    manufacturer,
    gtins: ['05012345678900'],
  },
  regime: 'uk-psti-2023',
  at: '2026-11-24',
  sellable: false,
  outcome: 'label-suspended' as const,
  reason: 'The label is suspended.',
  reasons: ['The label is suspended.', 'under review'],
  supportEndDate: '2030-12-31',
  label: assessmentLabel,
  labelId: 'LBL1',
  labelStatus: 'suspended' as const,
  labelUrl: 'https://labels.example/v1/labels/LBL1',
  declaration: { id: 'dec_1', version: 2, sha256: 'a'.repeat(64) },
  log: logReference,
} satisfies Filled<SellableAnswer>;

const event = {
  seq: 12,
  at: AT,
  type: 'declaration.submitted',
  subjectId: 'dec_1',
  productId: 'prd_1',
  organisationId: 'org_acme',
  payload: { version: 2, gtins: ['05012345678900'] },
} satisfies Filled<EventView>;

const audit = {
  id: 5,
  at: AT,
  organisationId: 'org_acme',
  keyId: 'key_1',
  action: 'label.issue',
  subjectType: 'label',
  subjectId: 'LBL1',
  detail: { regime: 'uk-2019-option-a' },
} satisfies Filled<AuditView>;

// The password part is the analyser's own document (its schema passes it through as free objects), so only its
// top-level keys are spelt out here.
const passwordsPart = {
  analyser: { name: 'iotlabel-passwords', version: '1.0.0' },
  declaration: { uniquePerDevice: true },
  verdict: 'warn',
  findings: [{ code: 'PASSWORDS_SHARED', severity: 'warn', message: 'two devices share a password' }],
  statistics: { rows: 2 },
} as unknown as NonNullable<EvidenceView['passwords']>;
const evidence = {
  id: 'evd_1',
  declarationId: 'dec_1',
  kind: 'passwords' as const,
  sha256: 'b'.repeat(64),
  source: 'fetch' as const,
  sourceUrl: 'https://acme.example/.well-known/security.txt',
  createdAt: AT,
  current: true,
  passwords: passwordsPart,
  securityTxt: {
    valid: true,
    expired: false,
    expiresAt: '2027-01-01T00:00:00.000Z',
    signed: true,
    contacts: ['mailto:security@acme.example'],
    problems: [{ code: 'EXPIRES_SOON', message: 'expires within a month' }],
    warnings: [{ code: 'expiry_space', message: 'line 2: a space, not T', internetNl: null }],
    recommendations: [{ code: 'NO_ENCRYPTION', message: 'add an Encryption field' }],
  },
  document: { schemaVersion: 'iotlabel.password-evidence/v1' },
  withdraws: { evidenceId: 'evd_0', reason: 'uploaded to the wrong declaration' },
  withdrawn: { at: AT, by: 'evd_2', reason: 'the batch was re-analysed' },
} satisfies Required<EvidenceView>;

// Schema id -> a filled view, and the routes that answer with it.
const VIEWS: [schema: string, view: object, routes: string][] = [
  ['Organisation', organisation, 'POST /v1/organisations, GET /v1/organisations/:id'],
  ['ApiKey', apiKey, 'DELETE /v1/organisations/:id/keys/:keyId'],
  ['CreatedApiKey', createdKey, 'POST /v1/organisations/:id/keys'],
  ['DeclarationSummary', declarationSummary, "Product's latestDeclaration"],
  ['Product', product, 'POST/GET /v1/products, GET /v1/gtins/:gtin, POST .../withdraw'],
  ['Declaration', declaration, 'POST/GET /v1/products/:id/declarations'],
  ['Label', label, 'POST /v1/products/:id/labels, GET /v1/labels/:id, PATCH .../status'],
  ['Sellable', sellable, 'GET /v1/sellable'],
  ['Event', event, 'GET /v1/events'],
  ['AuditEntry', audit, 'GET /v1/audit'],
  ['Evidence', evidence, 'POST/GET /v1/declarations/:id/evidence'],
];

test('every filled view comes out of its response schema unchanged', async () => {
  const app = Fastify({ logger: false });
  for (const schema of [...SCHEMAS, ...LABEL_SCHEMAS, EVIDENCE_SCHEMA]) app.addSchema(schema);
  for (const [schema, view] of VIEWS) {
    app.get(`/${schema}`, { schema: { response: { 200: ref(schema) } } }, async () => view);
  }
  await app.ready();
  try {
    for (const [schema, view, routes] of VIEWS) {
      const res = await app.inject(`/${schema}`);
      assert.equal(res.statusCode, 200, `${schema}: ${res.body}`);
      assert.deepEqual(res.json(), view, `${schema} (${routes}) drops or changes a field`);
    }
  } finally {
    await app.close();
  }
});

test('the check notices a dropped field', async () => {
  const app = Fastify({ logger: false });
  for (const schema of SCHEMAS) app.addSchema(schema);
  app.get('/o', { schema: { response: { 200: ref('Organisation') } } }, async () => ({ ...organisation, extra: 1 }));
  const res = await app.inject('/o');
  assert.deepEqual(res.json(), organisation);
  await app.close();
});
