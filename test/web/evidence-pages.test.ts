// The manufacturer's evidence page through app.inject: reached from the product and declaration pages,
// uploads of a password analysis and of a security.txt (multipart, CSRF token first) followed by the
// findings in words and the re-assessment, on each database; then the refusals: no CSRF token, another
// manufacturer, bad files (error summaries, never a 500), no device password ever on the page, and
// hostile text shown escaped.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../support/dialects.js';
import { batch, WEAK } from '../evidence/passwords/fixtures/generators.js';
import { CAMERA_CONTACTS, failingPasswords, goodPasswords, securityTxt } from '../registry/evidence/fixtures.js';
import { systemActor } from '../../src/registry/index.js';
import { postMultipart, addAccount, type FilePart } from './roles-support.js';
import { Browserish, HOSTILE, csrfToken, openWebFixture, type WebFixture } from './support.js';

const evidenceLink = (html: string) => /href="(\/manufacturer\/declarations\/dcl_[^/"]+\/evidence)"/.exec(html)?.[1];

async function signedIn(f: WebFixture, who: { email: string; password: string }): Promise<Browserish> {
  const b = new Browserish(f.app);
  assert.equal((await b.signIn(who.email, who.password)).statusCode, 303);
  return b;
}

/** The evidence page of a product's latest version, found by following the links a person would. */
async function evidencePageOf(b: Browserish, productId: string): Promise<string> {
  const product = await b.get(`/manufacturer/products/${productId}`);
  const fromProduct = evidenceLink(product.body);
  assert.ok(fromProduct, 'the product page links to the evidence page');
  const declaration = await b.get(fromProduct.replace(/\/evidence$/, ''));
  assert.equal(evidenceLink(declaration.body), fromProduct, 'so does the declaration page');
  return fromProduct;
}

/** GETs the page and posts one of its forms with the page's own CSRF token. */
async function upload(
  f: WebFixture,
  b: Browserish,
  page: string,
  kind: 'passwords' | 'security-txt',
  fields: Record<string, string>,
  files: FilePart[],
  token?: string,
) {
  const html = (await b.get(page)).body;
  return postMultipart(f.app, b, `${page}/${kind}`, { _csrf: token ?? csrfToken(html), ...fields }, files);
}

const analysisFile = (doc: unknown): FilePart => ({
  name: 'analysis',
  fileName: 'analysis.json',
  contentType: 'application/json',
  content: JSON.stringify(doc),
});
const txtFile = (content: string | Buffer): FilePart => ({
  name: 'securityTxtFile',
  fileName: 'security.txt',
  contentType: 'text/plain',
  content,
});
const noFile = (name: string): FilePart => ({
  name,
  fileName: '',
  contentType: 'application/octet-stream',
  content: '',
});

/** Every password of the failing fixture batch (password1 ... password300): none may ever reach a page. */
const devicePasswords = [
  ...batch(
    WEAK.find((s) => s.name === 'counter password1, password2, ...')!,
    300,
  ),
].map((r) => r.password!);

