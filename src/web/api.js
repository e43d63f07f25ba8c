// The JavaScript API's module (local-offer-search-api.mjs): opens an index in the API's own
// wasm build (local-offer-search-api_bg.wasm, beside this module) and wraps it in an engine.
// `LocalOfferSearch.open()` in local-offer-search.js loads this module the first time it is
// called; a bundler can import it directly. Types: local-offer-search.d.ts.
//
// Every answer comes from the wasm as a fresh object made by serde-wasm-bindgen from the
// engine's own types; every failure is an Error with a plain message.

import init, { Engine } from './local_offer_search.js';

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

/**
 * For the benchmarks, not part of the partner API: once this module's wasm is loaded, a
 * function that opens an index's bytes into the bare engine (`search(query, limit)` gives the
 * ids of the best records, one a line; `warmUp()` does what the widget does once it has
 * painted). The widget's own wasm has no engine class, to keep it small.
 */
export async function bareEngine() {
  await load();
  return (bytes) => new Engine(bytes);
}

/**
 * Opens an index (a URL, relative to this module) and its second file beside it, and returns
 * its engine once both are read, so that every answer is complete: cards with their contacts,
 * glossary meanings in full.
 */
export async function open(options = {}) {
  const indexUrl = new URL((options && options.index) || 'local-offer.idx', import.meta.url).href;
  const detailsUrl = easyUrl(indexUrl);
  const bytes = fetchBytes(indexUrl);
  const details = fetchBytes(detailsUrl);
  bytes.catch(() => {});
  details.catch(() => {});
  try {
    await load();
  } catch (e) {
    throw new Error(`the search engine could not start in this browser (${reason(e)})`);
  }
  const file = await bytes;
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
