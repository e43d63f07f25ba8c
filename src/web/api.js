// The JavaScript API's module (local-offer-search-api.mjs): opens an index in the API's own
// wasm build (local-offer-search-api_bg.wasm, beside this module) and wraps it in an engine.
// `LocalOfferSearch.open()` in local-offer-search.js loads this module the first time it is
// called; a bundler can import it directly. Types: local-offer-search.d.ts.
//
// Every answer comes from the wasm as a fresh object made by serde-wasm-bindgen from the
// engine's own types; every failure is an Error with a plain message.
//
// An index is either one file (`local-offer.idx` and its second file `local-offer.easy`) or a
// chunked directory (`index-builder build --chunked`: `manifest.lom` and `chunks/`), which a
// search reads only in part: the wasm's `ChunkedEngine` says which chunks a search still needs,
// this module fetches them in parallel (each once: a promise per path, shared by searches in
// flight), hands them over and searches again, until nothing is missing.

import init, { ChunkedEngine, Engine } from './local_offer_search.js';

let wasm;
function load() {
  if (!wasm) {
    wasm = init({ module_or_path: fetch(new URL('local-offer-search-api_bg.wasm', import.meta.url)) });
    wasm.catch(() => {
      wasm = undefined;
    });
  }
  return wasm;
}

// The bytes of `url`; an Error that names the file when they cannot be had.
async function fetchBytes(url) {
  let r;
  try {
    r = await fetch(url);
  } catch (e) {
    throw new Error(`${url} could not be fetched (${e.message})`);
  }
  if (!r.ok) throw new Error(`${url} could not be fetched (HTTP ${r.status})`);
  return new Uint8Array(await r.arrayBuffer());
}

// local-offer.idx → local-offer.easy (index-builder writes both): the cards' details (how to
// get the help, contacts, glossary meanings) and the easy-read sentences.
function easyUrl(indexUrl) {
  const u = new URL(indexUrl);
  u.pathname = u.pathname.replace(/\.idx$/, '') + '.easy';
  return u.href;
}

// A wasm error (a string or an Error) as plain words.
const reason = (e) => (e instanceof Error ? e.message : String(e));

// serde-wasm-bindgen reads only the fields it knows, so a misspelt one would be ignored.
const OPTIONS = ['age', 'area', 'need', 'kind', 'cost', 'limit'];
function checked(options) {
  if (options !== null && typeof options === 'object') {
    const unknown = Object.keys(options).find((k) => !OPTIONS.includes(k));
    if (unknown !== undefined) {
      throw new Error(`search options: unknown field "${unknown}"; expected ${OPTIONS.join(', ')}`);
    }
  }
  return options;
}

// The manifest's first eight bytes (`chunk::MANIFEST_MAGIC`): `\x8fLOMAN\r\n`.
const MANIFEST_MAGIC = [0x8f, 0x4c, 0x4f, 0x4d, 0x41, 0x4e, 0x0d, 0x0a];
const isManifest = (bytes) => bytes.length >= 8 && MANIFEST_MAGIC.every((b, i) => bytes[i] === b);
const isManifestUrl = (url) => new URL(url).pathname.endsWith('/manifest.lom');

// Rounds of fetching a search may take (a plan, postings and records are three; a suggestion's
// record a fourth). Every round adds or fails a chunk, so the bound is only a guard.
const ROUNDS = 16;
// A chunk that has not arrived after this long is given up (the search goes on without it).
const CHUNK_TIMEOUT_MS = 30000;

// A chunked index's fetching: `engine` is a ChunkedEngine, `base` the manifest's URL (chunk
// paths are relative to it). Each chunk is fetched once: `cache` maps a path to the promise of
// its bytes, which every search needing it shares; once the engine has a chunk the bytes are
// dropped (the promise then gives null), so they are not held twice.
function fetcher(engine, base) {
  const cache = new Map();
  const get = (path) => {
    let p = cache.get(path);
    if (!p) {
      p = (async () => {
        let r;
        try {
          r = await fetch(new URL(path, base).href, AbortSignal.timeout ? { signal: AbortSignal.timeout(CHUNK_TIMEOUT_MS) } : {});
        } catch (e) {
          throw new Error(e && e.name === 'TimeoutError' ? `no answer in ${CHUNK_TIMEOUT_MS / 1000} s` : `the network failed (${reason(e)})`);
        }
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return new Uint8Array(await r.arrayBuffer());
      })();
      cache.set(path, p);
      p.catch(() => {});
    }
    return p;
  };
  // Fetches the chunks of `lines` (the engine's "kind\tnumber\tpath" lines) in parallel and
  // hands each over; resolves when every one has arrived or failed.
  const fill = (lines) => Promise.all(lines.split('\n').filter(Boolean).map(async (line) => {
    const [kind, number, path] = line.split('\t');
    let bytes;
    try {
      bytes = await get(path);
    } catch (e) {
      engine.fail(Number(kind), Number(number), reason(e));
      return;
    }
    if (bytes) {
      engine.give(Number(kind), Number(number), bytes);
      cache.set(path, DONE);
    }
  }));
  // Runs `step` (one search of what has arrived, giving what it still needs) until nothing is
  // missing or the rounds run out, then `answer` right after the last step (no await between,
  // so another search in flight cannot step in); `answer` gets what could not be had.
  const search = async (step, answer) => {
    for (let round = 0; ; round++) {
      const missing = step();
      if (!missing || round === ROUNDS) return answer(missing ? 'the search did not settle' : '');
      await fill(missing);
    }
  };
  return { fill, search };
}
const DONE = Promise.resolve(null);

