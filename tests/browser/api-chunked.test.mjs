// The JavaScript API on a chunked index (`index-builder build --chunked`: the site's
// chunked/manifest.lom and chunks/, the same records as local-offer.idx): the same answers as
// the single file, each chunk fetched once, and a chunk that cannot be had (404, cut short)
// giving a plain message and the results that could be found, never a hung search.

import { test } from 'node:test';
import * as H from './harness.mjs';

const { assert } = H;
const env = H.useSite();

const CHUNKED = 'chunked/manifest.lom';
const SINGLE = 'local-offer.idx';
const NOT_FOUND = /Failed to load resource: the server responded with a status of 404/;

/** Opens api.html and waits for its form to be ready. */
async function apiPage({ fresh = false } = {}) {
  const opened = await (fresh ? env.open : env.reuse)('api.html', { waitFor: null });
  await opened.page.waitForSelector('form#search[data-state="ready"]', { timeout: 20_000 });
  return opened;
}

/** Runs `body(engine, arg)` on a fresh engine of `index` in the page, failing after 15 s. */
function withEngine(page, index, body, arg) {
  return page.evaluate(
    async ([index, body, arg]) => {
      const run = new Function('engine', 'arg', `return (${body})(engine, arg);`);
      const engine = await window.LocalOfferSearch.open({ index });
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('no answer in 15 s')), 15_000));
      return Promise.race([run(engine, arg), timeout]);
    },
    [index, body.toString(), arg],
  );
}

const QUERIES = ['speech therapy', 'chams', 'autsim', 'short breaks', 'wheelchair', 'salt', 'what is an ehcp'];

test('a chunked index gives the single file\'s hits, typos included, and fetches each chunk once', async () => {
  // A context of its own: the test counts what the page fetched.
  const { page, log } = await apiPage({ fresh: true });
  const search = async (engine, queries) => {
    const out = [];
    for (const q of queries) {
      const hits = await engine.search(q, { limit: 10 });
      out.push({ hits: [...hits], incomplete: hits.incomplete ?? null });
    }
    return out;
  };
  const single = await withEngine(page, SINGLE, search, QUERIES);
  const before = log.requests.length;
  const chunked = await withEngine(page, CHUNKED, search, QUERIES);
  for (const [i, q] of QUERIES.entries()) {
    assert.ok(single[i].hits.length > 0, `"${q}" finds something`);
    assert.deepEqual(chunked[i].hits.map((h) => h.id), single[i].hits.map((h) => h.id), `"${q}": the same hits in the same order`);
    assert.deepEqual(chunked[i].hits, single[i].hits, `"${q}": the same hits, field by field`);
    assert.equal(chunked[i].incomplete, null, `"${q}" is complete`);
  }
  const fetched = log.requests.slice(before);
  const chunks = fetched.filter((u) => u.includes('/chunked/chunks/'));
  assert.ok(chunks.length > 0, 'chunks were fetched');
  assert.equal(new Set(chunks).size, chunks.length, `each chunk once: ${chunks.join(' ')}`);
  assert.ok(!fetched.some((u) => u.endsWith('.easy') || u.endsWith('.idx')), 'no single-file index fetched for the chunked one');
  const base = env.url('/');
  assert.deepEqual(log.requests.filter((u) => !u.startsWith(base)), []);
  H.assertClean(log);
});

test('searches in flight at once share their fetches and each gets its own answer', async () => {
  const { page, log } = await apiPage({ fresh: true });
  const before = log.requests.length;
  const [together, alone] = await withEngine(page, CHUNKED, async (engine, queries) => {
    const together = (await Promise.all(queries.map((q) => engine.search(q)))).map((h) => h.map((x) => x.id));
    const alone = [];
    for (const q of queries) alone.push((await engine.search(q)).map((x) => x.id));
    return [together, alone];
  }, ['autism', 'autism assessment', 'aut', 'speech']);
  assert.deepEqual(together, alone);
  const chunks = log.requests.slice(before).filter((u) => u.includes('/chunked/chunks/'));
  assert.equal(new Set(chunks).size, chunks.length, `each chunk once: ${chunks.join(' ')}`);
  H.assertClean(log);
});

