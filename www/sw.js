// Service worker for the Family Hub kiosk (registered by kiosk.js): the search keeps working
// when the hub's network drops.
//
// - install: caches the kiosk page and everything the widget needs, in a cache named after the
//   build (the build replaces the placeholder below with a content hash; left as it is, the
//   worker still works).
// - activate: deletes this app's older caches and takes control of open pages at once.
// - fetch, same-origin GET only: network first for pages, the index and anything else (so
//   updates arrive), falling back to the cache when offline; cache first for the script and
//   the wasm (they change only with the build, and so with the cache name).
// Cross-origin requests are never touched or cached; only GET 200 responses are cached.

const VERSION = '__BUILD_VERSION__';
const PREFIX = 'local-offer-search-';
const CACHE = PREFIX + VERSION;

// Relative to this script, which sits at the root of its scope.
const ASSETS = [
  'kiosk.html',
  'kiosk.css',
  'kiosk.js',
  'local-offer-search.js',
  'local-offer-search-listen.mjs',
  'local-offer-search-kiosk_bg.wasm',
  'local-offer.idx',
  'local-offer.easy',
];
// Cached if present; their absence does not stop the install (council.css is there only when
// data/council.toml sets colours).
const OPTIONAL = ['widget.css', 'council.css'];

// Without a build hash the cache name never changes, so nothing may be served from the cache
// while the network answers. (Written so that replacing the placeholder cannot change this.)
const UNVERSIONED = /^__.*__$/.test(VERSION);

const fresh = (path) => new Request(new URL(path, self.location.href), { cache: 'reload' });

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(ASSETS.map(fresh));
      await Promise.all(
        OPTIONAL.map(async (path) => {
          try {
            const request = fresh(path);
            const response = await fetch(request);
            if (cacheable(response)) await cache.put(request, response);
          } catch (_) {
            // Optional: ignore.
          }
        }),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(PREFIX) && name !== CACHE)
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

/** Only complete, same-origin, unredirected 200 responses are kept. */
function cacheable(response) {
  return (
    response &&
    response.status === 200 &&
    response.type === 'basic' &&
    !response.redirected
  );
}

async function fromCache(request) {
  const cache = await caches.open(CACHE);
  return (
    (await cache.match(request)) ||
    (request.mode === 'navigate' ? cache.match(request, { ignoreSearch: true }) : undefined)
  );
}

async function networkFirst(event) {
  const { request } = event;
  try {
    const response = await fetch(request);
    if (cacheable(response)) {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
    }
    return response;
  } catch (error) {
    const cached = await fromCache(request);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(event) {
  const cached = await fromCache(event.request);
  return cached || networkFirst(event);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || request.headers.has('range')) return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const immutable = /\.(?:js|mjs|wasm)$/.test(url.pathname) && !UNVERSIONED;
  event.respondWith(immutable ? cacheFirst(event) : networkFirst(event));
});
