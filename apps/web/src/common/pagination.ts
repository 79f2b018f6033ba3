/** GOV.UK pagination for a list page, keeping the filters in each link. */
export function pagination(
  base: string,
  filters: Record<string, string | number | undefined>,
  list: { page: number; totalPages: number },
): object | undefined {
  if (list.totalPages <= 1) return undefined;
  const href = (page: number): string => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) {
      if (key !== 'page' && value !== undefined && value !== '') params.set(key, String(value));
    }
    params.set('page', String(page));
    return `${base}?${params.toString()}`;
  };
  const pages = Array.from({ length: list.totalPages }, (_, i) => i + 1).filter(
    (p) => p === 1 || p === list.totalPages || Math.abs(p - list.page) <= 2,
  );
  const items: object[] = [];
  let last = 0;
  for (const p of pages) {
    if (p - last > 1) items.push({ ellipsis: true });
    items.push({ number: p, href: href(p), current: p === list.page });
    last = p;
  }
  return {
    items,
    previous: list.page > 1 ? { href: href(list.page - 1) } : undefined,
    next: list.page < list.totalPages ? { href: href(list.page + 1) } : undefined,
  };
}
