// Privacy: once the widget is ready, nothing a family does in it makes any request, and nothing
// they type is stored; the search is kept in the page's address only in its fragment (which no
// request carries), and a kiosk keeps nothing there. Offline: the kiosk keeps working from its service worker's cache when the
// network (here: the server itself) is gone.

import { test } from 'node:test';
import * as H from './harness.mjs';

const { assert } = H;
const env = H.useSite();

/** Opens `file` with every request of the context (pages and workers) recorded. */
async function openRecorded(file) {
  const { context, page, log } = await env.open(null);
  const all = [];
  context.on('request', (r) => all.push(`${r.method()} ${r.url()}`));
  await page.goto(env.url(file));
  await H.waitState(page);
  return { context, page, log, all };
}

/** What the page keeps about the visit: storage, cookies, address, history. */
async function traces(context, page) {
  const inPage = await page.evaluate(() => ({
    local: Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])),
    session: Object.keys(sessionStorage),
    cookie: document.cookie,
    url: location.href,
    history: history.length,
  }));
  return { ...inPage, cookies: await context.cookies() };
}

const queries = ['autism', 'salt', 'ehcp', 'short breaks in wyre forest', 'chams', 'zzqxv', 'asq'];

test('after the widget is ready, typing, choosing, filtering and clearing make no request at all (index.html)', async () => {
  const { context, page, log, all } = await openRecorded('index.html');
  const loaded = [...all];
  assert.ok(loaded.some((u) => u.endsWith('/local-offer.idx')), 'the index was fetched');
  assert.ok(loaded.some((u) => u.endsWith('/local-offer-search_bg.wasm')), 'the wasm was fetched');
  assert.ok(!loaded.some((u) => u.endsWith('-kiosk_bg.wasm')), 'a family page does not fetch the kiosk build');
  const at = (suffix) => loaded.findIndex((u) => u.endsWith(suffix));
  assert.ok(at('/local-offer.easy') > at('/local-offer.idx'), 'the easy-read file comes after the index (not on the first search\'s path)');
  for (const u of loaded) assert.ok(u.startsWith(`GET ${env.base}`), `only same-origin GETs while loading: ${u}`);
  const before = await traces(context, page);
  const pageRequestsAtReady = log.requests.length;

  await H.w(page, '#los-q').focus();
  for (const q of queries) {
    await H.replaceQuery(page, q);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter'); // choose a suggestion (or "submit" the form)
    await H.w(page, '#los-q').focus();
  }
  await H.w(page, '#los-kind').selectOption('service');
  await H.w(page, '#los-district').selectOption('worcester');
  await H.w(page, '#los-age').selectOption('12');
  await H.w(page, '#los-need').selectOption('ASD');
  await H.w(page, '#los-need').selectOption('communication_and_interaction');
  await H.w(page, '.los-easy-toggle').click();
  await H.w(page, '.los-clear').click();
  await H.w(page, '#los-kind').selectOption('provision');
  await H.w(page, '.los-more').click();
  await H.w(page, '#los-kind').selectOption('');
  await H.w(page, '#los-q').fill('SEND team contact details');
  await H.waitFirstResult(page, /contact details/);
  // Let the status timer run, and anything lazy have its chance.
  await H.waitStatus(page, /results? for “SEND team contact details”|things? that can help/);
  await page.waitForTimeout(500);

  assert.deepEqual(all.slice(loaded.length), [], 'requests after data-state=ready');
  assert.equal(log.requests.length, pageRequestsAtReady);
  const afterwards = await traces(context, page);
  assert.deepEqual(afterwards.cookies, [], 'no cookies');
  assert.equal(afterwards.cookie, '');
  assert.deepEqual(afterwards.session, [], 'nothing in sessionStorage');
  assert.deepEqual(Object.keys(afterwards.local), ['local-offer-search:easy-read'], 'localStorage holds only the easy-read choice');
  assert.ok(['0', '1'].includes(afterwards.local['local-offer-search:easy-read']));
  // The search is kept in the address's fragment only (so Back steps through searches and a
  // link can be shared): the path and query string, which a request would carry, are as loaded.
  const [path, fragment = ''] = afterwards.url.split('#');
  assert.equal(path, before.url.split('#')[0], 'nothing of the search outside the fragment');
  assert.deepEqual(fragment.split('&').map((p) => p.split('=')[0]), ['los-q'], `only the search box's key in the fragment: ${fragment}`);
  assert.equal(new URLSearchParams(fragment).get('los-q'), 'SEND team contact details');
  assert.ok(afterwards.history > before.history, 'searches are history entries');
  H.assertClean(log);
});

