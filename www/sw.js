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
// - a chunked index (a region's or nation's directory: DIR/manifest.lom and DIR/chunks/): its
//   chunks are named by their content, so they are served cache first, for ever, from the cache
//   `local-offer-chunks`, which every build shares and which the kiosk (or a page whose
//   element has the `offline` attribute) fills with every chunk (src/web/chunks.js); a chunk
//   fetched while searching is kept there too. manifest.lom is network first, falling back to
//   that cache.
// Cross-origin requests are never touched or cached; only GET 200 responses are cached.

const VERSION = '__BUILD_VERSION__';
const PREFIX = 'local-offer-search-';
const CACHE = PREFIX + VERSION;
// Kept from build to build (every name in it is its content's; the manifest is fetched afresh
// whenever the network answers); chunks.js saves into it. Not under PREFIX: no build's cleanup
// deletes it.
const CHUNKS = 'local-offer-chunks';
const CHUNK = /\/chunks\/[a-z]+-[0-9a-f]+(?:-[0-9]+)?\.bin$/;

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
// The kiosk over a chunked index (kiosk-chunked.html, whose kiosk.js registers `sw.js?chunked`)
// needs its page, the chunk loader and its wasm too; its manifest and chunks are saved by the
// page itself. A kiosk of one index file does not download them.
const OPTIONAL = ['widget.css', 'council.css'];
if (new URL(self.location.href).searchParams.has('chunked')) {
  OPTIONAL.push('kiosk-chunked.html', 'local-offer-search-chunks.mjs', 'local-offer-search-kiosk-chunked_bg.wasm');
}

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
    (await caches.match(request, { cacheName: CHUNKS })) ||
    (request.mode === 'navigate' ? cache.match(request, { ignoreSearch: true }) : undefined)
  );
}

/** A chunk: from the chunks' cache, else from the network (and kept). */
async function chunk(event) {
  const cached = await caches.match(event.request, { cacheName: CHUNKS });
  if (cached) return cached;
  const response = await fetch(event.request);
  if (cacheable(response)) {
    const copy = response.clone();
    event.waitUntil(caches.open(CHUNKS).then((cache) => cache.put(event.request, copy)));
  }
  return response;
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
  if (CHUNK.test(url.pathname)) {
    event.respondWith(chunk(event));
    return;
  }
  const immutable = /\.(?:js|mjs|wasm)$/.test(url.pathname) && !UNVERSIONED;
  event.respondWith(immutable ? cacheFirst(event) : networkFirst(event));
});
