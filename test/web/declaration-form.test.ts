// The declaration form reaches a UK PSTI pass and a statement of compliance through the pages alone:
// batch and address on the product step, a plain email as the contact, the provisions grouped by clause
// with "all implemented" and the password, reporting and support provisions taken from the earlier steps.
// Without a batch, "What to fix" and the product page link to the field that supplies it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assessAll, parseDeclaration } from '../../src/assessment/index.js';
import { declarationCatalogs } from '../../src/regimes/index.js';
import { answersToDocument } from '../../src/web/declaration-form/answers.js';
import { derivedStatements, provisionGroups } from '../../src/web/declaration-form/provision-groups.js';
import { Browserish, openWebFixture, TODAY, type WebFixture } from './support.js';

let f: WebFixture;
before(async () => {
  f = await openWebFixture({ web: { signInPerMinute: 30 } });
});
after(async () => {
  await f.close();
});

const declare = (productId: string, step = '') =>
  `/manufacturer/products/${productId}/declare${step ? `/${step}` : ''}`;

async function newProduct(b: Browserish, model: string, gtin: string): Promise<string> {
  const created = await b.submit('/manufacturer/products/new', '/manufacturer/products/new', {
    brand: 'Acme',
    model,
    name: `Acme ${model}`,
    category: 'smart-plug',
    gtins: gtin,
  });
  assert.equal(created.statusCode, 303);
  return /\/manufacturer\/products\/(prd_\w+)/.exec(created.headers.location as string)![1]!;
}

/** Walks every step with answers that meet the UK rules; `batch` may be left out. */
async function declareThroughForm(b: Browserish, productId: string, batch: string): Promise<string> {
  await b.get(declare(productId));
  const step = async (name: string, form: Record<string, string>) => {
    const res = await b.submit(declare(productId, name), declare(productId, name), form);
    assert.equal(res.statusCode, 303, `${name}: ${/govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(res.body)?.[1]}`);
  };
  await step('product', {
    manufacturerName: 'Acme Devices Ltd',
    manufacturerAddress: '1 High St, London N1 1AA, UK',
    productName: 'Acme Plug',
    category: 'smart-plug',
    gtins: '',
    batch,
  });
  await step('passwords', {
    usesPasswords: 'yes',
    scheme: 'unique-per-device',
    generation: 'csprng',
    resettable: 'no',
  });
  await step('disclosure', { contacts: 'security@acme.example', ackDays: '5', updateDays: '30' });
  await step('support', {
    'endDate-day': '31',
    'endDate-month': '12',
    'endDate-year': '2030',
    supportPublishedAt: 'https://acme.example/support',
  });
  const provisions = await b.get(declare(productId, 'provisions'));
  // The earlier steps' answers are shown, not asked again.
  assert.match(provisions.body, /data-qa="settled"[\s\S]*5\.1-1/);
  assert.ok(!provisions.body.includes('name="s_5.1-1"'), '5.1-1 is not asked again');
  assert.ok(!provisions.body.includes('name="s_5.2-1"'), '5.2-1 is not asked again');
  assert.ok(!provisions.body.includes('name="s_5.3-13"'), '5.3-13 is not asked again');
  assert.match(provisions.body, /name="g_5\.3"/);
  await step('provisions', { catalog: 'etsi-en-303645-v2.1.1', 'g_5.3': 'all', 's_5.3-2': 'implemented' });
  await step('signatory', {
    signatoryName: 'Jane Smith',
    signatoryFunction: 'Head of Product Security',
    signatoryPlace: 'London',
    'signDate-day': '24',
    'signDate-month': '11',
    'signDate-year': '2026',
  });
  const submitted = await b.submit(declare(productId, 'check'), declare(productId, 'check'), {});
  assert.equal(submitted.statusCode, 303);
  return submitted.headers.location as string;
}

