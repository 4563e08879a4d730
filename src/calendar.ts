// Calendar dates as the project writes them: 'YYYY-MM-DD' strings for UTC days, which order correctly when
// compared as strings. The one home for checking them, for "today" and for writing them in words. No imports,
// so pure modules and the browser bundle use it too; pure code takes "today" as an argument, only the edges
// (CLI, pages, registry use cases with their clock) call todayUtc.

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** True when `value` is YYYY-MM-DD and names a real day (2030-02-30 is not). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return false;
  // Parsed as an ISO string, not Date.UTC, which would read years 0-99 as 1900-1999.
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && dayOf(date) === value;
}

/** The UTC day of `now` (a Date or a clock), YYYY-MM-DD; the system clock when none is given. */
export function todayUtc(now: Date | (() => Date) = new Date()): string {
  return dayOf(typeof now === 'function' ? now() : now);
}

/** The UTC day of an instant, YYYY-MM-DD. */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** The UTC day `days` after `date` (YYYY-MM-DD; negative goes back). */
export function addDays(date: string, days: number): string {
  return dayOf(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
}

/** '2030-12-31' -> '31 December 2030', the way GOV.UK writes dates. Unchanged when it does not start YYYY-MM-DD. */
export function dateInWords(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) return isoDate;
  const month = MONTHS[Number(m[2]) - 1];
  return month === undefined ? isoDate : `${Number(m[3])} ${month} ${m[1]}`;
}

/** Seconds since the epoch (a JWT NumericDate) -> the UTC day 'YYYY-MM-DD'. */
export function dayOfNumericDate(seconds: number): string {
  return dayOf(new Date(seconds * 1000));
}

/** The last second of a UTC day: a list or key valid "on" that day is valid until then. */
export function endOfDay(isoDate: string): number {
  return Date.parse(`${isoDate}T23:59:59Z`) / 1000;
}

/** The UTC day `months` calendar months after `date` (YYYY-MM-DD), clamped to the month's last day (31 Jan + 1 = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
