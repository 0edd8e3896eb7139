import { mandatesQuerySchema, type MandatesQuery } from '@hocvuso/contracts';

/** The admin list's query from an address (unknown values fall back to the defaults, as the api does). */
export function listParams(search: URLSearchParams): MandatesQuery {
  const raw: Record<string, string> = {};
  for (const key of ['status', 'q', 'sort', 'order', 'page', 'pageSize'])
    if (search.get(key)) raw[key] = search.get(key)!;
  const parsed = mandatesQuerySchema.safeParse(raw);
  return parsed.success ? parsed.data : mandatesQuerySchema.parse({});
}

/** The address of a list: only what differs from the defaults, in a fixed order. */
export function listSearch(q: MandatesQuery): URLSearchParams {
  const out = new URLSearchParams();
  if (q.status !== 'active') out.set('status', q.status);
  if (q.q) out.set('q', q.q);
  if (q.sort !== 'dueOn') out.set('sort', q.sort);
  if (q.order !== 'asc') out.set('order', q.order);
  if (q.page > 1) out.set('page', String(q.page));
  if (q.pageSize !== 20) out.set('pageSize', String(q.pageSize));
  return out;
}
