// The widget over a chunked index (chunked.html: the same records as index.html, served as
// chunked/manifest.lom and its chunks/, as a region's or a nation's directory is): the same top
// results as the one-file page for the same questions (a typo among them), from the manifest,
// the chunks a question needs and the widget's own assets only, each chunk fetched once; a
// chunk that is missing or cut short gives a plain message and the results that could be
// shown (a chunk of another build is refused, never mixed in), and the next keystroke still
// answers; a missing base chunk stops the widget with the plain message; easy read from the easy-read fragments, after the results; the filter columns fetched once a search has all it needs, so a filter then fetches nothing; and axe on the page.

import { test } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import * as H from './harness.mjs';

const { assert } = H;
const env = H.useSite();

/** Every chunk the build wrote. */
const CHUNKS = fs.readdirSync(path.join(H.SITE, 'chunked', 'chunks'));
const COULD_NOT_LOAD = /Part of the search information could not be loaded/;
const DAMAGED = /Part of the search information is damaged or out of date/;

/** Opens `file` (its element's data-state ready: a chunked page fetches no easy-read file). */
async function openPage(file, { routes = [] } = {}) {
  const { context, page, log } = await env.open(null);
  const all = [];
  context.on('request', (r) => all.push(r.url()));
  for (const [match, handler] of routes) await page.route(match, handler);
  await page.goto(env.url(file));
  await page.waitForSelector(`${H.HOST}[data-state="ready"]`, { state: 'attached', timeout: 20_000 });
  return { context, page, log, all };
}

/** The visible count line once the search has all it needs (nothing said to be on its way). */
async function settled(page) {
  await page.waitForFunction(
    (h) => {
      const root = document.querySelector(h).shadowRoot;
      const count = root.querySelector('.los-count');
      const empty = root.querySelector('.los-empty');
      const said = `${count.hidden ? '' : count.textContent} ${empty.hidden ? '' : empty.textContent}`;
      return said.trim() && !/Searching|may appear/.test(said);
    },
    H.HOST,
    { timeout: 10_000 },
  );
  return (await H.countText(page)).trim();
}

/** Types `q` into the box (replacing what is there) and waits until the search settles. */
async function search(page, q) {
  await H.w(page, '#los-q').focus();
  await H.replaceQuery(page, q);
  const count = await settled(page);
  return { count, ids: await H.resultIds(page) };
}

const QUERIES = ['autism', 'speech therapy', 'short breaks', 'ehcp', 'speach therapy', 'chams', 'wheelchair'];

test('a chunked index gives the one file\'s results, fetching only the manifest, the chunks a search needs (each once) and the widget\'s assets', async () => {
  const single = await openPage('index.html');
  const expected = {};
  for (const q of QUERIES) expected[q] = await search(single.page, q);

  const { page, log, all } = await openPage('chunked.html');
  const atReady = all.length;
  for (const q of QUERIES) {
    const got = await search(page, q);
    assert.ok(expected[q].ids.length > 0, `the one file finds something for "${q}"`);
    assert.deepEqual(got.ids.slice(0, 10), expected[q].ids.slice(0, 10), `top results for "${q}"`);
    assert.equal(got.count, expected[q].count, `the count line for "${q}"`);
  }
  const paths = all.map((u) => new URL(u).pathname);
  const chunkPaths = paths.filter((p) => p.startsWith('/chunked/chunks/'));
  assert.ok(paths.includes('/chunked/manifest.lom'), 'the manifest was fetched');
  assert.ok(paths.includes('/local-offer-search-chunked_bg.wasm'), 'the chunked build was fetched');
  assert.ok(paths.includes('/local-offer-search-chunks.mjs'), 'the chunk loader was fetched');
  for (const p of ['/local-offer.idx', '/local-offer.easy', '/local-offer-search_bg.wasm', '/local-offer-search-kiosk_bg.wasm']) {
    assert.ok(!paths.includes(p), `${p} is not fetched by a chunked page`);
  }
  const assets = new Set(['/chunked.html', '/site.css', '/local-offer-search.js', '/local-offer-search-chunks.mjs', '/local-offer-search-chunked_bg.wasm', '/local-offer-search-listen.mjs', '/chunked/manifest.lom']);
  for (const p of paths) assert.ok(assets.has(p) || p.startsWith('/chunked/chunks/'), `only the widget's own files: ${p}`);
  assert.equal(new Set(chunkPaths).size, chunkPaths.length, `each chunk fetched once: ${chunkPaths.join(' ')}`);
  assert.ok(chunkPaths.length < CHUNKS.length, `${chunkPaths.length} of ${CHUNKS.length} chunks fetched for ${QUERIES.length} searches`);
  assert.ok(all.length > atReady, 'typing fetched chunks');
  H.assertClean(log);
});

