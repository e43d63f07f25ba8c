// The chunk loader: what a <local-offer-search> over a chunked index (index="…/manifest.lom", a
// region's or a nation's directory) loads besides the one script. element.js imports it
// (local-offer-search-chunks.mjs, bundled with the glue of the chunked wasm) only for such an
// index, at the same time as it fetches the manifest, so pages with one index file never
// download it.
//
// The wasm decides what to fetch; this module only fetches. Before the widget is built, the
// manifest's base (the doc fragments every search reads) is fetched and handed over; then each
// search tells what it still needs (`tell("need", paths one a line)`), and every chunk is
// fetched once: a Map from address to promise joins a request already in flight, requests go
// out in parallel, and each chunk is handed to the wasm as it arrives (`chunkArrived`), which
// keeps it in memory (checked and decoded: it never asks for it again, and its bytes are not
// held twice) and searches again so the results fill in. A failed fetch is handed over with its
// reason (`chunkFailed`): the widget says so in plain words and shows what it can, and a later
// keystroke's one retry fetches it afresh.
//
// Offline: a kiosk (mode="kiosk"), or any element with the `offline` attribute, saves every
// chunk listed in the manifest, and the manifest, into the Cache Storage cache
// `local-offer-chunks`, with a progress line announced to screen readers ("Saving the
// directory for offline use: 40 of 120 files"). This module, and the service worker (sw.js),
// read chunks from that cache first: their names are their content's, so a saved one is never
// stale, and a page that has saved them searches with no network.

import init, { mount as mountFile, showError, Chunked } from './local_offer_search.js';

export { showError };

/**
 * Fetches and starts the chunked build (the kiosk's if `kiosk`), with `asset` the element's
 * function that resolves a file's name beside the script.
 */
export function load(asset, kiosk) {
  const file = kiosk ? 'local-offer-search-kiosk-chunked_bg.wasm' : 'local-offer-search-chunked_bg.wasm';
  return init({ module_or_path: fetch(asset(file)) });
}

/** The cache the chunks are saved in (sw.js reads the same one). */
export const CACHE = 'local-offer-chunks';
/** Requests at once while saving for offline use. */
const PARALLEL = 6;
/** At most one progress announcement in this many milliseconds. */
const ANNOUNCE_MS = 2000;

const MAGIC = [0x8f, 0x4c, 0x4f, 0x4d, 0x41, 0x4e, 0x0d, 0x0a]; // \x8fLOMAN\r\n

// Address → promise of the chunk's bytes while it is on its way: a second ask joins the first.
const held = new Map();

// The saved copy of `url`, if the device has one (Cache Storage needs a secure page).
async function saved(url) {
  try {
    const r = self.caches && (await caches.match(url, { cacheName: CACHE }));
    return r && r.ok ? r.arrayBuffer() : undefined;
  } catch (e) {
    return undefined;
  }
}

// A chunk's bytes: the saved copy if there is one (a chunk's name is its content's, so a saved
// copy is never stale), else the network.
function get(url) {
  let p = held.get(url);
  if (!p) {
    p = saved(url).then(
      (buf) =>
        buf ||
        fetch(url).then(
          (r) => {
            if (!r.ok) throw new Error(`error ${r.status}`);
            return r.arrayBuffer();
          },
          () => {
            throw new Error('the network failed');
          },
        ),
    );
    held.set(url, p);
    // Once settled it is the wasm's: kept there if it was accepted (and never asked for again),
    // asked for once more by a later keystroke if not, which must then fetch it afresh.
    const done = () => held.delete(url);
    p.then(done, done);
  }
  return p;
}

// Fetches `paths` (one a line, relative to `dir`) and hands each to `to` as it settles.
function fetchAll(paths, dir, to) {
  return Promise.all(
    paths
      .split('\n')
      .filter((p) => p)
      .map((path) =>
        get(new URL(path, dir).href).then(
          (buf) => to.arrived(path, new Uint8Array(buf)),
          (e) => to.failed(path, e.message),
        ),
      ),
  );
}

/**
 * Builds the widget in `root` over the index whose bytes are `bytes` and whose address is
 * `url`: a chunked index's manifest once its base has arrived (a promise of the widget), or
 * one index file at once (this build reads both).
 */
export function mount(root, host, bytes, tell, url) {
  if (!MAGIC.every((b, i) => bytes[i] === b)) return mountFile(root, host, bytes, tell);
  const store = Chunked.open(root, bytes);
  const dir = new URL('.', url).href;
  let widget;
  const to = {
    arrived: (path, bytes) => widget.chunkArrived(path, bytes),
    failed: (path, reason) => widget.chunkFailed(path, reason),
  };
  const need = (paths) =>
    fetchAll(paths, dir, to).catch((e) => console.warn(`<local-offer-search>: ${e}`));
  return fetchAll(store.base(), dir, store).then(() => {
    widget = store.mount(root, host, (name, value, query) =>
      name === 'need' ? need(value) : tell(name, value, query),
    );
    if (host.hasAttribute('offline') || host.getAttribute('mode') === 'kiosk') {
      saveAll(widget, url, dir, host, root);
    }
    return widget;
  });
}

/**
 * Saves the manifest and every chunk into the cache, a few at a time, showing and announcing
 * how far it has got. Chunks already saved are not fetched again; the manifest always is (its
 * name stays the same from build to build). Sets `data-offline` on the element: `saving`, then
 * `saved` or `error`.
 */
async function saveAll(widget, url, dir, host, root) {
  const box = document.createElement('p');
  box.className = 'los-hint los-offline';
  box.setAttribute('role', 'status');
  (root.querySelector('.los') || root).append(box);
  if (!self.caches) {
    box.textContent = 'This page cannot save the directory for offline use.';
    host.setAttribute('data-offline', 'error');
    return;
  }
  const paths = widget.allChunks().split('\n').filter((p) => p);
  const urls = [url, ...paths.map((p) => new URL(p, dir).href)];
  const total = urls.length;
  let done = 0;
  let failed = 0;
  let said = -Infinity;
  const say = (final) => {
    const now = performance.now();
    if (!final && now - said < ANNOUNCE_MS) return;
    said = now;
    box.textContent = final
      ? failed
        ? `The directory could not all be saved for offline use: ${failed} of ${total} files failed. The search still works while you are online.`
        : `Saved for offline use: all ${total} files. The search works without the internet.`
      : `Saving the directory for offline use: ${done} of ${total} files`;
  };
  host.setAttribute('data-offline', 'saving');
  host.setAttribute('data-offline-total', String(total));
  say(false);
  try {
    const cache = await caches.open(CACHE);
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const u = urls[next++];
        try {
          if (u === url) await cache.add(new Request(u, { cache: 'no-cache' }));
          else if (!(await cache.match(u))) await cache.add(u);
          done++;
        } catch (e) {
          failed++;
          console.warn(`<local-offer-search>: ${u} could not be saved for offline use (${e})`);
        }
        host.setAttribute('data-offline-done', String(done));
        say(false);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  } catch (e) {
    failed = failed || total - done;
  }
  say(true);
  host.setAttribute('data-offline', failed ? 'error' : 'saved');
}
