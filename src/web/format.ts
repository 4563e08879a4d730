// Plain-English dates for pages: "31 December 2030", "4 years and 1 month from today".
// Pure: "today" is passed in, never read from the clock here. Dates alone are written by src/calendar.ts.
import { dateInWords } from '../calendar.js';

/** "2026-11-24T10:05:00.000Z" -> "24 November 2026 at 10:05 UTC" (times are stored in UTC). Unchanged when not such a time. */
export function dateTimeInWords(isoTime: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(isoTime);
  return m ? `${dateInWords(m[1]!)} at ${m[2]} UTC` : isoTime;
}

/** Whole years and months from `from` to `to` (both YYYY-MM-DD), e.g. "4 years and 1 month"; "less than a month". */
export function periodInWords(from: string, to: string): string {
  if (to < from) [from, to] = [to, from];
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  let months = (ty - fy) * 12 + (tm - fm);
  if (td < fd) months -= 1;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const parts: string[] = [];
  if (years > 0) parts.push(`${years} ${years === 1 ? 'year' : 'years'}`);
  if (rest > 0) parts.push(`${rest} ${rest === 1 ? 'month' : 'months'}`);
  return parts.length === 0 ? 'less than a month' : parts.join(' and ');
}

/** ["A", "B", "C"] -> "A, B and C"; one item as it is; none as "". */
export function listInWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