for (const dialect of DIALECTS) {
  describe(`evidence page (${dialect})`, () => {
    let f: WebFixture;
    before(async () => {
      f = await openWebFixture({ dialect });
    });
    after(async () => {
      await f.close();
    });

    test('a manufacturer uploads a password analysis and a security.txt, and sees what they found and the new outcome', async () => {
      const b = await signedIn(f, f.acme);
      const page = await evidencePageOf(b, f.acme.productId);
      const empty = await b.get(page);
      assert.equal(empty.statusCode, 200);
      assert.match(empty.body, /<h1 class="govuk-heading-xl">Evidence for version 1<\/h1>/);
      assert.match(
        /data-qa="outcomes">([\s\S]*?)<\/ul>/.exec(empty.body)![1]!,
        /Meets the rules\s*<\/strong>\s*UK PSTI/,
        'PSTI is met before any evidence',
      );
      assert.match(empty.body, /data-qa="no-password-evidence"/);
      assert.match(empty.body, /data-qa="no-security-txt"/);
      assert.match(empty.body, /enctype="multipart\/form-data"/);
      assert.ok(
        empty.body.indexOf('name="_csrf"') < empty.body.indexOf('name="analysis"'),
        'the token comes before the file',
      );

      const doc = await failingPasswords();
      const added = await upload(f, b, page, 'passwords', {}, [analysisFile(doc)]);
      assert.equal(added.statusCode, 303, added.body);
      assert.equal(added.headers.location, `${page}?added=passwords`);
      const after = await b.get(added.headers.location);
      assert.match(after.body, /data-qa="evidence-added"/);
      assert.match(after.body, /Password analysis added/);
      assert.match(after.body, /Contradicts the declaration/);
      // The finding in the analyser's catalogue words, with the analyser's own sentence.
      assert.match(after.body, /data-qa="finding-PW-SEQUENTIAL"/);
      assert.match(after.body, /Passwords follow a counter/);
      // The re-assessment: PSTI is no longer met, on this page and on the declaration page.
      const outcomes = /data-qa="outcomes">([\s\S]*?)<\/ul>/.exec(after.body)![1]!;
      assert.match(outcomes, /Does not meet the rules\s*<\/strong>\s*UK PSTI/);
      const declaration = await f.services.declarations.getDeclaration(systemActor('test'), page.split('/')[3]!);
      assert.equal(declaration.assessments.find((a) => a.regime === 'uk-psti-2023')!.outcome, 'fail');

      // No device password, no redacted example and no fingerprint reaches the page.
      for (const password of devicePasswords) assert.ok(!after.body.includes(password), `the page shows ${password}`);
      for (const example of doc.findings.flatMap((x) => x.redactedExamples))
        assert.ok(!after.body.includes(example), `the page shows ${example}`);
      assert.ok(!after.body.includes(doc.fingerprints.keyId));
      for (const d of doc.fingerprints.duplicates) assert.ok(!after.body.includes(d.fingerprint));

      // A security.txt pasted without its final line break (as copying loses it) is accepted as valid.
      const pasted = securityTxt(CAMERA_CONTACTS).trimEnd();
      const txt = await upload(f, b, page, 'security-txt', { securityTxt: pasted }, [noFile('securityTxtFile')]);
      assert.equal(txt.statusCode, 303, txt.body);
      const withTxt = await b.get(txt.headers.location as string);
      assert.match(withTxt.body, /security.txt added/);
      const summary = /data-qa="security-txt-evidence">([\s\S]*?)<\/dl>/.exec(withTxt.body)![1]!;
      assert.match(summary, /Valid/);
      assert.match(summary, /30 June 2027/);
      for (const c of CAMERA_CONTACTS) assert.ok(summary.includes(c));
      assert.match(withTxt.body, /data-qa="security-txt-no-problems"/);

      // A better analysis and a file upload of a security.txt: the newest counts, the earlier ones are listed.
      assert.equal((await upload(f, b, page, 'passwords', {}, [analysisFile(await goodPasswords())])).statusCode, 303);
      assert.equal(
        (
          await upload(f, b, page, 'security-txt', { securityTxt: '' }, [
            txtFile(securityTxt(CAMERA_CONTACTS, '2027-01-31T00:00:00Z')),
          ])
        ).statusCode,
        303,
      );
      const latest = await b.get(page);
      assert.match(/data-qa="password-evidence">([\s\S]*?)<\/dl>/.exec(latest.body)![1]!, /No problems found/);
      assert.match(latest.body, /Earlier password analyses/);
      assert.match(latest.body, /Earlier security.txt files/);
      assert.match(latest.body, /31 January 2027/);
      const listed = await f.services.evidence.listEvidence(systemActor('test'), declaration.id);
      assert.deepEqual(
        listed.evidence.map((e) => [e.kind, e.current]),
        [
          ['security-txt', true],
          ['passwords', true],
          ['security-txt', false],
          ['passwords', false],
        ],
      );

      // Withdrawing the current analysis: a reason is needed; then the page has none current, and keeps it.
      const withdrawPage = await b.get(page);
      const current = listed.evidence.find((e) => e.kind === 'passwords' && e.current)!;
      const action = `${page}/${current.id}/withdraw`;
      assert.ok(withdrawPage.body.includes(`action="${action}"`), 'the current analysis has a withdraw form');
      const noReason = await b.post(action, { _csrf: csrfToken(withdrawPage.body), reason: '' });
      assert.equal(noReason.statusCode, 400);
      assert.match(noReason.body, /Say why you withdraw it/);
      assert.match(noReason.body, /href="#reason-passwords"/);
      const withdrawn = await b.post(action, { _csrf: csrfToken(noReason.body), reason: 'analysed the wrong batch' });
      assert.equal(withdrawn.statusCode, 303, withdrawn.body);
      assert.equal(withdrawn.headers.location, `${page}?added=withdrawn`);
      const afterWithdrawal = await b.get(withdrawn.headers.location as string);
      assert.match(afterWithdrawal.body, /Evidence withdrawn/);
      assert.match(afterWithdrawal.body, /data-qa="no-password-evidence"/);
      assert.match(afterWithdrawal.body, /Earlier password analyses/);
      const again = await b.post(action, { _csrf: csrfToken(afterWithdrawal.body), reason: 'again' });
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /was withdrawn/);
    });
  });
}