test('the form alone reaches a UK PSTI pass and a statement of compliance', async () => {
  const b = new Browserish(f.app);
  await b.signIn(f.acme.email, f.acme.password);
  const productId = await newProduct(b, 'PLUG-9', '05012345678931');
  await b.get(declare(productId));
  const hint = await b.get(declare(productId, 'product'));
  assert.match(hint.body, /Batch\s*<\/label>\s*<div [^>]*class="govuk-hint">\s*Required by UK PSTI/);
  const result = await b.get(await declareThroughForm(b, productId, '2026-W40'));
  assert.match(result.body, /data-qa="regime-uk-psti-2023"[\s\S]*?Meets the rules/);
  // Declared against V2.1.1: "What to fix" lists no V3.1.3 provision, and says why V3.1.3 is left out.
  const toFix = result.body.slice(result.body.indexOf('What to fix'), result.body.indexOf('Every set of rules'));
  assert.ok(!toFix.includes('data-qa="to-fix-etsi-en-303645-v3.1.3"'));
  // A provision left unanswered links to its place on the provisions step, without the JSON name.
  assert.ok(!toFix.includes('provisions.statements'), 'no JSON names in What to fix');
  assert.match(toFix, /href="[^"]*\?step=provisions#s_5\.1-3" data-qa="fix-link">Answer provision 5\.1-3</);
  assert.match(toFix, /data-qa="other-standards"[^>]*>Not listed here: [^<]*V3\.1\.3/);
  const product = await b.get(`/manufacturer/products/${productId}`);
  const link = /href="(\/v1\/declarations\/dcl_\w+\/statement\.pdf)" data-qa="statement-pdf"/.exec(product.body);
  assert.ok(link, 'the statement can be downloaded');
  const pdf = await b.get(link[1]!);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
});

