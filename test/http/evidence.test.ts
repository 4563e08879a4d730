// Evidence over HTTP: JSON and text/plain uploads, the re-assessment in the answer and in /v1/sellable,
// problem+json for bad documents (naming the field, storing nothing), the public and the owner's views,
// and fetching a security.txt: refused for internal addresses, allowed from a local server only when the
// loopback allowance is switched on.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearer, openTestApp, type TestApp } from '../support/http.js';
import { declarationFor, fixedClock, manufacturer } from '../support/registry.js';
import { openTestStore } from '../support/dialects.js';
import { buildApp } from '../../src/server/index.js';
import { createServices } from '../../src/registry/index.js';
import { CAMERA_CONTACTS, failingPasswords, goodPasswords, securityTxt } from '../registry/evidence/fixtures.js';
import { withCheckDigit } from '../support/gtin.js';

const PSTI = 'uk-psti-2023';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const requirement = (declaration: Json, id: string) =>
  declaration.assessments.find((a: Json) => a.regime === PSTI).requirements.find((r: Json) => r.id === id);

describe('evidence over HTTP', () => {
  let t: TestApp;
  let n = 0;
  before(async () => {
    t = await openTestApp();
  });
  after(async () => {
    await t.close();
  });

  async function declare(
    patch: (doc: Json) => void = () => undefined,
    draft = false,
  ): Promise<{ id: string; gtin: string }> {
    const gtin = withCheckDigit(`050123456${String(7000 + n)}`);
    const doc = declarationFor({ brand: 'Acme', model: `HTTP-${n++}`, gtins: [gtin] });
    patch(doc);
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/declarations?draft=${draft}`,
      headers: bearer(t.keys.acme),
      payload: doc,
    });
    assert.equal(res.statusCode, 201, res.body);
    return { id: res.json().declaration.id, gtin };
  }
  const post = (id: string, payload: unknown, contentType = 'application/json', key = t.keys.acme) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/declarations/${id}/evidence`,
      headers: { ...bearer(key), 'content-type': contentType },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  test('a failing password analysis (JSON) makes the product unsellable under PSTI, with the finding as the reason', async () => {
    const { id, gtin } = await declare();
    const doc = await failingPasswords();
    const res = await post(id, { kind: 'passwords', document: doc });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    assert.equal(body.evidence.kind, 'passwords');
    assert.match(body.evidence.sha256, /^[0-9a-f]{64}$/);
    const req = requirement(body.declaration, 'psti-sch1-para1');
    assert.equal(req.status, 'not-met');
    const finding = doc.findings.find((f) => f.severity === 'fail')!;
    assert.ok(req.reasons.some((r: string) => r.includes(finding.message)));
    const sellable = (await t.app.inject(`/v1/sellable?gtin=${gtin}&regime=${PSTI}`)).json();
    assert.equal(sellable.sellable, false);
    assert.ok(sellable.reasons.some((r: string) => r.includes(finding.code)));
    // The page data (GET declaration) shows the stored re-assessment.
    assert.equal(
      requirement((await t.app.inject(`/v1/declarations/${id}`)).json(), 'psti-sch1-para1').status,
      'not-met',
    );
  });

  test('a security.txt sent as text/plain; the public sees the summary, the owner also the document', async () => {
    const { id, gtin } = await declare();
    const res = await post(id, securityTxt([CAMERA_CONTACTS[1]!]), 'text/plain');
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(requirement(res.json().declaration, 'psti-sch1-para2').status, 'not-met');
    assert.equal((await t.app.inject(`/v1/sellable?gtin=${gtin}&regime=${PSTI}`)).json().sellable, false);
    const fixed = await post(id, { kind: 'security-txt', text: securityTxt(CAMERA_CONTACTS) });
    assert.equal(requirement(fixed.json().declaration, 'psti-sch1-para2').status, 'met', fixed.body);
    await post(id, { kind: 'passwords', document: await goodPasswords() });
    const pub = (await t.app.inject(`/v1/declarations/${id}/evidence`)).json();
    assert.deepEqual(
      pub.evidence.map((e: Json) => [e.kind, e.current]),
      [
        ['passwords', true],
        ['security-txt', true],
        ['security-txt', false],
      ],
    );
    assert.equal(pub.evidence[0].passwords.statistics.rows, 300);
    assert.ok(Array.isArray(pub.evidence[0].passwords.findings));
    assert.deepEqual(pub.evidence[1].securityTxt.contacts, CAMERA_CONTACTS);
    assert.ok(
      pub.evidence.every((e: Json) => e.document === undefined),
      'no stored document for the public',
    );
    assert.ok(!JSON.stringify(pub).includes('"fingerprints"'));
    const own = (await t.app.inject({ url: `/v1/declarations/${id}/evidence`, headers: bearer(t.keys.acme) })).json();
    assert.equal(own.evidence[0].document.schemaVersion, 'iotlabel.password-evidence/v1');
  });

  test('bad documents: problem+json naming the field, nothing stored', async () => {
    const { id } = await declare();
    const raw = await failingPasswords();
    raw.findings[0]!.redactedExamples = ['password12'];
    const cases: [unknown, string, number, string][] = [
      [{ kind: 'passwords', document: raw }, 'application/json', 422, '/body/document/findings/0/redactedExamples/0'],
      [
        { kind: 'passwords', document: { ...(await goodPasswords()), rawPasswords: ['a'] } },
        'application/json',
        422,
        '/body/document/rawPasswords',
      ],
      [{ kind: 'passwords' }, 'application/json', 422, '/body/document'],
      [{ kind: 'security-txt' }, 'application/json', 422, '/body/text'],
      [{ kind: 'certificate', text: 'x' }, 'application/json', 400, '/body/kind'],
      [{ kind: 'security-txt', text: 'x', extra: 1 }, 'application/json', 400, '/body/extra'],
      ['', 'text/plain', 422, '/body/text'],
      // Evidence of the wrong kind (issue 18, point 4): a catalogue CSV or a JSON document as a security.txt.
      ['gtin,sku,name\n05012345678900,A1,Camera\n', 'text/plain', 422, '/body/text'],
      [{ kind: 'security-txt', text: '{"foo":1}' }, 'application/json', 422, '/body/text'],
      [
        { kind: 'security-txt', text: 'Contact: mailto:a@b.example\n\ufffdPNG\ufffd' },
        'application/json',
        422,
        '/body/text',
      ],
      [
        {
          kind: 'passwords',
          document: (() => {
            const d = structuredClone(raw);
            d.findings[0]!.redactedExamples = [];
            d.findings[0]!.evidence.pwd = 'hunter2';
            return d;
          })(),
        },
        'application/json',
        422,
        '/body/document/findings/0/evidence/pwd',
      ],
    ];
    for (const [payload, type, status, pointer] of cases) {
      const res = await post(id, payload, type);
      assert.equal(res.statusCode, status, `${pointer}: ${res.body}`);
      assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
      assert.ok(
        res.json().errors.some((e: Json) => e.pointer === pointer),
        `${pointer} not in ${res.body}`,
      );
    }
    assert.equal((await post(id, '{not json', 'application/json')).statusCode, 400);
    assert.deepEqual((await t.app.inject(`/v1/declarations/${id}/evidence`)).json().evidence, []);
  });

  test('the registry refuses to fetch a security.txt from an internal address', async () => {
    for (const host of ['127.0.0.1', '10.0.0.1', '169.254.169.254', '[::1]']) {
      const { id } = await declare((doc) => {
        doc.vulnerabilityDisclosure.securityTxtUrl = `https://${host}/.well-known/security.txt`;
      });
      const res = await post(id, { kind: 'security-txt', fetch: true });
      assert.equal(res.statusCode, 422, res.body);
      assert.equal(res.json().code, 'ADDRESS_NOT_ALLOWED', host);
    }
  });
});

describe('fetching a security.txt from a local server (loopback allowed for this test only)', () => {
  let server: Server;
  let port: number;
  let text = securityTxt(CAMERA_CONTACTS);
  let redirect = false;
  const close: (() => Promise<void>)[] = [];
  let app: Awaited<ReturnType<typeof buildApp>>;
  let key: string;

  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/.well-known/security.txt' && redirect)
        res.writeHead(302, { location: 'http://169.254.169.254/.well-known/security.txt' }).end();
      else if (req.url === '/.well-known/security.txt')
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    const store = await openTestStore('sqlite');
    const services = createServices({
      store: store.store,
      clock: fixedClock,
      evidence: { allowLoopback: true, timeoutMs: 3000 },
    });
    app = await buildApp(services, { logger: false });
    key = (await manufacturer(services, 'Local Maker Ltd')).key;
    close.push(async () => {
      await app.close();
      await store.close();
      await new Promise((r) => server.close(r));
    });
  });
  after(async () => {
    for (const c of close) await c();
  });

  async function declared(url: string, model: string): Promise<string> {
    const doc = declarationFor({ brand: 'Local', model, gtins: [] });
    doc.vulnerabilityDisclosure.securityTxtUrl = url;
    const res = await app.inject({ method: 'POST', url: '/v1/declarations', headers: bearer(key), payload: doc });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().declaration.id;
  }
  const fetchFor = (id: string) =>
    app.inject({
      method: 'POST',
      url: `/v1/declarations/${id}/evidence`,
      headers: bearer(key),
      payload: { kind: 'security-txt', fetch: true },
    });

  test('the fetched file is stored with its address and judged against the declared contacts', async () => {
    const id = await declared(`http://127.0.0.1:${port}/.well-known/security.txt`, 'L-1');
    const res = await fetchFor(id);
    assert.equal(res.statusCode, 201, res.body);
    const { evidence, declaration } = res.json();
    assert.equal(evidence.source, 'fetch');
    assert.equal(evidence.sourceUrl, `http://127.0.0.1:${port}/.well-known/security.txt`);
    assert.deepEqual(evidence.securityTxt.contacts, CAMERA_CONTACTS);
    assert.equal(
      requirement(declaration, 'psti-sch1-para2').status,
      'met',
      JSON.stringify(requirement(declaration, 'psti-sch1-para2')),
    );
    text = securityTxt([CAMERA_CONTACTS[0]!]);
    const again = await fetchFor(id);
    assert.equal(again.statusCode, 201, again.body);
    assert.equal(requirement(again.json().declaration, 'psti-sch1-para2').status, 'not-met');
  });

  test('loopback allowed still refuses private addresses, and a redirect into link-local space', async () => {
    const inside = await fetchFor(await declared('https://10.1.2.3/.well-known/security.txt', 'L-2'));
    assert.equal(inside.json().code, 'ADDRESS_NOT_ALLOWED');
    redirect = true;
    const redirected = await fetchFor(await declared(`http://127.0.0.1:${port}/.well-known/security.txt`, 'L-3'));
    redirect = false;
    assert.equal(redirected.statusCode, 422, redirected.body);
    assert.equal(redirected.json().code, 'ADDRESS_NOT_ALLOWED');
  });
});
