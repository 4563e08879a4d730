// The results table's filters, read from GET parameters: "not sellable" and "security updates end within
// six months" (or have ended), and the page number.
import type { RowResult } from '../../../catalogue/types.js';
import type { ResultFilter } from '../../../registry/retail/check-jobs.js';

export const PAGE_SIZE = 50;

export interface ResultQuery {
  notSellable?: string;
  supportEnding?: string;
  page?: string;
}

export interface ResultFilters {
  notSellable: boolean;
  supportEnding: boolean;
  page: number;
}

export function resultFilters(query: ResultQuery): ResultFilters {
  const page = Number.parseInt(String(query.page ?? '1'), 10);
  return {
    notSellable: query.notSellable === 'yes',
    supportEnding: query.supportEnding === 'yes',
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 1_000_000) : 1,
  };
}

/** YYYY-MM-DD plus `months` calendar months (the day clamped to the month's length). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The filters as the database applies them (check_job_results): the same rule as filterResults. */
export function resultFilterOf(filters: ResultFilters, today: string): ResultFilter {
  return { notSellable: filters.notSellable, supportEndsBy: filters.supportEnding ? addMonths(today, 6) : null };
}

/** The rule in memory (what the SQL filter must agree with; the tests compare the two). */
export function filterResults(rows: readonly RowResult[], filters: ResultFilters, today: string): RowResult[] {
  const horizon = addMonths(today, 6);
  return rows.filter(
    (r) =>
      (!filters.notSellable || !r.sellable) &&
      (!filters.supportEnding || (r.supportEndDate !== null && r.supportEndDate <= horizon)),
  );
}
