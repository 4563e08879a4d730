// GOV.UK pagination for a long list: previous, next, the first and last pages and those near the current one.

export interface Pagination {
  previous?: { href: string };
  next?: { href: string };
  items: { number: number; href: string; current: boolean }[];
}

/** The page number asked for in `?page=` (1 when missing or not a number), at most `pages`. */
export function currentPage(raw: unknown, pages: number): number {
  const page = Number.parseInt(String(raw ?? '1'), 10);
  return Number.isFinite(page) && page > 0 ? Math.min(page, pages) : 1;
}

/** The govukPagination parameters, or null when everything fits on one page. */
export function paginationOf(current: number, pages: number, href: (page: number) => string): Pagination | null {
  if (pages <= 1) return null;
  return {
    previous: current > 1 ? { href: href(current - 1) } : undefined,
    next: current < pages ? { href: href(current + 1) } : undefined,
    items: Array.from({ length: pages }, (_, i) => ({
      number: i + 1,
      href: href(i + 1),
      current: i + 1 === current,
    })).filter((it) => Math.abs(it.number - current) <= 3 || it.number === 1 || it.number === pages),
  };
}
