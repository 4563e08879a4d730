// RFC 3339 date-time as RFC 9116 §2.5.5 requires for Expires, and the "one calendar year" horizon.

// T and Z may be lower case (RFC 3339 §5.6 note; RFC 9116 erratum 7264). A space instead of T is not allowed.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The instant an RFC 3339 date-time denotes, or null when the text is not one (or names an impossible date). */
export function parseRfc3339(value: string): Date | null {
  const m = DATE_TIME.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const offsetHours = m[10] === undefined ? 0 : Number(m[10]);
  const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  const millis = Number(`${m[7] ?? ''}000`.slice(0, 3));
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, millis);
  const sign = m[9] === '-' ? -1 : 1;
  return new Date(utc.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000);
}

/**
 * An Expires value as read: RFC 3339, or the same with a space between date and time, which internet.nl
 * accepts (RFC 3339 §5.6 allows it only as a note for readability). `spaced` says which; null when neither.
 */
export function readExpires(value: string): { at: Date; spaced: boolean } | null {
  const at = parseRfc3339(value);
  if (at) return { at, spaced: false };
  const spaced = /^\d{4}-\d{2}-\d{2} \d/.test(value) ? parseRfc3339(`${value.slice(0, 10)}T${value.slice(11)}`) : null;
  return spaced ? { at: spaced, spaced: true } : null;
}

/** `now` plus one calendar year (29 February falls back to 28 February). */
export function oneYearAfter(now: Date): Date {
  const year = now.getUTCFullYear() + 1;
  const month = now.getUTCMonth();
  const day = Math.min(now.getUTCDate(), daysInMonth(year, month + 1));
  const result = new Date(now.getTime());
  result.setUTCFullYear(year, month, day);
  return result;
}