test('the kiosk, once its service worker is installed, makes no request while a family searches and picks', async () => {
  const { context, page, log, all } = await openRecorded('kiosk.html');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  // The worker's install fetches are done once it is active; settle before counting.
  await page.waitForLoadState('networkidle');
  const mark = all.length;
  const before = await traces(context, page);
  assert.ok(all.some((u) => u.endsWith('/local-offer-search-kiosk_bg.wasm')), 'the kiosk loads its own build (with the QR encoder)');
  assert.ok(!all.some((u) => u.endsWith('/local-offer-search_bg.wasm')), 'and not the standard one as well');

  await H.w(page, '#los-q').focus();
  for (const q of ['autism', 'speech and language', 'SEND team contact details']) {
    await H.replaceQuery(page, q);
    await H.waitFirstResult(page, /./);
  }
  await page.keyboard.press('Escape');
  await H.w(page, '.los-pick').first().click();
  await page.waitForFunction((h) => !document.querySelector(h).shadowRoot.querySelector('.los-printout').hidden, H.HOST);
  await H.w(page, '#los-district').selectOption('redditch');
  await H.w(page, '.los-easy-toggle').click();
  await H.waitStatus(page, /results? for/);
  await page.waitForTimeout(500);
  assert.deepEqual(all.slice(mark), [], 'requests after the kiosk was ready');
  const t = await traces(context, page);
  assert.deepEqual(t.cookies, []);
  assert.deepEqual(t.session, []);
  assert.deepEqual(Object.keys(t.local).filter((k) => k !== 'local-offer-search:easy-read'), []);
  // A kiosk is one screen for many families: nothing of a search in its address or history,
  // so Back after an idle reset cannot bring the last family's search back.
  assert.equal(t.url, before.url, 'the kiosk\'s address did not change');
  assert.equal(t.history, before.history, 'the kiosk added no history entries');
  H.assertClean(log);
});

test('offline: the kiosk reloads from its service worker and still searches', async () => {
  // Its own server, so that going offline can mean the server is gone, not just emulation.
  const server = await H.startServer();
  const { context, close } = await H.launchPersistent();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const log = H.watch(page);
    const url = new URL('kiosk.html', server.url).href;
    await page.goto(url);
    await H.waitState(page);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10_000 });
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const out = {};
      for (const n of names) out[n] = (await (await caches.open(n)).keys()).map((r) => new URL(r.url).pathname);
      return out;
    });
    const names = Object.keys(cached).filter((n) => n.startsWith('local-offer-search-'));
    assert.equal(names.length, 1, `one cache for this build: ${JSON.stringify(cached)}`);
    assert.doesNotMatch(names[0], /__BUILD_VERSION__/, 'the build stamped the cache name');
    for (const p of ['/kiosk.html', '/local-offer-search.js', '/local-offer-search-kiosk_bg.wasm', '/local-offer.idx', '/local-offer.easy']) {
      assert.ok(cached[names[0]].includes(p), `${p} is cached`);
    }

    await context.setOffline(true);
    await server.stop();
    const response = await page.reload();
    assert.ok(response, 'the reload got a response');
    assert.ok(response.fromServiceWorker(), 'the page came from the service worker');
    await H.waitState(page);
    await H.w(page, '#los-q').focus();
    await page.keyboard.type('autism');
    await H.waitFirstResult(page, /./);
    const ids = await H.resultIds(page);
    assert.ok(ids.length > 0, 'offline search for "autism" gives results');
    assert.match(await H.countText(page), /\d+ results? for “autism”/);
    await H.shot(page, 'offline-kiosk-autism', { fullPage: false });
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.dialogs, []);
  } finally {
    await close();
    await server.stop();
  }
});
