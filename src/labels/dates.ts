// Calendar dates as labels carry them: 'YYYY-MM-DD', compared as UTC days. No Node imports (browser too).

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

/** True when `value` is a real calendar date written YYYY-MM-DD (2030-02-30 is not). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** '2030-12-31' -> '31 December 2030', the way GOV.UK writes dates. */
export function dateInWords(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** Seconds since the epoch (a JWT NumericDate) -> the UTC day 'YYYY-MM-DD'. */
export function dayOfNumericDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** The last second of a UTC day: a list or key valid "on" that day is valid until then. */
export function endOfDay(isoDate: string): number {
  return Date.parse(`${isoDate}T23:59:59Z`) / 1000;
}

/** Today's UTC day; only the edges (CLI, pages) call this: pure code takes the date as an argument. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