test('record, facets and define answer as the single file does', async () => {
  const { page, log } = await apiPage();
  const ask = async (engine) => {
    const hits = await engine.search('send team contact', { limit: 3 });
    const id = hits[0].id;
    const card = await engine.record(id);
    return { id, card, facets: engine.facets(), salt: engine.define('SALT'), ehcps: engine.define('EHCPs'), none: engine.define('zzzz') };
  };
  const single = await withEngine(page, SINGLE, ask);
  const chunked = await withEngine(page, CHUNKED, ask);
  assert.equal(chunked.id, single.id);
  assert.ok(single.card.links.length > 0, 'a card with contacts');
  assert.deepEqual(chunked.card, single.card);
  assert.deepEqual(chunked.facets, single.facets);
  assert.ok(single.salt.length > 0 && single.ehcps.length > 0);
  assert.deepEqual(chunked.salt, single.salt);
  assert.deepEqual(chunked.ehcps, single.ehcps);
  assert.deepEqual(chunked.none, []);
  // A record no search has given: a chunked index has no table of ids, so it says so.
  const unseen = await withEngine(page, CHUNKED, (engine) => engine.record('no-such-record').then(() => 'resolved', (e) => e.message));
  assert.match(unseen, /^no record with the id "no-such-record" has arrived/);
  // Bad options are refused as the single file refuses them.
  const bad = await withEngine(page, CHUNKED, (engine) => engine.search('autism', { need: 'SEMHX' }).then(() => 'resolved', (e) => e.message));
  assert.match(bad, /^unknown need "SEMHX"/);
  H.assertClean(log);
});

test('a chunk that answers 404 gives a plain message naming it and the results that could be found', async () => {
  const { page, context, log } = await apiPage({ fresh: true });
  // The first postings chunk the search asks for is not there.
  let missing = null;
  await context.route('**/chunked/chunks/post-*.bin', (route) => {
    const path = new URL(route.request().url()).pathname;
    missing ??= path;
    return path === missing ? route.fulfill({ status: 404, body: 'not found' }) : route.continue();
  });
  const t0 = Date.now();
  const r = await withEngine(page, CHUNKED, async (engine) => {
    const first = await engine.search('speech therapy');
    const again = await engine.search('speech therapy');
    return { ids: first.map((h) => h.id), incomplete: first.incomplete, again: again.incomplete };
  });
  assert.ok(Date.now() - t0 < 15_000, 'the search did not hang');
  assert.ok(missing, 'a postings chunk was asked for');
  const name = missing.split('/').pop();
  assert.match(r.incomplete, /^some results may be missing: postings chunk \d+ \(chunks\/post-[0-9a-f]+\.bin\) could not be read: HTTP 404/);
  assert.ok(r.incomplete.includes(name), `${r.incomplete} names ${name}`);
  // The failed chunk is not asked for again, and the next search still says what it lacks.
  assert.equal(r.again, r.incomplete);
  H.assertClean(log, { allow: [NOT_FOUND] });
});

test('a chunk cut short is refused with its name; a missing manifest rejects open()', async () => {
  const { page, context, log } = await apiPage({ fresh: true });
  await context.route('**/chunked/chunks/docs-*.bin', async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    await route.fulfill({ response, body: body.subarray(0, body.length - 5) });
  });
  const r = await withEngine(page, CHUNKED, async (engine) => {
    const hits = await engine.search('speech therapy');
    return { n: hits.length, incomplete: hits.incomplete };
  });
  // Every doc fragment is cut short, the glossary's among them: no hits, and the reason.
  assert.equal(r.n, 0);
  assert.match(r.incomplete, /^some results may be missing: doc fragment \d+ \(chunks\/docs-[0-9a-f]{8}-\d+\.bin\) is damaged or was cut short: the manifest says \d+ bytes, it has \d+/);
  const gone = await page.evaluate(() => window.LocalOfferSearch.open({ index: 'chunked-nowhere/manifest.lom' }).then(() => 'opened', (e) => e.message));
  assert.match(gone, /chunked-nowhere\/manifest\.lom could not be fetched \(HTTP 404\)/);
  H.assertClean(log, { allow: [NOT_FOUND] });
});
