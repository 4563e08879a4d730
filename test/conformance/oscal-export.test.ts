// Our OSCAL exports (catalogs, regime profiles, declarations as component-definitions) validated against
// the official NIST OSCAL JSON schemas (v1.2.1, draft-07), as NIST validates its own content with ajv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { conformanceDir } from './dir.js';
import {
  exportOscalCatalog,
  exportOscalCrosswalk,
  exportOscalRegime,
  listRegimes,
  CATALOG_IDS,
  CROSSWALK_CATALOGS,
} from '../../src/regimes/index.js';
import { exportComponentDefinition, parseDeclaration } from '../../src/assessment/index.js';

function validator(model: string): ValidateFunction {
  const schema = JSON.parse(
    readFileSync(join(conformanceDir, 'oscal', 'schemas', `oscal_${model}_schema.json`), 'utf8'),
  );
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

const errors = (v: ValidateFunction): string => JSON.stringify(v.errors?.slice(0, 5), null, 1);

test("the validator accepts NIST's own examples and rejects a broken one (the check has teeth)", () => {
  const catalog = validator('catalog');
  const example = JSON.parse(readFileSync(join(conformanceDir, 'oscal', 'examples', 'basic-catalog.json'), 'utf8'));
  assert.equal(catalog(example), true, errors(catalog));
  delete example.catalog.metadata;
  assert.equal(catalog(example), false);
});

test('every catalog exports as a valid OSCAL catalog', () => {
  const validate = validator('catalog');
  for (const id of CATALOG_IDS) assert.equal(validate(exportOscalCatalog(id)), true, `${id}: ${errors(validate)}`);
});

test('every territory regime exports its own requirements as a valid OSCAL catalog, linked to EN 303 645', () => {
  const validate = validator('catalog');
  const territories = listRegimes().filter((r) => r.territory !== 'UK' && r.territory !== null);
  assert.equal(territories.length, 8);
  for (const { id } of territories) {
    const doc = exportOscalCatalog(id) as { catalog: { controls: { links?: { href: string }[] }[] } };
    assert.equal(validate(doc), true, `${id}: ${errors(validate)}`);
    assert.ok(
      doc.catalog.controls.some((c) => c.links?.some((l) => l.href.startsWith('etsi-en-303645-v2.1.1.catalog.json#'))),
      id,
    );
  }
});

test('every regime exports as a valid OSCAL profile', () => {
  const validate = validator('profile');
  for (const { id } of listRegimes()) {
    const doc = exportOscalRegime(id) as { profile?: unknown };
    assert.ok(doc.profile, id);
    assert.equal(validate(doc), true, `${id}: ${errors(validate)}`);
  }
});

test('the crosswalk exports as a valid OSCAL profile over each EN 303 645 version; a broken one is rejected', () => {
  const validate = validator('profile');
  for (const id of CROSSWALK_CATALOGS) {
    const doc = exportOscalCrosswalk(id) as { profile: { modify: { alters: { adds: { props: unknown[] }[] }[] } } };
    assert.ok(doc.profile.modify.alters.length > 0, id);
    assert.equal(validate(doc), true, `${id}: ${errors(validate)}`);
    const broken = structuredClone(doc);
    broken.profile.modify.alters[0]!.adds[0]!.props.push({ name: 'mapped requirement', value: '' });
    assert.equal(validate(broken), false, `${id}: a prop name with a space and an empty value must fail`);
  }
});

test('every example declaration exports as a valid OSCAL component-definition', () => {
  const validate = validator('component');
  for (const name of [
    'good-camera',
    'universal-default-password',
    'no-contact',
    'no-support-period',
    'excepted-laptop',
    'eu-smart-plug',
  ]) {
    const d = parseDeclaration(
      JSON.parse(readFileSync(new URL(`../../examples/declarations/${name}.json`, import.meta.url), 'utf8')),
    );
    assert.equal(validate(exportComponentDefinition(d)), true, `${name}: ${errors(validate)}`);
  }
});

test('user text with stray whitespace still exports valid OSCAL', () => {
  const validate = validator('component');
  const d = parseDeclaration(
    JSON.parse(readFileSync(new URL('../../examples/declarations/good-camera.json', import.meta.url), 'utf8')),
  );
  d.product.name = '  Camera \n 2 ';
  d.provisions!.statements['5.1-1'] = { status: 'implemented', detail: ' spaced ' };
  delete d.provisions!.statements['5.1-2'];
  d.vulnerabilityDisclosure.contacts = [];
  assert.equal(validate(exportComponentDefinition(d, { generatedAt: '2026-11-24T00:00:00Z' })), true, errors(validate));
});
