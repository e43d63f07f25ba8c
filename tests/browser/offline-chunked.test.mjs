// Offline over a chunked index: a kiosk (kiosk-chunked.html) saves every chunk the manifest
// lists, and the manifest, into the cache its service worker serves them from, showing and
// announcing its progress ("Saving the directory for offline use: 40 of 120 files"); then, with
// the network gone, a new search still answers, and the page reloads from the service worker and
// searches again. A family page whose element has the `offline` attribute saves them the same way.

import { after, test } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import * as H from './harness.mjs';

const { assert } = H;
const env = H.useSite();
const PAGE = 'test-offline-chunked.html';
after(() => H.removeSiteFiles(PAGE));

/** Every chunk the build wrote, and the manifest: what a full download saves. */
const FILES = fs.readdirSync(path.join(H.SITE, 'chunked', 'chunks')).length + 1;

/** The progress line's text. */
function progress(page) {
  return H.inShadow(page, (host) => host.shadowRoot.querySelector('.los-offline')?.textContent ?? '');
}

/** Waits for the widget, then for the full download to end; returns the progress line. */
async function saved(page) {
  await page.waitForSelector(`${H.HOST}[data-state="ready"]`, { state: 'attached', timeout: 20_000 });
  await page.waitForSelector(`${H.HOST}[data-offline]`, { state: 'attached' });
  const shown = await progress(page);
  assert.match(shown, /Saving the directory for offline use: \d+ of \d+ files|Saved for offline use/, 'the progress shows from the start');
  assert.equal(
    await H.inShadow(page, (host) => host.shadowRoot.querySelector('.los-offline').getAttribute('role')),
    'status',
    'and is announced',
  );
  await page.waitForSelector(`${H.HOST}[data-offline="saved"]`, { state: 'attached', timeout: 30_000 });
  return progress(page);
}

/** Searches for `q` and returns the ids shown once nothing is said to be on its way. */
async function search(page, q) {
  await H.w(page, '#los-q').focus();
  await H.replaceQuery(page, q);
  await page.waitForFunction(
    ([h, q]) => {
      const c = document.querySelector(h).shadowRoot.querySelector('.los-count');
      return !c.hidden && c.textContent.includes(`“${q}”`) && !/Searching|may appear/.test(c.textContent);
    },
    [H.HOST, q],
    { timeout: 10_000 },
  );
  return { count: await H.countText(page), ids: await H.resultIds(page) };
}

test('offline: a kiosk over a chunked index saves every chunk with its progress shown, then searches and reloads without the network', async () => {
  // Its own server, so that going offline can mean the server is gone, not just emulation.
  const server = await H.startServer();
  const { context, close } = await H.launchPersistent();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const log = H.watch(page);
    await page.goto(new URL('kiosk-chunked.html', server.url).href);
    const done = await saved(page);
    assert.equal(done, `Saved for offline use: all ${FILES} files. The search works without the internet.`);
    const counted = await page.evaluate((h) => {
      const e = document.querySelector(h);
      return [e.getAttribute('data-offline-done'), e.getAttribute('data-offline-total')];
    }, H.HOST);
    assert.deepEqual(counted, [String(FILES), String(FILES)], 'progress reached every file');
    const cached = await page.evaluate(async () => (await (await caches.open('local-offer-chunks')).keys()).map((r) => new URL(r.url).pathname));
    assert.equal(cached.length, FILES, 'every chunk and the manifest are in the cache');
    assert.ok(cached.includes('/chunked/manifest.lom'));
    const online = await search(page, 'wheelchair');
    assert.ok(online.ids.length > 0);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10_000 });

    await context.setOffline(true);
    await server.stop();
    // Questions never asked before: their chunks come from the saved copies.
    for (const q of ['speech therapy', 'short breaks', 'autsim']) {
      const r = await search(page, q);
      assert.ok(r.ids.length > 0, `offline search for "${q}" gives results`);
      assert.doesNotMatch(r.count, /could not be loaded/, `nothing missing for "${q}"`);
    }
    const response = await page.reload();
    assert.ok(response && response.fromServiceWorker(), 'the page came from the service worker');
    await page.waitForSelector(`${H.HOST}[data-state="ready"]`, { state: 'attached', timeout: 20_000 });
    const r = await search(page, 'autism');
    assert.ok(r.ids.length > 0, 'after an offline reload, the search answers');
    assert.match(r.count, /\d+ results? for “autism”/);
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.dialogs, []);
  } finally {
    await close();
    await server.stop();
  }
});

test('a family page whose element has the offline attribute saves the directory too, and searches with the network off', async () => {
  const html = fs
    .readFileSync(path.join(H.SITE, 'chunked.html'), 'utf8')
    .replace('<local-offer-search index="chunked/manifest.lom"', '<local-offer-search index="chunked/manifest.lom" offline');
  assert.match(html, /index="chunked\/manifest.lom" offline/);
  H.writeSiteFile(PAGE, html);
  const { context, page, log } = await env.open(PAGE, { waitFor: null });
  const done = await saved(page);
  assert.match(done, new RegExp(`all ${FILES} files`));
  await context.setOffline(true);
  const r = await search(page, 'speech therapy');
  assert.ok(r.ids.length > 0, 'an offline search answers from the saved chunks');
  assert.doesNotMatch(r.count, /could not be loaded/);
  H.assertClean(log);
});