test('the first search starts fetching on the first keystroke, and the results fill in', async () => {
  const { page, all } = await openPage('chunked.html');
  const before = all.length;
  await H.w(page, '#los-q').focus();
  await page.keyboard.type('s');
  await page.waitForFunction((n) => performance.getEntriesByType('resource').length > n, 0);
  await page.keyboard.type('peech therapy', { delay: 20 });
  const count = await settled(page);
  assert.match(count, /results? for “speech therapy”/);
  assert.ok(all.length > before, 'chunks were fetched while typing');
  assert.ok((await H.resultIds(page)).length > 0);
});

test('once a search has all it needs, the filter columns arrive, and choosing a filter fetches nothing', async () => {
  const filters = CHUNKS.filter((n) => n.startsWith('filter-'));
  assert.ok(filters.length > 0, 'the build wrote filter columns');
  const { page, all, log } = await openPage('chunked.html');
  const fetched = () => new Set(all.map((u) => new URL(u).pathname.split('/').pop()));
  const unfiltered = await search(page, 'short breaks');
  await page.waitForFunction(
    (names) => names.every((n) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(`/${n}`))),
    filters,
    { timeout: 10_000 },
  );
  for (const n of filters) assert.ok(fetched().has(n), `${n} fetched after the results`);
  const before = all.length;
  await H.w(page, '#los-age').selectOption('12');
  const count = await settled(page);
  assert.match(count, /results? for “short breaks”/);
  const total = (line) => Number(/(\d+) results?/.exec(line)?.[1]);
  assert.ok(total(count) <= total(unfiltered.count), `the filter narrows the results: ${unfiltered.count} → ${count}`);
  assert.deepEqual(all.slice(before).filter((u) => new URL(u).pathname.startsWith('/chunked/chunks/')), [], 'no chunk fetched for the filter');
  H.assertClean(log);
});

/** The chunks a search for `q` fetches after the page is ready, by kind (a fresh page). */
async function chunksFor(q) {
  const { page, all } = await openPage('chunked.html');
  const atReady = all.length;
  await search(page, q);
  const names = all.slice(atReady).map((u) => new URL(u).pathname.split('/').pop()).filter((n) => n.endsWith('.bin'));
  await page.close();
  return names;
}

test('a missing doc fragment and a cut-short postings chunk: a plain message, the other results, and the next keystroke still answers', async () => {
  const fetched = await chunksFor('autism');
  const doc = fetched.find((n) => n.startsWith('docs-'));
  const post = fetched.find((n) => n.startsWith('post-'));
  assert.ok(doc && post, `a search for "autism" fetches doc fragments and postings: ${fetched.join(' ')}`);

  // A doc fragment of the results answers 404.
  let missing = 0;
  const gone = await openPage('chunked.html', {
    routes: [[`**/chunked/chunks/${doc}`, (route) => (missing++, route.fulfill({ status: 404, body: 'not found' }))]],
  });
  const one = await search(gone.page, 'autism');
  assert.match(one.count, COULD_NOT_LOAD, `the status says so: ${one.count}`);
  assert.match(one.count, /\d+ results? for “autism”/, 'and still counts the results');
  assert.ok(one.ids.length > 0, 'the results whose records arrived are shown');
  assert.match(await H.statusText(gone.page), COULD_NOT_LOAD, 'and the live region says it');
  // The next keystroke asks once more (and is refused again), and answers.
  const two = await search(gone.page, 'autism services');
  assert.ok(two.ids.length > 0, 'the next search answers');
  const three = await search(gone.page, 'short breaks');
  assert.ok(three.ids.length > 0);
  assert.ok(missing >= 1 && missing <= 2, `the missing chunk is asked for at most twice (${missing})`);
  assert.deepEqual(gone.log.pageErrors, []);

  // A postings chunk cut short.
  const cut = await openPage('chunked.html', {
    routes: [[`**/chunked/chunks/${post}`, async (route) => {
      const body = fs.readFileSync(path.join(H.SITE, 'chunked', 'chunks', post));
      await route.fulfill({ status: 200, contentType: 'application/octet-stream', body: body.subarray(0, body.length >> 1) });
    }]],
  });
  await H.w(cut.page, '#los-q').focus();
  await H.replaceQuery(cut.page, 'autism');
  await cut.page.waitForFunction(
    ([h, src]) => new RegExp(src).test(document.querySelector(h).shadowRoot.querySelector('.los-count').textContent + document.querySelector(h).shadowRoot.querySelector('.los-empty').textContent),
    [H.HOST, DAMAGED.source],
  );
  const next = await search(cut.page, 'short breaks');
  assert.ok(next.ids.length > 0, 'the next keystroke answers');
  assert.ok(cut.log.console.some((m) => /cut short|damaged/.test(m.text) && m.text.includes(post)), 'the console names the chunk');
  assert.deepEqual(cut.log.pageErrors, []);

  // A doc fragment of another build (a stale file on a CDN): refused before anything of it is
  // read, never mixed in.
  const other = await openPage('chunked.html', {
    routes: [[`**/chunked/chunks/${doc}`, async (route) => {
      const body = Buffer.from(fs.readFileSync(path.join(H.SITE, 'chunked', 'chunks', doc)));
      body.writeUInt32LE((body.readUInt32LE(12) ^ 0x5a5a5a5a) >>> 0, 12);
      await route.fulfill({ status: 200, contentType: 'application/octet-stream', body });
    }]],
  });
  const mixed = await search(other.page, 'autism');
  assert.match(mixed.count, DAMAGED, `the status says so: ${mixed.count}`);
  assert.ok(mixed.ids.length > 0, 'the results whose records are this build\'s are shown');
  assert.ok(!mixed.ids.some((id) => !one.ids.includes(id)), 'and only those the missing fragment left');
  assert.ok(other.log.console.some((m) => /belongs to build/.test(m.text) && m.text.includes(doc)), 'the console names the chunk and the builds');
  assert.deepEqual(other.log.pageErrors, []);
});

