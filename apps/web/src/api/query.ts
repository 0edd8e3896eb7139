import { keepPreviousData, QueryClient } from '@tanstack/react-query';

/** The parameters of a GET: its query string, as `request` sends it (empty and undefined values are left out). */
export type ApiParams = Record<string, string | number | undefined>;

/**
 * The cache key of a GET: the segments of its api path, then its query string as an object, e.g.
 * `GET /api/courses/abc?lang=vi` → `['courses', 'abc', { lang: 'vi' }]`. A prefix names a family of queries to
 * invalidate at once: `['courses']` is every catalogue query, `['me']` everything about the signed-in learner.
 * Keys are plain JSON, so a persisted (offline) cache can store them as they are. See docs/web-data-layer.md.
 */
export type ApiKey = readonly [...string[], Readonly<Record<string, string>>];

/** The key of `GET /api<path>?<params>` (the path as `request` receives it, with its ids URI-encoded). */
export function apiKey(path: string, params: ApiParams = {}): ApiKey {
  const segments = path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeURIComponent(segment));
  const query: Record<string, string> = {};
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    if (value !== undefined && value !== '') query[name] = String(value);
  }
  return [...segments, query];
}

/**
 * Every key under `path`, whatever its parameters and sub-paths: `apiPrefix('/me/courses')` matches the
 * progress of every course. (`apiKey(path)` with no parameters matches `path` alone, with any parameters.)
 */
export function apiPrefix(path: string): readonly string[] {
  return apiKey(path).slice(0, -1) as string[];
}

/** The key of a request URL as the client sends it (`/api/courses/abc?lang=vi`): what `apiKey` must agree with. */
export function apiKeyOfUrl(url: string): ApiKey {
  const { pathname, searchParams } = new URL(url, 'http://localhost');
  const params: ApiParams = {};
  searchParams.forEach((value, name) => {
    params[name] = value;
  });
  return apiKey(pathname.replace(/^\/api(?=\/|$)/, ''), params);
}

/** How long an answer is good for, per operation (the defaults below hold for everything else). */
export interface CachePolicy {
  /** Milliseconds an answer counts as fresh: a page mounting meanwhile uses it without asking again. */
  staleTime?: number;
  /** Milliseconds an answer no page shows any more stays in memory. */
  gcTime?: number;
}

/** One GET operation ready for `useApiQuery`: its key and how to load it. */
export interface ApiQuery<T> extends CachePolicy {
  queryKey: ApiKey;
  queryFn: (context: { signal: AbortSignal }) => Promise<T>;
}

/**
 * Describes the GET `path` with `params`, loaded by `load` (the typed api function that sends exactly that
 * request: the *-queries.spec checks that the key and the request agree).
 */
export function apiQuery<T>(
  path: string,
  params: ApiParams,
  load: (signal: AbortSignal) => Promise<T>,
  policy: CachePolicy = {},
): ApiQuery<T> {
  return { queryKey: apiKey(path, params), queryFn: ({ signal }) => load(signal), ...policy };
}

/**
 * The one cache of api answers. The defaults keep what every page did before the cache existed: load on
 * mount, keep nothing once the page is gone (gcTime 0), never retry on its own (a page offers "Try again"),
 * no refetch on focus or reconnect, and keep the previous answer on screen while the next one (another page
 * of a list) loads. Operations that are worth keeping say so in their CachePolicy.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 0,
        gcTime: 0,
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        placeholderData: keepPreviousData,
      },
      mutations: { retry: false },
    },
  });
}
