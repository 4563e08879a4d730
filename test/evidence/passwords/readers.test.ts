// CSV, NDJSON and JSON batch readers: mapping, line numbers for bad rows, and property tests that any
// input ends in records, row problems or PasswordBatchInvalid, never another exception.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { IotlabelError } from '../../../src/errors.js';
import {
  parseColumnMap,
  readCredentialCsv,
  readCredentialJson,
  readCredentialNdjson,
  type BatchItem,
  type CredentialRecord,
} from '../../../src/evidence/passwords/index.js';

async function all(items: AsyncIterable<BatchItem> | Iterable<BatchItem>): Promise<BatchItem[]> {
  const out: BatchItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const csv = (text: string, columns?: string) =>
  all(readCredentialCsv([text], { columns: columns === undefined ? undefined : parseColumnMap(columns) }));

test('CSV rows become records with normalised MACs, SSIDs and extra identifiers', async () => {
  const items = await csv(
    'device_id,credential_type,password,serial_number,mac_addresses,wifi_ssid,production_date,extra_identifiers\n' +
      'd1,wifi_psk,Secret-1,SN1,"wlan2g=64:7c:34:12:34:56;eth=64-7C-34-12-34-57",UPC1234,2026-01-02,"{""imei"":""3512""}"\n',
  );
  assert.equal(items.length, 1);
  const r = (items[0] as { record: CredentialRecord }).record;
  assert.deepEqual(r.macs, ['647C34123456', '647C34123457']);
  assert.deepEqual(r.ssids, ['UPC1234']);
  assert.equal(r.extraIdentifiers.imei, '3512');
  assert.equal(r.line, 2);
});

test('bad CSV rows are reported with their line numbers, not dropped', async () => {
  const items = await csv(
    'device_id,credential_type,password,mac_addresses\nd1,wifi_psk,a,00:11:22:33:44:55\nd2,nope,b,\nd3,wifi_psk\n,wifi_psk,c,\nd5,wifi_psk,e,zz\n',
  );
  const problems = items
    .filter((i): i is { problem: { line?: number; message: string } } => 'problem' in i)
    .map((i) => i.problem);
  assert.deepEqual(
    problems.map((p) => p.line),
    [3, 4, 5, 6],
  );
  assert.match(problems[0]!.message, /credential_type "nope"/);
  assert.match(problems[1]!.message, /number of fields/);
  assert.match(problems[2]!.message, /device_id is empty/);
  assert.match(problems[3]!.message, /not a MAC address/);
});

test('a column map renames the file headers; a header without device_id or password is refused', async () => {
  const items = await csv('ID,PW,SN\nx1,hunter22,S-1\n', 'device_id=ID,password=PW,serial_number=SN');
  assert.equal((items[0] as { record: { serial?: string } }).record.serial, 'S-1');
  await assert.rejects(
    csv('id,secret\n1,2\n'),
    (e: IotlabelError) => e.code === 'PASSWORD_BATCH_INVALID' && /no password/.test(e.message),
  );
  assert.throws(
    () => parseColumnMap('nonsense=X'),
    (e: IotlabelError) => e.code === 'PASSWORD_BATCH_INVALID',
  );
});

test('NDJSON: flat rows and device objects, bad lines with their numbers', async () => {
  const text =
    '{"device_id":"a","password":"p1"}\n\nnot json\n{"id":"b","identifiers":{"serial":"S2","macs":{"wlan":"00:11:22:33:44:55"}},"credentials":[{"type":"ssh","password":"p2"}]}\n[1]\n';
  const items = await all(readCredentialNdjson([text.slice(0, 20), text.slice(20)]));
  assert.equal(items.filter((i) => 'record' in i).length, 2);
  assert.deepEqual(
    items.filter((i) => 'problem' in i).map((i) => (i as { problem: { line?: number } }).problem.line),
    [3, 5],
  );
});

test('JSON batch document: declaration, product model and per-device credentials', async () => {
  const doc = {
    declaration: { method: 'keyed-hash', keyedDerivation: { keyCustody: 'HSM', evidenceRef: 'x' } },
    product: { model: 'M1' },
    devices: [
      {
        id: 'd',
        identifiers: { serial: 'S' },
        credentials: [
          { type: 'wifi_psk', password: 'a' },
          { type: 'ble_pin', password: '1234' },
        ],
      },
    ],
  };
  const batch = readCredentialJson(JSON.stringify(doc));
  assert.equal(batch.declaration?.method, 'keyed-hash');
  const items = await all(batch.items);
  assert.equal(items.length, 2);
  assert.equal((items[0] as { record: { model?: string } }).record.model, 'M1');
  assert.throws(
    () => readCredentialJson('{"declaration":{"method":"magic"},"devices":[]}'),
    (e: IotlabelError) => e.code === 'PASSWORD_BATCH_INVALID' && /method/.test(e.message),
  );
  assert.throws(
    () => readCredentialJson('{'),
    (e: IotlabelError) => e.code === 'PASSWORD_BATCH_INVALID',
  );
});

const onlyDomainErrors = (error: unknown) => {
  if (!(error instanceof IotlabelError) || error.code !== 'PASSWORD_BATCH_INVALID') throw error;
};

test('property: any CSV text gives records, problems or PASSWORD_BATCH_INVALID', async () => {
  const cell = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('"', '""', ',', '\n', '\r\n', 'wifi_psk', '00:11:22:33:44:55', '2026-02-30', '{"a":1}'),
  );
  const body = fc
    .array(
      fc.array(cell, { maxLength: 6 }).map((cells) => cells.join(',')),
      { maxLength: 8 },
    )
    .map((rows) => rows.join('\n'));
  await fc.assert(
    fc.asyncProperty(fc.boolean(), body, async (withHeader, text) => {
      try {
        const items = await csv(
          (withHeader ? 'device_id,credential_type,password,mac_addresses,production_date,extra_identifiers\n' : '') +
            text,
        );
        for (const item of items) assert.ok('record' in item || typeof item.problem.message === 'string');
      } catch (error) {
        onlyDomainErrors(error);
      }
    }),
    { numRuns: 200 },
  );
});

test('property: any NDJSON and JSON text gives records, problems or PASSWORD_BATCH_INVALID', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.string(),
        fc.json(),
        fc.jsonValue().map((v) => JSON.stringify({ devices: [v, { id: 'x', credentials: [v] }] })),
      ),
      async (text) => {
        try {
          await all(readCredentialNdjson([text]));
          await all(readCredentialJson(text).items);
        } catch (error) {
          onlyDomainErrors(error);
        }
      },
    ),
    { numRuns: 300 },
  );
});