test('a base chunk (a glossary doc fragment, read before the widget is built) that is missing: the alert says so in plain words', async () => {
  const { page: first, all } = await openPage('chunked.html');
  const base = all.map((u) => new URL(u).pathname.split('/').pop()).find((n) => n.startsWith('docs-'));
  assert.ok(base, 'the base is fetched before the widget is ready');
  await first.close();
  const { context, page, log } = await env.open(null);
  await page.route(`**/chunked/chunks/${base}`, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(env.url('chunked.html'));
  await H.waitState(page, 'error');
  const alert = await H.inShadow(page, (host) => host.shadowRoot.querySelector('[role=alert]')?.textContent ?? '');
  assert.match(alert, COULD_NOT_LOAD);
  assert.deepEqual(log.pageErrors, []);
  assert.ok(log.console.some((m) => m.text.includes(base)), 'the console names the chunk');
  await context.close();
});

/** The first card's easy-read text and its whole text, once `pred` holds for them. */
async function firstCard(page) {
  return H.inShadow(page, (host) => {
    const li = host.shadowRoot.querySelector('.los-results > li.los-card');
    return { easy: li.querySelector('.los-easy').textContent, all: li.textContent };
  });
}

test('easy read comes from the easy-read fragments of the cards on screen, fetched after the results, and matches the one file\'s', async () => {
  const single = await openPage('index.html');
  await single.page.waitForSelector(`${H.HOST}[data-easy="ready"]`, { state: 'attached' });
  await H.w(single.page, '.los-easy-toggle').click();
  const expected = await search(single.page, 'speech therapy');
  const want = await firstCard(single.page);
  assert.ok(want.easy.trim(), 'the one file\'s card has easy read');

  const { page, all } = await openPage('chunked.html');
  const atReady = all.length;
  // Pasted, so one search asks for everything (typed, each key's results would ask for their
  // own records and easy read as they show).
  await H.w(page, '#los-q').fill('speech therapy');
  await settled(page);
  assert.deepEqual((await H.resultIds(page)).slice(0, 5), expected.ids.slice(0, 5));
  await page.waitForFunction(
    (n) => performance.getEntriesByType('resource').filter((e) => /\/easy-/.test(e.name)).length >= n,
    1,
  );
  const names = all.slice(atReady).map((u) => new URL(u).pathname.split('/').pop());
  const firstEasy = names.findIndex((n) => n.startsWith('easy-'));
  const lastDocs = names.findLastIndex((n) => n.startsWith('docs-'));
  assert.ok(firstEasy > lastDocs, `easy-read fragments after the results' records: ${names.join(' ')}`);
  await H.w(page, '.los-easy-toggle').click();
  await page.waitForFunction(
    ([h, text]) => document.querySelector(h).shadowRoot.querySelector('.los-results > li.los-card .los-easy').textContent === text,
    [H.HOST, want.easy],
  ).catch(async () => assert.equal((await firstCard(page)).easy, want.easy, 'the first card\'s easy read'));
  assert.equal((await firstCard(page)).all, want.all, 'the first card, details included, is the one file\'s');
});

test('chunked.html passes axe with results shown', async () => {
  const { page } = await openPage('chunked.html');
  await search(page, 'speech therapy');
  const { violations } = await H.axe(page);
  assert.deepEqual(violations, [], H.describeViolations(violations));
});
