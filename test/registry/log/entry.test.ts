// The event -> log entry function on its own: which events are logged as what, and that an entry is made from
// the event and the log's context alone (the declaration's document, GTINs and hash travel in the event).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CommittedEvent, RegistryEvent } from '../../../src/registry/events.js';
import { LOG_ENTRY_TYPES, STATUS_ENTRY, logEntryOf, logEntryTypeOf } from '../../../src/registry/log/entry.js';

const at = '2026-01-02T03:04:05.000Z';
const committed = (event: RegistryEvent): CommittedEvent =>
  ({ seq: 1, at, productId: null, organisationId: null, ...event }) as CommittedEvent;
const noContext = { previous: null, product: { gtins: [], supportEnd: null } };

describe('log entries from registry events', () => {
  test('a misspelt event type does not compile', () => {
    const misspelt: RegistryEvent = {
      // @ts-expect-error 'product-withdrawal' is not a registry event
      type: 'product-withdrawal',
      subjectId: 'prd_1',
      productId: 'prd_1',
      organisationId: 'org_1',
      payload: { reason: 'typo' },
    };
    assert.equal(logEntryTypeOf(misspelt), undefined);
  });

  test('a label status change is logged by the status it sets', () => {
    for (const [status, type] of Object.entries(STATUS_ENTRY)) {
      const event = committed({
        type: 'label-status-changed',
        subjectId: 'lbl_1',
        productId: 'prd_1',
        organisationId: 'org_1',
        payload: {
          labelId: 'lbl_1',
          status: status as keyof typeof STATUS_ENTRY,
          previous: 'valid',
          reason: 'r',
          statusList: 0,
          statusIndex: 3,
        },
      });
      assert.equal(logEntryOf(event, noContext)?.record.type, type);
    }
    assert.deepEqual([...new Set(Object.values(STATUS_ENTRY))].sort(), [
      'label-reinstated',
      'label-revoked',
      'label-suspended',
    ]);
    assert.ok(Object.values(STATUS_ENTRY).every((t) => LOG_ENTRY_TYPES.includes(t)));
  });

  test('an unlogged event makes no entry', () => {
    const event = committed({ type: 'webhook-created', subjectId: 'wh_1', organisationId: 'org_1', payload: {} });
    assert.equal(logEntryOf(event, noContext), null);
  });

  test('a declaration entry comes from the event: version, hash, support end, every GTIN, outcomes, document', () => {
    const event = committed({
      type: 'declaration-submitted',
      subjectId: 'dcl_1',
      productId: 'prd_1',
      organisationId: 'org_1',
      payload: {
        declarationId: 'dcl_1',
        version: 2,
        sha256: 'a'.repeat(64),
        supportEndDate: '2031-01-01',
        gtinsAdded: ['05000000000002'],
        fromDraftId: null,
        outcomes: [{ regime: 'uk-psti-2023', outcome: 'pass', sellable: true }],
      },
      logged: { gtins: ['05000000000001', '05000000000002'], document: '{"d":1}' },
    });
    // The context's product facts are from before the event; the event's own say what the product now is.
    const entry = logEntryOf(event, { previous: 7, product: { gtins: ['05000000000001'], supportEnd: '2030-01-01' } });
    assert.deepEqual(entry, {
      record: {
        v: 1,
        type: 'declaration',
        time: at,
        subject: 'dcl_1',
        manufacturer: 'org_1',
        product: 'prd_1',
        gtins: ['05000000000001', '05000000000002'],
        supportEnd: '2031-01-01',
        verdicts: { 'uk-psti-2023': 'pass' },
        sha256: 'a'.repeat(64),
        previous: 7,
        version: 2,
      },
      document: { mediaType: 'application/json', body: '{"d":1}' },
    });
  });

  test('a label entry names its declaration entry and takes its verdicts', () => {
    const event = committed({
      type: 'label-issued',
      subjectId: 'lbl_1',
      productId: 'prd_1',
      organisationId: 'org_1',
      payload: {
        labelId: 'lbl_1',
        regime: 'uk-psti-2023',
        gtin: '05000000000001',
        shield: 'pass',
        supportEndDate: '2031-01-01',
        declarationId: 'dcl_1',
        declarationVersion: 2,
        statusList: 0,
        statusIndex: 0,
        kid: 'k1',
        supersedes: null,
      },
    });
    const entry = logEntryOf(event, {
      previous: 8,
      product: { gtins: ['05000000000001'], supportEnd: '2031-01-01' },
      declaration: { index: 8, sha256: 'b'.repeat(64), verdicts: { 'uk-psti-2023': 'pass' } },
    });
    assert.equal(entry?.record.declaration, 8);
    assert.equal(entry?.record.declarationSha256, 'b'.repeat(64));
    assert.deepEqual(entry?.record.verdicts, { 'uk-psti-2023': 'pass' });
    assert.deepEqual(entry?.record.gtins, ['05000000000001']);
    assert.equal(entry?.document, null);
  });
});
