import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateInWords } from '../../src/calendar.js';
import { dateTimeInWords, periodInWords } from '../../src/web/format.js';

test('dates are written in words, as GOV.UK style asks', () => {
  assert.equal(dateInWords('2030-12-31'), '31 December 2030');
  assert.equal(dateInWords('2026-01-05'), '5 January 2026');
  assert.equal(dateInWords('not a date'), 'not a date');
  assert.equal(dateTimeInWords('2026-11-24T10:05:59.123Z'), '24 November 2026 at 10:05 UTC');
  assert.equal(dateTimeInWords('2026-11-24'), '2026-11-24');
});

test('periods are whole years and months', () => {
  assert.equal(periodInWords('2026-11-25', '2030-12-31'), '4 years and 1 month');
  assert.equal(periodInWords('2026-11-25', '2027-11-25'), '1 year');
  assert.equal(periodInWords('2026-11-25', '2027-01-24'), '1 month');
  assert.equal(periodInWords('2026-11-25', '2026-12-01'), 'less than a month');
  assert.equal(periodInWords('2030-12-31', '2026-11-25'), '4 years and 1 month');
});
