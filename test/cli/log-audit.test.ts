// The monitor's audit of served answers on its own, against a fake registry that serves what it likes (so it
// does not depend on the registry refusing its own inconsistent answers): each disagreement with the log is
// its own named violation, a faithful registry gives none, and --sample audits an even, repeatable subset.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { auditServedAnswers } from '../../src/cli/commands/log-audit.js';
import { canonicalJson, sha256Hex } from '../../src/registry/log/canonical-json.js';
import { encodeLogRecord, type LogRecord } from '../../src/registry/log/entry.js';
import { checkPromises, emptyPromiseState } from '../../src/registry/log/promises.js';
import { labellingRegimeIds } from '../../src/regimes/roles.js';

const document = { schemaVersion: 'iotlabel.declaration/v1', product: { model: 'A-1' } };
const sha256 = sha256Hex(canonicalJson(document));
const GTIN = '05012345678900';

function record(over: Partial<LogRecord>): LogRecord {
  return {
    v: 1,
    type: 'declaration',
    time: '2026-11-24T10:00:00.000Z',
    subject: 'dcl_1',
    manufacturer: 'org_1',
    product: 'prd_1',
    gtins: [GTIN],
    supportEnd: '2030-12-31',
    verdicts: {},
    sha256: null,
    previous: null,
    ...over,
  };
}

const entries = [
  record({ sha256, version: 1 }),
  record({ type: 'label-issued', subject: 'LBL1', previous: 0, declaration: 0, declarationSha256: sha256 }),
  record({ type: 'label-revoked', subject: 'LBL1', previous: 1 }),
].map((r, index) => ({ index, data: encodeLogRecord(r) }));
const { state } = checkPromises(entries, emptyPromiseState());

/** A registry serving the log's facts, with `edit` applied to the answers. */
function registry(edit: Record<string, unknown> = {}) {
  const declaration = { id: 'dcl_1', version: 1, sha256, supportEndDate: '2030-12-31' };
  const answers: Record<string, unknown> = {
    '/v1/products/prd_1': { latestDeclaration: declaration, withdrawn: null },
    '/v1/declarations/dcl_1': { document },
    '/v1/labels/LBL1': { status: { status: 'revoked' } },
    '/v1/products/prd_1/history': { entries: [], next: null },
    ...edit,
  };
  return async (path: string) => {
    if (path.startsWith('/v1/sellable?'))
      return (
        answers.sellable ?? {
          supportEndDate: '2030-12-31',
          declaration: { id: 'dcl_1', version: 1, sha256 },
          labelId: path.includes(labellingRegimeIds()[0]!) ? 'LBL1' : null,
          labelStatus: path.includes(labellingRegimeIds()[0]!) ? 'revoked' : null,
        }
      );
    if (!(path in answers)) throw new Error(`HTTP 404 for ${path}`);
    return answers[path];
  };
}

const audit = (getJson: (path: string) => Promise<unknown>, sample?: number) =>
  auditServedAnswers({ getJson, state, verifiers: [], sample });
const codes = async (edit: Record<string, unknown>) => [
  ...new Set((await audit(registry(edit))).violations.map((v) => v.code)),
];

describe('auditing served answers against the log', () => {
  test('a registry that serves what the log says: no violation', async () => {
    const result = await audit(registry());
    assert.deepEqual(result.violations, []);
    assert.equal(result.products, 1);
  });

  test('a shorter support date in the product answer: LOG_SERVED_SUPPORT_MISMATCH', async () => {
    const edited = { id: 'dcl_1', version: 1, sha256, supportEndDate: '2027-06-30' };
    assert.deepEqual(await codes({ '/v1/products/prd_1': { latestDeclaration: edited, withdrawn: null } }), [
      'LOG_SERVED_SUPPORT_MISMATCH',
    ]);
  });

  test('an older version served by /v1/sellable: LOG_SERVED_DECLARATION_MISMATCH', async () => {
    const sellable = { supportEndDate: '2030-12-31', declaration: { id: 'dcl_0', version: 0, sha256 }, labelId: null };
    assert.deepEqual(await codes({ sellable }), ['LOG_SERVED_DECLARATION_MISMATCH']);
  });

  test('a rewritten document: LOG_SERVED_DOCUMENT_MISMATCH', async () => {
    const rewritten = { document: { ...document, product: { model: 'A-2' } } };
    assert.deepEqual(await codes({ '/v1/declarations/dcl_1': rewritten }), ['LOG_SERVED_DOCUMENT_MISMATCH']);
  });

  test('an un-revoked label: LOG_SERVED_LABEL_MISMATCH', async () => {
    assert.deepEqual(await codes({ '/v1/labels/LBL1': { status: { status: 'valid' } } }), [
      'LOG_SERVED_LABEL_MISMATCH',
    ]);
  });

  test('a proof that does not verify: LOG_SERVED_PROOF_INVALID; an answer not served: LOG_SERVED_UNAVAILABLE', async () => {
    const history = { entries: [{ index: 0, entry: '{}', proof: 'not a proof' }], next: null };
    assert.deepEqual(await codes({ '/v1/products/prd_1/history': history }), ['LOG_SERVED_PROOF_INVALID']);
    const gone = await audit(async (path) => {
      if (path === '/v1/labels/LBL1') throw new Error('HTTP 404');
      return registry()(path);
    });
    assert.deepEqual(
      gone.violations.map((v) => [v.code, v.path]),
      [['LOG_SERVED_UNAVAILABLE', '/v1/labels/LBL1']],
    );
  });

  test('--sample 0 audits nothing; a sample never exceeds the products logged', async () => {
    assert.equal((await audit(registry({ '/v1/labels/LBL1': { status: { status: 'valid' } } }), 0)).products, 0);
    assert.equal((await audit(registry(), 5)).products, 1);
  });
});
