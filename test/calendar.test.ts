// The one home for calendar dates: every module that checks a YYYY-MM-DD date or asks for "today" uses these.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, dateInWords, dayOfNumericDate, endOfDay, isCalendarDate, todayUtc } from '../src/calendar.js';

test('isCalendarDate accepts real days written YYYY-MM-DD and nothing else', () => {
  for (const good of ['2030-12-31', '2028-02-29', '2000-02-29', '0050-06-01', '9999-12-31'])
    assert.equal(isCalendarDate(good), true, good);
  for (const bad of [
    '2030-02-30',
    '2027-02-29',
    '1900-02-29',
    '2030-13-01',
    '2030-00-10',
    '2030-1-01',
    '2030-12-31T00:00:00Z',
    ' 2030-12-31',
    '31/12/2030',
    '',
    20301231,
    null,
    undefined,
  ])
    assert.equal(isCalendarDate(bad), false, String(bad));
});

test('todayUtc takes a date or a clock and gives its UTC day', () => {
  const late = new Date('2026-11-24T23:59:59.999Z');
  assert.equal(todayUtc(late), '2026-11-24');
  assert.equal(
    todayUtc(() => late),
    '2026-11-24',
  );
  assert.match(todayUtc(), /^\d{4}-\d{2}-\d{2}$/);
});

test('addDays crosses months, leap days and years', () => {
  assert.equal(addDays('2028-02-28', 1), '2028-02-29');
  assert.equal(addDays('2030-12-31', 1), '2031-01-01');
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  assert.equal(addDays('2026-11-24', 30), '2026-12-24');
});

test('dateInWords writes GOV.UK dates and leaves what is not a date alone', () => {
  assert.equal(dateInWords('2030-12-31'), '31 December 2030');
  assert.equal(dateInWords('2026-01-05T10:00:00Z'), '5 January 2026');
  assert.equal(dateInWords('soon'), 'soon');
  assert.equal(dateInWords('2026-13-01'), '2026-13-01');
});

test('dayOfNumericDate and endOfDay convert between JWT seconds and UTC days', () => {
  assert.equal(dayOfNumericDate(endOfDay('2030-12-31')), '2030-12-31');
  assert.equal(dayOfNumericDate(endOfDay('2030-12-31') + 1), '2031-01-01');
});
