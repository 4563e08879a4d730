// Which form fields the chosen rules need comes from the rules (assessing with each field left empty),
// not from a list: checked here against the real rulebooks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessDeclaration, parseDeclaration } from '../../src/assessment/index.js';
import { createRequiredFields, EVERY_DECLARATION } from '../../src/web/declaration-form/required-fields.js';

const requiredFields = createRequiredFields({ assessDeclaration, parseDeclaration });
const AT = '2026-12-01';
const camera = {
  brand: 'Acme',
  model: 'CAM-1',
  name: 'Acme Camera',
  category: 'smart-camera',
  gtins: ['05012345678900'],
};
const required = (needs: Record<string, string[]>) =>
  Object.entries(needs)
    .filter(([, by]) => by.length > 0)
    .map(([field]) => field)
    .sort();

test('UK PSTI needs the Schedule 4 and reporting fields; Option A only its top three', () => {
  const psti = requiredFields(['uk-psti-2023'], AT, camera);
  for (const field of ['batch', 'manufacturerAddress', 'ackDays', 'updateDays', 'contacts', 'endDate'])
    assert.deepEqual(psti[field], ['uk-psti-2023'], field);
  assert.deepEqual(psti.hardwareVersion, [], 'the hardware version is optional');
  const optionA = requiredFields(['uk-2019-option-a'], AT, camera);
  assert.deepEqual(optionA.batch, []);
  assert.deepEqual(optionA.ackDays, []);
  assert.deepEqual(optionA.contacts, ['uk-2019-option-a']);
  assert.deepEqual(optionA.endDate, ['uk-2019-option-a']);
});

test('fields the declaration itself needs are required whatever the rules, even with none chosen', () => {
  for (const regimes of [[], ['uk-2019-option-a'], ['eu-cra', 'uk-psti-2023']]) {
    const needs = requiredFields(regimes, AT, camera);
    assert.deepEqual(needs.manufacturerName, [EVERY_DECLARATION], regimes.join());
    assert.deepEqual(needs.signatoryName, [EVERY_DECLARATION], regimes.join());
  }
  assert.deepEqual(requiredFields([], AT, camera).batch, []);
});

test('two sets of rules: each field lists exactly the chosen rules that need it', () => {
  const both = requiredFields(['uk-2019-option-a', 'uk-psti-2023'], AT, camera);
  assert.deepEqual(both.batch, ['uk-psti-2023']);
  assert.deepEqual(both.contacts, ['uk-2019-option-a', 'uk-psti-2023']);
  const union = new Set([
    ...required(requiredFields(['uk-2019-option-a'], AT, camera)),
    ...required(requiredFields(['uk-psti-2023'], AT, camera)),
  ]);
  assert.deepEqual(required(both), [...union].sort());
});

test('a product the rules do not cover (a laptop under UK PSTI) needs nothing for them', () => {
  const laptop = requiredFields(['uk-psti-2023'], AT, { ...camera, category: 'laptop' });
  assert.deepEqual(laptop.batch, []);
  assert.deepEqual(laptop.ackDays, []);
});
