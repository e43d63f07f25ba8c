// The JavaScript API (`LocalOfferSearch.open()`, local-offer-search-api.mjs) and the element's
// events. The partner example www/api.html is driven by keyboard and mouse; the API's answers
// are compared with `index-builder search`, which runs the same search natively. A second index
// (built here with the real index-builder, with a Hindi record) shows two engines on one page and
// a non-Latin word typed into the widget.

import { after, before, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as H from './harness.mjs';

const { assert } = H;
const env = H.useSite();

const SECOND = 'test-api-second.idx';
const SECOND_PAGE = 'test-api-second.html';
const MODULE_PAGE = 'test-api-module.html';
const MODULE_JS = 'test-api-module.js';
const KIOSK = 'test-api-kiosk.html';
const SHARE = 'test-api-share.html';
const MISSING = 'test-api-missing.html';
// The family's index without its second file beside it.
const LONE = 'test-api-lone.idx';
const NOT_FOUND = /Failed to load resource: the server responded with a status of 404/;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'los-api-'));

const SECOND_RECORDS = `
[[record]]
id = "hindi-help"
kind = "service"
name = "हिन्दी में सहायता"
summary = "Zebrafinch: परिवारों के लिए सलाह और सहायता."
easy_read = ["This is help in Hindi.", "It is a test."]
districts = ["countywide"]
source = "browser test § api"
last_reviewed = "2025-10"

[[record]]
id = "zebrafinch-club"
kind = "service"
name = "Zebrafinch club"
summary = "A club that only the second index has."
easy_read = ["This is a club.", "It is a test."]
districts = ["redditch"]
minimum_age = 5
maximum_age = 11
source = "browser test § api"
last_reviewed = "2025-10"
`;

before(() => {
  const data = path.join(tmp, 'data');
  fs.mkdirSync(path.join(data, 'services'), { recursive: true });
  fs.writeFileSync(path.join(data, 'services', 'second.toml'), SECOND_RECORDS);
  // The council whose area keys the records name.
  fs.copyFileSync(path.join(H.ROOT, 'data', 'council.toml'), path.join(data, 'council.toml'));
  const res = spawnSync(
    'cargo',
    ['run', '-q', '--release', '-p', 'index-builder', '--', 'build', '--data', data, '--out', path.join(H.SITE, SECOND), '--today', '2025-11-01'],
    { cwd: H.ROOT, encoding: 'utf8', timeout: 240_000 },
  );
  if (res.status !== 0) throw new Error(`index-builder refused the second index:\n${res.stdout}\n${res.stderr}`);
  H.writeSiteFile(SECOND_PAGE, H.pageWith('index.html', `index="${SECOND}"`));
  H.writeSiteFile(KIOSK, H.pageWith('kiosk.html', 'mode="kiosk"', { dropScripts: ['kiosk.js'] }));
  H.writeSiteFile(SHARE, H.pageWith('index.html', 'index="local-offer.idx" share-query'));
  H.writeSiteFile(MISSING, H.pageWith('index.html', 'index="test-api-nowhere.idx"'));
  fs.copyFileSync(path.join(H.SITE, 'local-offer.idx'), path.join(H.SITE, LONE));
  // The ES module build, as a bundler-free page would use it (a module script, no inline code).
  H.writeSiteFile(
    MODULE_PAGE,
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>module</title>' +
      `<script type="module" src="${MODULE_JS}"></script></head><body><main><h1>module</h1>` +
      '<local-offer-search index="local-offer.idx"></local-offer-search></main></body></html>',
  );
  H.writeSiteFile(
    MODULE_JS,
    "import LocalOfferSearch, { open } from './local-offer-search.mjs';\n" +
      'const engine = await open({ index: "local-offer.idx" });\n' +
      'const hits = await engine.search("chams", { limit: 3 });\n' +
      'document.body.dataset.result = JSON.stringify({ ids: hits.map((h) => h.id), same: LocalOfferSearch === customElements.get("local-offer-search"), global: "LocalOfferSearch" in window });\n',
  );
});