describe('evidence page refusals and bad input', () => {
  let f: WebFixture;
  let b: Browserish;
  let page: string;
  const stored = async () =>
    (await f.services.evidence.listEvidence(systemActor('test'), page.split('/')[3]!)).evidence.length;
  before(async () => {
    f = await openWebFixture();
    b = await signedIn(f, f.acme);
    page = await evidencePageOf(b, f.acme.productId);
  });
  after(async () => {
    await f.close();
  });

  test("an upload without the page's CSRF token is refused and stores nothing", async () => {
    for (const [kind, fields, files] of [
      ['passwords', {}, [analysisFile(await goodPasswords())]],
      ['security-txt', { securityTxt: securityTxt(CAMERA_CONTACTS) }, []],
    ] as const) {
      const refused = await upload(f, b, page, kind, fields, [...files], 'not-the-token');
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /This form has expired/);
    }
    const stranger = new Browserish(f.app);
    await stranger.signIn(f.acme.email, f.acme.password);
    const noToken = await postMultipart(
      f.app,
      stranger,
      `${page}/security-txt`,
      { securityTxt: securityTxt(CAMERA_CONTACTS) },
      [],
    );
    assert.equal(noToken.statusCode, 403);
    // Not multipart at all (so the CSRF hook leaves it to the handler): refused, not a 500.
    const plain = await b.submit(page, `${page}/security-txt`, { securityTxt: securityTxt(CAMERA_CONTACTS) });
    assert.ok(plain.statusCode >= 400 && plain.statusCode < 500, String(plain.statusCode));
    assert.equal(await stored(), 0);
  });

  test('another manufacturer can neither see nor add evidence; other roles and signed-out visitors are turned away', async () => {
    const other = await signedIn(f, f.brightly);
    const seen = await other.get(page);
    assert.equal(seen.statusCode, 404);
    assert.match(seen.body, /Page not found/);
    // Brightly's own token (from a page it may see), on Acme's declaration.
    const token = csrfToken((await other.get('/manufacturer/products/new')).body);
    for (const [kind, fields, files] of [
      ['passwords', {}, [analysisFile(await goodPasswords())]],
      ['security-txt', { securityTxt: securityTxt(CAMERA_CONTACTS) }, []],
    ] as const) {
      const added = await postMultipart(f.app, other, `${page}/${kind}`, { _csrf: token, ...fields }, [...files]);
      assert.equal(added.statusCode, 404, added.body);
    }
    assert.equal(await stored(), 0);
    const retailer = await signedIn(f, f.retailer);
    assert.equal((await retailer.get(page)).statusCode, 403);
    const regulator = await addAccount(f, 'regulator', 'Market Surveillance', 'reg@example.gov');
    assert.equal((await (await signedIn(f, regulator)).get(page)).statusCode, 403);
    const anonymous = await new Browserish(f.app).get(page);
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, `/sign-in?next=${encodeURIComponent(page)}`);
    assert.equal((await new Browserish(f.app).get('/manufacturer/declarations/dcl_nothere/evidence')).statusCode, 303);
    assert.equal((await b.get('/manufacturer/declarations/dcl_nothere/evidence')).statusCode, 404);
    // A form's address opened directly (a reload after an error) leads back to the page.
    assert.equal((await b.get(`${page}/passwords`)).headers.location, `${page}#passwords`);
  });

  test('a missing, empty, oversize or unreadable password file gets an error summary, never a 500, and stores nothing', async () => {
    const tooLarge = JSON.stringify({
      schemaVersion: 'iotlabel.password-evidence/v1',
      padding: 'x'.repeat(600 * 1024),
    });
    const raw = await goodPasswords();
    raw.findings.push({ ...raw.findings[0]!, redactedExamples: ['hunter2-is-my-wifi-key'] });
    const cases: [FilePart, RegExp][] = [
      [noFile('analysis'), /Select the password analysis file/],
      [{ ...analysisFile({}), content: '' }, /The selected file is empty/],
      [{ ...analysisFile({}), content: tooLarge }, /The selected file must be smaller than 512 KB/],
      [
        { ...analysisFile({}), content: Buffer.from([0xff, 0xfe, 0x00, 0x89, 0x50, 0x4e, 0x47]) },
        /must be a password analysis/,
      ],
      [{ ...analysisFile({}), content: '{"not": "json' }, /must be a password analysis/],
      [analysisFile([1, 2, 3]), /must be a password analysis/],
      [analysisFile(raw), /redactedExamples\/0 is not redacted the way/],
    ];
    for (const [file, message] of cases) {
      const res = await upload(f, b, page, 'passwords', {}, [file]);
      assert.equal(res.statusCode, 400, `${String(message)}: ${res.statusCode}`);
      assert.match(res.body, /data-qa="error-summary"/);
      assert.match(res.body, /href="#analysis"/);
      assert.match(res.body, message);
      assert.match(res.body, /<title>Error: /);
      assert.ok(!res.body.includes('hunter2-is-my-wifi-key'), 'a refused file is never quoted');
    }
    assert.equal(await stored(), 0);
  });

  test('the device passwords themselves are refused, and never shown back', async () => {
    const csv = `device_id,password,serial_number\n${devicePasswords
      .slice(0, 20)
      .map((p, i) => `DEV-${i},${p},SN${i}`)
      .join('\n')}\n`;
    const batchDoc = JSON.stringify({
      devices: [{ id: 'u1', credentials: [{ type: 'wifi_psk', password: 'hunter2-is-my-wifi-key' }] }],
    });
    for (const content of [csv, batchDoc]) {
      const res = await upload(f, b, page, 'passwords', {}, [
        { name: 'analysis', fileName: 'batch.csv', contentType: 'text/csv', content },
      ]);
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /looks like a list of device passwords. Do not upload passwords/);
      for (const password of [...devicePasswords.slice(0, 20), 'hunter2-is-my-wifi-key'])
        assert.ok(!res.body.includes(password), `the page shows ${password}`);
    }
    assert.equal(await stored(), 0);
  });

  test('a missing, doubled, oversize or binary security.txt gets an error summary and stores nothing', async () => {
    const cases: [Record<string, string>, FilePart[], RegExp, string][] = [
      [
        { securityTxt: '  \r\n' },
        [noFile('securityTxtFile')],
        /Paste the security.txt or select a file/,
        'securityTxt',
      ],
      [
        { securityTxt: securityTxt(CAMERA_CONTACTS) },
        [txtFile(securityTxt(CAMERA_CONTACTS))],
        /not both/,
        'securityTxt',
      ],
      [
        { securityTxt: `Contact: mailto:a@b.example\n${'# filler\n'.repeat(4000)}` },
        [],
        /The security.txt must be 32 KB or smaller/,
        'securityTxt',
      ],
      [
        { securityTxt: '' },
        [txtFile(`Contact: mailto:a@b.example\n${'# filler\n'.repeat(4000)}`)],
        /The security.txt must be 32 KB or smaller/,
        'securityTxtFile',
      ],
      [{ securityTxt: '' }, [txtFile('')], /The selected file is empty/, 'securityTxtFile'],
      [
        { securityTxt: '' },
        [txtFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]))],
        /must be a text file/,
        'securityTxtFile',
      ],
    ];
    for (const [fields, files, message, field] of cases) {
      const res = await upload(f, b, page, 'security-txt', fields, files);
      assert.equal(res.statusCode, 400, `${String(message)}: ${res.statusCode}`);
      assert.match(res.body, /data-qa="error-summary"/);
      assert.match(res.body, new RegExp(`href="#${field}"`));
      assert.match(res.body, message);
    }
    assert.equal(await stored(), 0);
    // A pasted file that was refused comes back in its box, so it can be corrected.
    const again = await upload(f, b, page, 'security-txt', { securityTxt: securityTxt(CAMERA_CONTACTS) }, [
      txtFile('Contact: x'),
    ]);
    assert.match(again.body, /<textarea[^>]*>Contact: mailto:security@acme.example/);
  });

  test('hostile text in a security.txt and in an analysis is shown as text', async () => {
    const hostileTxt = `Contact: https://acme.example/${HOSTILE}\nContact: mailto:security@acme.example\n${HOSTILE}: yes\nExpires: 2027-06-30T00:00:00Z\n`;
    assert.equal((await upload(f, b, page, 'security-txt', { securityTxt: hostileTxt }, [])).statusCode, 303);
    const doc = await failingPasswords();
    doc.findings[0]!.message = `${HOSTILE} ${doc.findings[0]!.message}`;
    doc.findings[0]!.sampleDeviceIds = [HOSTILE];
    const added = await upload(f, b, page, 'passwords', {}, [analysisFile(doc)]);
    assert.equal(added.statusCode, 303, added.body);
    const shown = await b.get(page);
    assert.ok(!shown.body.includes(HOSTILE), 'no markup from the files on the page');
    assert.match(shown.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(
      /data-qa="security-txt-evidence">([\s\S]*?)<\/dl>/.exec(shown.body)![1]!,
      /https:\/\/acme.example\/&lt;script&gt;/,
    );
    assert.match(shown.body, /data-qa="security-txt-text">Contact: https:\/\/acme.example\/&lt;script&gt;/);
    // The hostile product's own evidence page escapes its brand and model too.
    const hostilePage = await evidencePageOf(b, f.acme.hostileProductId);
    const hostile = await b.get(hostilePage);
    assert.equal(hostile.statusCode, 200);
    assert.ok(!hostile.body.includes(HOSTILE));
  });
});