/**
 * For the benchmarks, not part of the partner API: once this module's wasm is loaded, a
 * function that opens an index's bytes into the bare engine (`search(query, limit)` gives the
 * ids of the best records, one a line; `warmUp()` does what the widget does once it has
 * painted). The widget's own wasm has no engine class, to keep it small. Given a chunked
 * index's manifest and its URL, the engine's `search` returns a promise instead: it fetches
 * the chunks the search needs first (cached, so a later keystroke fetches only what is new).
 */
export async function bareEngine() {
  await load();
  return (bytes, url) => {
    if (!isManifest(bytes)) return new Engine(bytes);
    const engine = new ChunkedEngine(bytes);
    const chunks = fetcher(engine, new URL(url ?? 'manifest.lom', import.meta.url).href);
    return {
      warmUp: () => engine.warmUp(),
      search: (query, limit) => chunks.search(() => engine.stepBare(String(query), limit), () => engine.ids()),
      free: () => engine.free(),
    };
  };
}

// The engine of a chunked index: `bytes` its manifest, from `indexUrl`. Resolves once the
// glossary's chunks are here, so that `define` answers at once as a single file's does.
async function openChunked(indexUrl, bytes) {
  let engine;
  try {
    engine = new ChunkedEngine(bytes);
  } catch (e) {
    throw new Error(`${indexUrl}: ${reason(e)}`);
  }
  const chunks = fetcher(engine, indexUrl);
  // The glossary's chunks (for `define`) and the filter columns (for `facets`). One that
  // cannot be had makes `define` say so; searches still work.
  await chunks.fill(engine.openNeeds());
  return Object.freeze({
    search: async (query, options) => {
      const q = String(query ?? '');
      const opts = checked(options);
      return chunks.search(() => engine.step(q, opts), (unsettled) => {
        const hits = engine.hits();
        const failed = [engine.failed(), unsettled].filter(Boolean).join('\n');
        if (failed) hits.incomplete = `some results may be missing: ${failed.split('\n').join('; ')}`;
        return hits;
      });
    },
    record: async (id) => {
      const key = String(id);
      await chunks.fill(engine.recordNeeds(key));
      return engine.record(key);
    },
    facets: () => engine.facets(),
    define: (term) => engine.define(String(term ?? '')),
  });
}

/**
 * Opens an index (a URL, relative to this module) and its second file beside it, and returns
 * its engine once both are read, so that every answer is complete: cards with their contacts,
 * glossary meanings in full. A chunked index (its `manifest.lom`, or any file that starts as a
 * manifest does) is opened with its glossary's chunks; every other chunk is fetched when a
 * search or a card needs it.
 */
export async function open(options = {}) {
  const indexUrl = new URL((options && options.index) || 'local-offer.idx', import.meta.url).href;
  const chunked = isManifestUrl(indexUrl);
  const detailsUrl = easyUrl(indexUrl);
  const bytes = fetchBytes(indexUrl);
  const details = chunked ? null : fetchBytes(detailsUrl);
  bytes.catch(() => {});
  details?.catch(() => {});
  try {
    await load();
  } catch (e) {
    throw new Error(`the search engine could not start in this browser (${reason(e)})`);
  }
  const file = await bytes;
  if (chunked || isManifest(file)) return openChunked(indexUrl, file);
  let engine;
  try {
    engine = new Engine(file);
  } catch (e) {
    throw new Error(`${indexUrl}: ${reason(e)}`);
  }
  let second;
  try {
    second = await details;
  } catch (e) {
    engine.free();
    throw e;
  }
  try {
    engine.attachEasyRead(second);
  } catch (e) {
    engine.free();
    throw new Error(`${detailsUrl}: ${reason(e)}`);
  }
  return Object.freeze({
    search: async (query, options) => engine.query(String(query ?? ''), checked(options)),
    record: async (id) => engine.record(String(id)),
    facets: () => engine.facets(),
    define: (term) => engine.define(String(term ?? '')),
  });
}