after(() => {
  const beside = (ext) => SECOND.replace(/\.idx$/, ext);
  H.removeSiteFiles(SECOND, beside('.easy'), beside('.evidence'), SECOND_PAGE, MODULE_PAGE, MODULE_JS, KIOSK, SHARE, MISSING, LONE);
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Opens api.html (on the file's shared page unless `fresh`) and waits for its form to be ready. */
async function apiPage({ fresh = false } = {}) {
  const opened = await (fresh ? env.open : env.reuse)('api.html', { waitFor: null });
  await opened.page.waitForSelector('form#search[data-state="ready"]', { timeout: 20_000 });
  return opened;
}

/** Runs `engine.<method>(...args)` on a fresh engine of `index` in the page. */
function call(page, index, method, ...args) {
  return page.evaluate(
    async ([index, method, args]) => {
      const engine = await window.LocalOfferSearch.open({ index });
      return engine[method](...args);
    },
    [index, method, args],
  );
}

test('api.html: typing gives results, highlighted, built from text only', async () => {
  // A context of its own: the test counts what the page fetched.
  const { page, log } = await apiPage({ fresh: true });
  const cli = H.cliSearch(['--limit', '20', 'chams']).map((r) => r.id);
  await page.locator('#q').focus();
  await H.typeText(page, 'chams');
  await page.waitForFunction(
    (want) => [...document.querySelectorAll('#results li')].map((li) => li.dataset.id).join() === want,
    cli.join(),
  );
  const shown = await page.evaluate(() => ({
    ids: [...document.querySelectorAll('#results li')].map((li) => li.dataset.id),
    first: document.querySelector('#results li button').textContent,
    marks: [...document.querySelectorAll('#results mark')].map((m) => m.textContent),
    tags: [...new Set([...document.querySelectorAll('#results *')].map((e) => e.tagName.toLowerCase()))].sort(),
    status: document.getElementById('status').textContent,
  }));
  assert.deepEqual(shown.ids, cli, 'the API gives what index-builder search gives');
  assert.match(shown.first, /CAMHS/);
  assert.ok(shown.marks.includes('CAMHS'), `marks: ${shown.marks}`);
  assert.deepEqual(shown.tags, ['button', 'li', 'mark', 'span']);
  assert.match(shown.status, /^\d+ results?$/);
  // Nothing but the site's own files was fetched: the API's module and wasm among them.
  const base = env.url('/');
  assert.deepEqual(log.requests.filter((u) => !u.startsWith(base)), []);
  assert.ok(log.requests.some((u) => u.endsWith('/local-offer-search-api_bg.wasm')));
  assert.ok(!log.requests.some((u) => u.endsWith('/local-offer-search_bg.wasm')), 'the widget wasm is not needed');
  const axe = await H.axe(page);
  assert.equal(axe.violations.length, 0, H.describeViolations(axe.violations));
  H.assertClean(log);
});

test('hits have the documented shape; highlights are UTF-16 spans of the title', async () => {
  const { page } = await apiPage();
  const hits = await call(page, 'local-offer.idx', 'search', 'chams', { limit: 5 });
  assert.ok(hits.length > 0);
  for (const h of hits) {
    assert.deepEqual(Object.keys(h).sort(), ['ages', 'areas', 'highlights', 'id', 'kind', 'needs', 'score', 'status', 'summary', 'title']);
    assert.equal(h.ages.length, 2);
    for (const [s, e] of h.highlights.title) assert.ok(s < e && e <= h.title.length);
  }
  const camhs = hits.find((h) => h.highlights.title.length);
  const [s, e] = camhs.highlights.title[0];
  assert.equal(camhs.title.slice(s, e), 'CAMHS');
});

test('filters narrow the search, and an empty query with filters browses', async () => {
  const { page, log } = await apiPage();
  const options = { age: 7, area: 'wyre_forest', need: 'SEMH', kind: 'service', limit: 1000 };
  const browse = await call(page, 'local-offer.idx', 'search', '', options);
  const cli = H.cliSearch(['--kind', 'service', '--district', 'wyre_forest', '--age', '7', '--need', 'SEMH', '--limit', '1000']);
  assert.ok(browse.length > 3, `only ${browse.length} records`);
  assert.deepEqual(browse.map((h) => h.id), cli.map((r) => r.id));
  for (const h of browse) {
    assert.equal(h.kind, 'service');
    assert.ok(h.ages[0] <= 7 && 7 <= h.ages[1], `${h.id} ages ${h.ages}`);
    assert.ok(h.areas.includes('wyre_forest') || h.areas.includes('countywide'), `${h.id} areas ${h.areas}`);
    assert.ok(h.needs.length === 0 || h.needs.includes('SEMH'), `${h.id} needs ${h.needs}`);
  }
  const all = await call(page, 'local-offer.idx', 'search', 'autism', { limit: 1000 });
  const narrowed = await call(page, 'local-offer.idx', 'search', 'autism', { ...options, limit: 1000 });
  assert.ok(narrowed.length < all.length);
  // The page's own filter, by keyboard: choosing an area changes the list.
  await page.locator('#area').selectOption('wyre_forest');
  await page.waitForFunction(() => document.querySelectorAll('#results li').length > 0);
  assert.match(await page.locator('#status').textContent(), /^\d+ results?$/);
  H.assertClean(log);
});

/** `index-builder show --json ID` on the site's index: the card as the widget builds it. */
function show(id) {
  const bin = path.join(H.ROOT, 'target', 'release', 'index-builder');
  const res = spawnSync(bin, ['show', '--index', path.join(H.SITE, 'local-offer.idx'), '--json', id], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`index-builder show ${id} failed:\n${res.stderr}`);
  return JSON.parse(res.stdout);
}

test('record gives the card with checked contacts, the next step and easy read; the page shows it', async () => {
  const { page, log } = await apiPage();
  // The SEND team's record is one of the few whose sources give direct contacts.
  const card = await call(page, 'local-offer.idx', 'record', 'send-team-contact');
  assert.equal(card.id, 'send-team-contact');
  assert.deepEqual(card.links.map((l) => l.kind).sort(), ['email', 'phone']);
  assert.equal(card.kind, 'service');
  assert.equal(card.status, 'active');
  assert.equal(typeof card.kindLabel, 'string');
  for (const l of card.links) {
    assert.match(l.href, /^(https:|mailto:|tel:)/);
    assert.deepEqual(Object.keys(l).sort(), ['general', 'href', 'kind', 'label', 'text']);
  }
  assert.match(card.report.href, /^mailto:.*send-team-contact/);
  assert.match(card.lastChecked, /^[A-Z][a-z]+ \d{4}$/);
  // The card's details come from the second file: the same card `index-builder show` prints.
  const cli = show('send-team-contact');
  // Segments as `show` prints them: an acronym spelled out the first time, in brackets.
  const plain = (segs) => segs.map((s) => (s.explain && s.abbr ? `${s.text} (${s.abbr})` : s.text)).join('');
  assert.deepEqual(card.facts.map((f) => ({ label: f.label, value: plain(f.value) })), cli.facts);
  assert.ok(card.facts.some((f) => f.label === 'How to get it' && /Email or phone the SEND Team/.test(plain(f.value))));
  assert.deepEqual(
    card.links.map((l) => ({ kind: l.kind, value: l.text, href: l.href, label: l.label, general: l.general })),
    cli.contacts,
  );
  assert.deepEqual(card.easy.parts.map((p) => ({ heading: p.heading, sentences: p.sentences })), cli.easy_read);
  const what = card.easy.parts.find((p) => p.icon === 'what');
  assert.ok(what && what.sentences.length > 0, 'the easy-read sentences from local-offer.easy');
  // An unknown id is an Error with a plain message.
  const err = await page.evaluate(async () => {
    const engine = await window.LocalOfferSearch.open();
    try {
      await engine.record('no-such-record');
      return null;
    } catch (e) {
      return { isError: e instanceof Error, message: e.message };
    }
  });
  assert.deepEqual(err, { isError: true, message: 'no record has the id "no-such-record"' });
  // By mouse on the page.
  await page.locator('#q').fill('send team contact');
  await page.locator('#results button[data-id="send-team-contact"]').click();
  await page.waitForSelector('#record:not([hidden])');
  assert.match(await page.locator('#record-title').textContent(), /\S/);
  assert.ok((await page.locator('#record .record-links a').count()) > 0);
  for (const href of await page.locator('#record .record-links a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    assert.match(href, /^(https:|mailto:|tel:)/);
  }
  H.assertClean(log);
});

test('define gives every glossary meaning of a term, in any case', async () => {
  const { page, log } = await apiPage();
  const upper = await call(page, 'local-offer.idx', 'define', 'SALT');
  const lower = await call(page, 'local-offer.idx', 'define', 'salt');
  assert.ok(upper.length >= 1);
  assert.deepEqual(lower, upper);
  assert.match(upper[0].expansion, /speech and language therap/i);
  assert.deepEqual(Object.keys(upper[0]).sort(), ['expansion', 'id', 'meaning', 'term']);
  assert.deepEqual(await call(page, 'local-offer.idx', 'define', 'zzqx'), []);
  await page.locator('#term').fill('EHCP');
  await page.locator('#glossary button').click();
  await page.waitForFunction(() => document.querySelectorAll('#meanings dt').length > 0);
  assert.match(await page.locator('#meanings dt').first().textContent(), /^EHCP: Education, Health and Care Plan/);
  H.assertClean(log);
});

test('facets list areas, needs, kinds and age stages with counts that match browsing', async () => {
  const { page } = await apiPage();
  const facets = await call(page, 'local-offer.idx', 'facets');
  assert.deepEqual(Object.keys(facets).sort(), ['ages', 'areas', 'kinds', 'needAreas', 'needs']);
  assert.equal(facets.areas.length, 6);
  assert.equal(facets.needs.length, 11);
  assert.equal(facets.kinds.length, 4);
  assert.equal(facets.ages.length, 5);
  const wyre = facets.areas.find((f) => f.key === 'wyre_forest');
  const browse = await call(page, 'local-offer.idx', 'search', '', { area: 'wyre_forest', limit: 100000 });
  assert.equal(wyre.count, browse.length);
  const semh = facets.needs.find((f) => f.key === 'SEMH');
  assert.equal(semh.count, (await call(page, 'local-offer.idx', 'search', '', { need: 'SEMH', limit: 100000 })).length);
  // The page offers them with their counts.
  assert.match(await page.locator('#area option[value="wyre_forest"]').textContent(), /^Wyre Forest \(\d+\)$/);
});

test('two engines on one page search their own index', async () => {
  const { page, log } = await apiPage();
  const r = await page.evaluate(async (second) => {
    const [a, b] = await Promise.all([
      window.LocalOfferSearch.open({ index: 'local-offer.idx' }),
      window.LocalOfferSearch.open({ index: second }),
    ]);
    const ids = async (e, q) => (await e.search(q, { limit: 5 })).map((h) => h.id);
    return {
      aZebra: await ids(a, 'zebrafinch'),
      bZebra: await ids(b, 'zebrafinch'),
      aCamhs: (await ids(a, 'camhs')).length,
      bCamhs: (await ids(b, 'camhs')).length,
      bFacets: b.facets().kinds.find((k) => k.key === 'service').count,
      bHindi: await b.search('हिन्दी'),
      bCard: await b.record('zebrafinch-club'),
    };
  }, SECOND);
  assert.deepEqual(r.aZebra, []);
  assert.deepEqual(r.bZebra.sort(), ['hindi-help', 'zebrafinch-club']);
  assert.ok(r.aCamhs > 0);
  assert.equal(r.bCamhs, 0);
  assert.equal(r.bFacets, 2);
  assert.equal(r.bHindi[0].id, 'hindi-help');
  const [s, e] = r.bHindi[0].highlights.title[0];
  assert.equal(r.bHindi[0].title.slice(s, e), 'हिन्दी');
  // Each engine reads its own second file: the card is the second index's.
  assert.equal(r.bCard.id, 'zebrafinch-club');
  assert.match(r.bCard.easy.parts.map((p) => p.sentences.join(' ')).join(' '), /This is a club\./);
  H.assertClean(log);
});

test('a missing index, a wrong option: Errors with plain messages', async () => {
  const { page, log } = await apiPage();
  const r = await page.evaluate(async () => {
    const caught = async (f) => {
      try {
        await f();
        return null;
      } catch (e) {
        return { isError: e instanceof Error, message: e.message };
      }
    };
    const engine = await window.LocalOfferSearch.open();
    return {
      missing: await caught(() => window.LocalOfferSearch.open({ index: 'test-api-nowhere.idx' })),
      lone: await caught(() => window.LocalOfferSearch.open({ index: 'test-api-lone.idx' })),
      notAnIndex: await caught(() => window.LocalOfferSearch.open({ index: 'api.css' })),
      area: await caught(() => engine.search('x', { area: 'atlantis' })),
      need: await caught(() => engine.search('x', { need: 'XYZ' })),
      unknown: await caught(() => engine.search('x', { district: 'redditch' })),
    };
  });
  assert.equal(r.missing.isError, true);
  assert.match(r.missing.message, /test-api-nowhere\.idx could not be fetched \(HTTP 404\)$/);
  // Without its second file an engine would give cards without contacts: open() refuses.
  assert.equal(r.lone.isError, true);
  assert.match(r.lone.message, /test-api-lone\.easy could not be fetched \(HTTP 404\)$/);
  assert.equal(r.notAnIndex.isError, true);
  assert.match(r.notAnIndex.message, /api\.css: .*not/i);
  assert.equal(r.area.isError, true);
  assert.match(r.area.message, /^search options: unknown value "atlantis"; expected one of bromsgrove/);
  assert.match(r.need.message, /^unknown need "XYZ"; expected a need code \(ASD/);
  assert.equal(r.unknown.isError, true);
  assert.match(r.unknown.message, /^search options: unknown field "district"; expected age, area, need, kind, cost, limit$/);
  H.assertClean(log, { allow: [NOT_FOUND] });
});

test('the ES module build exports the element and open, and sets no global', async () => {
  const { page, log } = await env.reuse(MODULE_PAGE);
  await page.waitForFunction(() => document.body.dataset.result);
  const r = JSON.parse(await page.evaluate(() => document.body.dataset.result));
  assert.deepEqual(r.ids, H.cliSearch(['--limit', '3', 'chams']).map((x) => x.id));
  assert.equal(r.same, true);
  assert.equal(r.global, false);
  H.assertClean(log);
});

test('a non-Latin word typed into the widget finds its record', async () => {
  const { page, log } = await env.reuse(SECOND_PAGE);
  await H.w(page, '#los-q').focus();
  await H.typeText(page, 'हिन्दी');
  await H.waitFirstResult(page, /हिन्दी में सहायता/);
  const mark = await H.inShadow(page, (host) => host.shadowRoot.querySelector('.los-results .los-title mark')?.textContent);
  assert.equal(mark, 'हिन्दी');
  H.assertClean(log);
});

/** Records the element's events (an init script: pages allow no inline script). */
async function recordEvents(context) {
  await context.addInitScript(() => {
    window.__events = [];
    for (const name of [
      'local-offer-search:ready',
      'local-offer-search:error',
      'local-offer-search:select',
      'local-offer-search:list-change',
      'local-offer-search-ready',
      'local-offer-search-error',
    ]) {
      document.addEventListener(name, (e) => window.__events.push({ name, detail: e.detail ?? null }));
    }
  });
}

async function eventsPage(file, waitFor = 'ready') {
  const opened = await env.open(null);
  await recordEvents(opened.context);
  await opened.page.goto(env.url(file));
  if (waitFor) await H.waitState(opened.page, waitFor);
  return opened;
}

const events = (page, prefix) =>
  page.evaluate((p) => window.__events.filter((e) => e.name.startsWith(p)), prefix);

test('events: ready, and select with the record id but no query text', async () => {
  const { page, log } = await eventsPage('index.html');
  assert.deepEqual((await events(page, 'local-offer-search')).map((e) => e.name), ['local-offer-search-ready', 'local-offer-search:ready']);
  await H.w(page, '#los-q').focus();
  await H.w(page, '#los-q').fill('camhs');
  await page.waitForFunction(() => document.querySelector('local-offer-search').shadowRoot.querySelectorAll('.los-option').length > 0);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'local-offer-search:select'));
  const [select] = await events(page, 'local-offer-search:select');
  const firstId = (await H.resultIds(page))[0];
  assert.deepEqual(select.detail, { id: firstId });
  for (const e of await page.evaluate(() => window.__events)) {
    assert.ok(!(e.detail && typeof e.detail === 'object' && 'query' in e.detail), `${e.name} carries no query`);
  }
  H.assertClean(log);
});

test('events: select carries the query when the page sets share-query', async () => {
  const { page, log } = await eventsPage(SHARE);
  await H.w(page, '#los-q').focus();
  await H.w(page, '#los-q').fill('camhs');
  await page.waitForFunction(() => document.querySelector('local-offer-search').shadowRoot.querySelectorAll('.los-option').length > 0);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'local-offer-search:select'));
  const [select] = await events(page, 'local-offer-search:select');
  assert.equal(select.detail.query, 'camhs');
  assert.equal(typeof select.detail.id, 'string');
  H.assertClean(log);
});

test('events: list-change for the kiosk printout picks', async () => {
  const { page, log } = await eventsPage(KIOSK);
  await H.w(page, '#los-q').focus();
  await H.w(page, '#los-q').fill('camhs');
  await H.waitFirstResult(page, /./);
  const ids = await H.resultIds(page);
  await H.w(page, '.los-results > li.los-card .los-pick').nth(0).click();
  await H.w(page, '.los-results > li.los-card .los-pick').nth(1).click();
  await H.w(page, '.los-results > li.los-card .los-pick').nth(0).click();
  await page.waitForFunction(() => window.__events.filter((e) => e.name === 'local-offer-search:list-change').length === 3);
  const changes = (await events(page, 'local-offer-search:list-change')).map((e) => e.detail.ids);
  assert.deepEqual(changes, [[ids[0]], [ids[0], ids[1]], [ids[1]]]);
  H.assertClean(log);
});

test('events: error, under both names, for a missing index', async () => {
  const { page, log } = await eventsPage(MISSING, 'error');
  const errors = await events(page, 'local-offer-search');
  assert.deepEqual(errors.map((e) => e.name), ['local-offer-search-error', 'local-offer-search:error']);
  assert.match(errors[0].detail, /404/);
  assert.deepEqual(errors[1].detail, { message: errors[0].detail });
  H.assertClean(log, { allow: [NOT_FOUND] });
});
