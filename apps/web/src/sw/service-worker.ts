/**
 * The service worker of Học vụ số (docs/offline.md), built by the `offlineShell` Vite plugin into /sw.js with
 * the learner shell's files and a version baked in. It keeps the learner shell (index.html, its initial chunks,
 * CSS and fonts) precached, so the app opens with no network; the catalogue and the api GETs the pages make
 * are network-first (fresh when online, the last answer offline); hashed assets are cache-first. A course
 * downloaded for offline use has its own cache (`hvs-course-<id>`), filled by the page on request only:
 * nothing is prefetched automatically. A new version waits until the page asks it to take over (the update
 * prompt), so a page never runs with files of two versions.
 */

// The worker's globals, typed here because the web app's TypeScript library is the DOM's, not WebWorker's.
interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(r: Response | Promise<Response>): void;
}
interface MessageEventLike extends ExtendableEvent {
  readonly data: unknown;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEvent) => void): void;
  addEventListener(type: 'message', fn: (e: MessageEventLike) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: Location;
}

declare const __HVS_SHELL__: string[];
declare const __HVS_VERSION__: string;

const worker = self as unknown as WorkerScope;
const SHELL_CACHE = `hvs-shell-${__HVS_VERSION__}`;
/** Answers of the api and assets the pages fetched while online: the last one of each, for offline use. */
const RUNTIME_CACHE = 'hvs-runtime';
/** The most api answers kept in the runtime cache; the oldest go first. */
const MAX_RUNTIME_ENTRIES = 300;

worker.addEventListener('install', (event) => {
  // `reload`: never fill the precache from the browser's HTTP cache (a stale index.html).
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(__HVS_SHELL__.map((url) => new Request(url, { cache: 'reload' })))),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith('hvs-shell-') && k !== SHELL_CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('message', (event) => {
  const data = event.data as { type?: unknown } | null;
  if (data?.type === 'SKIP_WAITING') event.waitUntil(worker.skipWaiting());
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
    return;
  }
  if (url.pathname.startsWith('/assets/') || __HVS_SHELL__.includes(url.pathname)) {
    event.respondWith(cacheFirst(request, true));
    return;
  }
  // Media and video files (range requests, large): only what a download stored, else the network as usual.
  if (
    url.pathname.startsWith('/media/') ||
    url.pathname.startsWith('/api/videos/') ||
    url.pathname.startsWith('/api/narrations/') ||
    url.pathname.includes('/materials/')
  ) {
    event.respondWith(storedMedia(request));
    return;
  }
  if (url.pathname.startsWith('/api/') && !url.pathname.startsWith('/api/auth/csrf')) {
    event.respondWith(networkFirst(request));
  }
});

/** A page: the network, else the precached shell (the router then draws the page from cached api answers). */
async function navigation(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch {
    const shell = await caches.match('/index.html');
    return shell ?? Response.error();
  }
}

/**
 * A downloaded media file, else the network. A video element asks by range (`Range: bytes=…`); the cache holds
 * the whole file, so a range gets its slice as 206, as the server would answer it (one range; anything else
 * gets the whole file).
 */
async function storedMedia(request: Request): Promise<Response> {
  const hit = await caches.match(request, { ignoreVary: true });
  if (!hit) return fetch(request);
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get('range') ?? '');
  if (!range || hit.status !== 200) return hit;
  const body = await hit.blob();
  const size = body.size;
  const [, from, to] = range;
  // `bytes=500-`, `bytes=500-999`, or the last n bytes: `bytes=-n`.
  const start = from ? Number(from) : Math.max(0, size - Number(to || 0));
  const end = from && to ? Math.min(Number(to), size - 1) : size - 1;
  if (start >= size || start > end)
    return new Response(null, { status: 416, headers: { 'content-range': `bytes */${size}` } });
  const headers = new Headers(hit.headers);
  headers.set('content-range', `bytes ${start}-${end}/${size}`);
  headers.set('content-length', String(end - start + 1));
  return new Response(body.slice(start, end + 1), { status: 206, statusText: 'Partial Content', headers });
}

async function cacheFirst(request: Request, remember: boolean): Promise<Response> {
  const hit = await caches.match(request, { ignoreVary: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (remember && response.ok && response.status === 200) {
    const copy = response.clone();
    void caches.open(RUNTIME_CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

/** The api: fresh when online (and remembered), the last answer (or a downloaded course's) when not. */
async function networkFirst(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok && response.status === 200) {
      const copy = response.clone();
      void remember(request, copy);
    }
    return response;
  } catch (error) {
    const hit = await caches.match(request, { ignoreVary: true });
    if (hit) return hit;
    throw error;
  }
}

async function remember(request: Request, response: Response): Promise<void> {
  const cache = await caches.open(RUNTIME_CACHE);
  await cache.put(request, response);
  const keys = await cache.keys();
  const api = keys.filter((k) => new URL(k.url).pathname.startsWith('/api/'));
  for (const old of api.slice(0, Math.max(0, api.length - MAX_RUNTIME_ENTRIES))) await cache.delete(old);
}