test('without a batch: no statement link, and what is missing links to the batch field', async () => {
  const b = new Browserish(f.app);
  await b.signIn(f.acme.email, f.acme.password);
  const productId = await newProduct(b, 'PLUG-8', '05012345678948');
  const result = await b.get(await declareThroughForm(b, productId, ''));
  const fix = `${declare(productId)}?step=product#batch`;
  assert.ok(result.body.includes(`href="${fix}" data-qa="fix-link"`), 'What to fix links to the batch field');
  const toFix = /data-qa="to-fix-uk-psti-2023">([\s\S]*?)<\/ul>/.exec(result.body)?.[1] ?? '';
  assert.match(toFix, /the batch/);
  assert.ok(!toFix.includes('product.batch'), 'the reason names the field in words');
  const product = await b.get(`/manufacturer/products/${productId}`);
  assert.ok(!product.body.includes('data-qa="statement-pdf"'));
  assert.match(product.body, /data-qa="statement-missing"/);
  assert.ok(product.body.includes(`href="${fix}"`));
  // The link starts an amendment at the product step, where the batch is entered.
  const start = await b.get(fix.replace(/#.*/, ''));
  assert.equal(start.headers.location, declare(productId, 'product'));
});

/** The label (or legend) and hint the form shows for one field, as text. */
function fieldText(html: string, id: string): string {
  const words = (h: string | undefined) =>
    (h ?? '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;/g, "'")
      .replace(/\s+/g, ' ')
      .trim();
  const label =
    new RegExp(`<label [^>]*for="${id}"[^>]*>([\\s\\S]*?)</label>`).exec(html)?.[1] ??
    new RegExp(`<fieldset [^>]*aria-describedby="${id}-hint[\\s\\S]*?<legend[^>]*>([\\s\\S]*?)</legend>`).exec(
      html,
    )?.[1];
  assert.ok(label !== undefined, `field ${id} is on the page`);
  const hint = new RegExp(`<div id="${id}-hint"[^>]*>([\\s\\S]*?)</div>`).exec(html)?.[1];
  return `${words(label)} ${words(hint)}`.trim();
}

test('the rules chosen first decide which fields are marked required, server-rendered, and the marks follow the choice', async () => {
  const b = new Browserish(f.app);
  await b.signIn(f.acme.email, f.acme.password);
  const productId = await newProduct(b, 'PLUG-6', '05012345678962');
  const start = await b.get(declare(productId));
  assert.equal(start.headers.location, declare(productId, 'rules'), 'the form starts with the rules');
  const rules = await b.get(declare(productId, 'rules'));
  assert.match(rules.body, /<input [^>]*name="regimes" type="checkbox" value="uk-psti-2023" checked/);
  assert.doesNotMatch(rules.body, /Standard · standard/);
  assert.match(rules.body, /ETSI EN 303 645 V2\.1\.1 conformance[\s\S]*?A standard/);
  const choose = async (regimes: string[]) => {
    const res = await b.submit(declare(productId, 'rules'), declare(productId, 'rules'), { regimes });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, declare(productId, 'product'));
  };

  // UK PSTI: the statement of compliance needs the batch and the address; the reporting rules need the days.
  await choose(['uk-psti-2023']);
  let product = (await b.get(declare(productId, 'product'))).body;
  assert.match(fieldText(product, 'batch'), /^Batch Required by UK PSTI/);
  assert.match(fieldText(product, 'manufacturerAddress'), /^Manufacturer's address Required by UK PSTI/);
  assert.match(fieldText(product, 'hardwareVersion'), /^Hardware version \(optional\)$/);
  let disclosure = (await b.get(declare(productId, 'disclosure'))).body;
  assert.match(fieldText(disclosure, 'ackDays'), /\? Required by UK PSTI/);
  assert.match(fieldText(disclosure, 'securityTxtUrl'), /\(optional\)/);

  // Option A asks only for the top three: the batch, the address and the days become optional.
  await choose(['uk-2019-option-a']);
  product = (await b.get(declare(productId, 'product'))).body;
  assert.match(fieldText(product, 'batch'), /^Batch \(optional\) The production batch/);
  assert.match(fieldText(product, 'manufacturerAddress'), /\(optional\)/);
  disclosure = (await b.get(declare(productId, 'disclosure'))).body;
  assert.match(fieldText(disclosure, 'ackDays'), /\(optional\)/);
  assert.match(fieldText(disclosure, 'contacts'), /Required by Option A/);
  const support = (await b.get(declare(productId, 'support'))).body;
  assert.match(support, /Security updates until\s*<\/legend>\s*<div [^>]*class="govuk-hint">\s*Required by Option A/);

  // Two sets of rules: a field either needs is required, naming the one that does.
  await choose(['uk-2019-option-a', 'uk-psti-2023']);
  product = (await b.get(declare(productId, 'product'))).body;
  assert.match(fieldText(product, 'batch'), /^Batch Required by UK PSTI\./);
  assert.doesNotMatch(fieldText(product, 'batch'), /Option A/);
  assert.match((await b.get(declare(productId, 'check'))).body, /Rules to meet[\s\S]*?Option A and UK PSTI/);

  // Unknown or hostile ids are dropped; none chosen leaves only what every declaration needs.
  await choose(['<script>alert(1)</script>', 'no-such-regime']);
  product = (await b.get(declare(productId, 'product'))).body;
  assert.ok(!product.includes('<script>alert(1)</script>'));
  assert.match(fieldText(product, 'batch'), /^Batch \(optional\) The production batch/);
  assert.match(fieldText(product, 'manufacturerName'), /^Manufacturer's name Required\./);
  const check = (await b.get(declare(productId, 'check'))).body;
  assert.match(check, /Rules to meet[\s\S]*?None chosen/);
});

test('answers taken from earlier steps never contradict them, in every catalog the form offers', () => {
  const base = {
    manufacturerName: 'Acme',
    'endDate-day': '31',
    'endDate-month': '12',
    'endDate-year': '2030',
    contacts: 'security@acme.example',
    ackDays: '5',
    updateDays: '30',
  };
  const passwordAnswers: Record<string, string>[] = [
    { usesPasswords: 'no' },
    { usesPasswords: 'yes', scheme: 'user-defined', resettable: 'no' },
    { usesPasswords: 'yes', scheme: 'universal-default', resettable: 'yes' },
    { usesPasswords: 'yes', scheme: 'unique-per-device', generation: 'csprng', resettable: 'yes' },
    { usesPasswords: 'yes', scheme: 'unique-per-device', generation: 'incremental', resettable: 'no' },
    { usesPasswords: 'yes', scheme: 'unique-per-device', generation: 'other', resettable: 'no' },
  ];
  const product = { brand: 'Acme', model: 'X', name: 'X', category: 'smart-plug', gtins: [] };
  let checked = 0;
  for (const catalog of declarationCatalogs()) {
    for (const pw of passwordAnswers) {
      const extras: Record<string, string>[] = [
        {},
        { supportPublishedAt: 'https://acme.example/support' },
        { contacts: '', 'endDate-year': '', 'endDate-day': '', 'endDate-month': '' },
      ];
      for (const extra of extras) {
        const answers = { ...base, ...pw, ...extra, catalog: catalog.id };
        assert.ok(derivedStatements(catalog, answers).size > 0, `${catalog.id} derives something`);
        const declaration = parseDeclaration(answersToDocument(answers, product));
        const findings = assessAll(declaration, { at: TODAY }).flatMap((a) => a.findings);
        const bad = findings.filter((x) => /CONTRADICTION|NOT_APPLICABLE_INVALID/.test(x.code));
        assert.deepEqual(bad, [], `${catalog.id} ${JSON.stringify(pw)} ${JSON.stringify(extra)}`);
        checked++;
      }
    }
  }
  assert.ok(checked >= 24);
});

test('provisions are grouped by clause, only the chosen catalog, with no withdrawn provision', () => {
  for (const catalog of declarationCatalogs()) {
    const groups = provisionGroups(catalog);
    const ids = groups.flatMap((g) => g.provisions.map((p) => p.id));
    const offered = catalog.provisions.filter((p) => p.status !== 'withdrawn').map((p) => p.id);
    assert.deepEqual([...ids].sort(), [...offered].sort(), catalog.id);
    assert.equal(new Set(groups.map((g) => g.key)).size, groups.length, `${catalog.id}: group keys are unique`);
  }
  const etsi = provisionGroups(declarationCatalogs().find((c) => c.id === 'etsi-en-303645-v2.1.1')!);
  assert.deepEqual(
    etsi
      .find((g) => g.key === '5.1')
      ?.provisions.map((p) => p.id)
      .slice(0, 2),
    ['5.1-1', '5.1-2'],
  );
  assert.equal(etsi.find((g) => g.key === '5.1')?.title, 'No universal default passwords');
});

test('a new version with another category or name updates the product the public pages show', async () => {
  const b = new Browserish(f.app);
  await b.signIn(f.acme.email, f.acme.password);
  const productId = await newProduct(b, 'PLUG-7', '05012345678955');
  await declareThroughForm(b, productId, '2026-W41');
  await b.get(declare(productId));
  const product = await b.submit(declare(productId, 'product'), declare(productId, 'product'), {
    manufacturerName: 'Acme Devices Ltd',
    manufacturerAddress: '1 High St, London N1 1AA, UK',
    productName: 'Acme Lamp Plug',
    category: 'smart-lighting',
    gtins: '05012345678955',
    batch: '2026-W41',
  });
  assert.equal(product.statusCode, 303);
  assert.equal((await b.submit(declare(productId, 'check'), declare(productId, 'check'), {})).statusCode, 303);
  const now = await f.services.products.getProduct(productId);
  assert.equal(now.category, 'smart-lighting');
  assert.equal(now.name, 'Acme Lamp Plug');
  const page = await b.get(`/products/${productId}`);
  assert.match(page.body, /Smart lighting/);
  assert.match(page.body, /Acme Lamp Plug/);
});
