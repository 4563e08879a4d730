// us-cyber-trust-mark: FCC 24-26, 47 CFR Part 8 subpart B, NISTIR 8425 (territories.md §4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Declaration } from '../../../src/assessment/index.js';
import { assess, camera, req, verdict } from './fixtures.js';

const CTM = 'us-cyber-trust-mark';
const AT = '2026-11-24';
const report = { scheme: CTM, lab: 'CyberLAB Example', reportId: 'CTM-2026-001', date: '2026-10-01' };

test("§4 §8.208: without a recognised lab's test report the mark is not earned; label null; nothing is banned", () => {
  const a = assess(camera(), CTM, AT);
  assert.equal(verdict(a), 'fail sellable');
  assert.equal(a.label, null);
  assert.equal(a.mark, null);
  assert.equal(req(a, 'ctm-lab-test').status, 'not-declared');
  assert.match(
    req(a, 'ctm-lab-test').reasons[0]!,
    /compliance test report from a CyberLAB.*labTestReports.*us-cyber-trust-mark/,
  );
});

test('§4 with a lab report and the NISTIR 8425 outcomes met, the mark and QR code are earned', () => {
  const a = assess(
    camera((d) => (d.labTestReports = [report])),
    CTM,
    AT,
  );
  assert.equal(verdict(a), 'pass sellable');
  assert.equal(a.mark?.form, 'mark-qr');
  assert.equal(a.mark?.verifier, 'lab-test');
  // A report dated after the assessment day did not exist then; a report for another scheme does not count.
  assert.equal(
    assess(
      camera((d) => (d.labTestReports = [{ ...report, date: '2027-01-01' }])),
      CTM,
      AT,
    ).outcome,
    'fail',
  );
  assert.equal(
    assess(
      camera((d) => (d.labTestReports = [{ ...report, scheme: 'sg-cls' }])),
      CTM,
      AT,
    ).outcome,
    'fail',
  );
});

test('§4 each outcome can fail: passwords, updates, the contact and the support end date', () => {
  const cases: [string, (d: Declaration) => void][] = [
    ['ctm-interface-access-control', (d) => (d.passwords.scheme = 'universal-default')],
    ['ctm-software-update', (d) => (d.provisions!.statements['5.3-7'] = { status: 'not-implemented' })],
    ['ctm-information-query-reception', (d) => (d.vulnerabilityDisclosure.contacts = [])],
    [
      'ctm-information-dissemination',
      (d) => {
        delete d.supportPeriod;
        delete d.provisions!.statements['5.3-13'];
      },
    ],
  ];
  for (const [id, change] of cases) {
    const a = assess(
      camera((d) => {
        d.labTestReports = [report];
        change(d);
      }),
      CTM,
      AT,
    );
    assert.equal(verdict(a), 'fail sellable', id);
    assert.equal(req(a, id).status, 'not-met', id);
  }
});

test('§4 §8.203: general-purpose computers, smartphones, routers, medical devices and vehicles are outside; so is wired-only', () => {
  for (const category of ['laptop', 'desktop', 'smartphone', 'tablet', 'router', 'medical-device', 'vehicle'] as const)
    assert.equal(
      verdict(
        assess(
          camera((d) => (d.product.category = category)),
          CTM,
          AT,
        ),
      ),
      'out-of-scope sellable',
      category,
    );
  assert.equal(
    assess(
      camera((d) => (d.product.radioInterfaces = [])),
      CTM,
      AT,
    ).outcome,
    'out-of-scope',
  );
  assert.match(req(assess(camera(), CTM, AT), 'radio-equipment').reasons[0]!, /Presumed/);
});

test('§4 dates: out of scope before the Report and Order of 14 March 2024', () => {
  assert.equal(assess(camera(), CTM, '2024-03-13').outcome, 'out-of-scope');
  assert.equal(assess(camera(), CTM, '2024-03-14').outcome, 'fail');
});
