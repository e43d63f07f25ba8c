// A second real site (issue 13): `cargo xtask demo --data DIR --out DIR` builds the widget for
// another council's data — here Bristol's real ORUK v1 feed, the read-only fixture in
// `tests/fixtures/oruk/councils/` — into a folder of its own (`target/site-bristol`, so the
// other files' `target/site` is left alone), serves it with `xtask serve --dir`, and a family
// searches it in Chromium. The query and its answer are read from the fixture here, not written
// into this file.

import { before, after, test } from 'node:test';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as H from './harness.mjs';

const { assert } = H;

const FEED_DIR = path.resolve(H.ROOT, 'tests', 'fixtures', 'oruk', 'councils');
const SITE2 = path.join(H.ROOT, 'target', 'site-bristol');

/** Bristol's services as the council published them. */
const services = JSON.parse(fs.readFileSync(path.join(FEED_DIR, 'bristol-v1-services.json'), 'utf8'));
/** The one service the family looks for, found in the feed by its name. */
const wanted = services.filter((s) => /eating disorder/i.test(s.name));

let server;
let browser;
let standardIndexBefore;

/** `xtask serve --dir SITE2` on a free port; resolves when it accepts connections. */
async function serveSite2() {
  const port = await H.freePort();
  const child = spawn(H.XTASK, ['serve', '--port', String(port), '--dir', SITE2], {
    cwd: H.ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) {
      return {
        url: `http://127.0.0.1:${port}/`,
        stop: () =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`xtask serve --dir ${SITE2} did not start`);
}

before(async () => {
  const standard = path.join(H.SITE, 'local-offer.idx');
  standardIndexBefore = fs.existsSync(standard) ? fs.readFileSync(standard) : null;
  execFileSync(H.XTASK, ['demo', '--no-serve', '--data', FEED_DIR, '--out', SITE2], {
    cwd: H.ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  server = await serveSite2();
  browser = await H.launchBrowser();
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (server) await server.stop();
});

test('the fixture names one eating disorder service (the test would prove nothing otherwise)', () => {
  assert.equal(wanted.length, 1, wanted.map((s) => s.name).join(', '));
});

test("Bristol's site is its own: its own index, and target/site's is left as it was", () => {
  const own = fs.readFileSync(path.join(SITE2, 'local-offer.idx'));
  for (const f of ['local-offer-search.js', 'local-offer-search_bg.wasm', 'local-offer.easy', 'index.html']) {
    assert.ok(fs.existsSync(path.join(SITE2, f)), `${f} is in the second site`);
  }
  if (standardIndexBefore) {
    assert.notDeepEqual(own, standardIndexBefore, 'a different index from the standard site');
    assert.deepEqual(fs.readFileSync(path.join(H.SITE, 'local-offer.idx')), standardIndexBefore, 'target/site untouched');
  }
});

test('Bristol’s pages name no council and give no contact: the feed says neither', () => {
  // The standard site's pages are filled from data/council.toml; this folder has no profile.
  for (const f of ['index.html', 'kiosk.html']) {
    const html = fs.readFileSync(path.join(SITE2, f), 'utf8');
    assert.doesNotMatch(html, /Worcestershire|worcschildrenfirst|\{\{/, f);
    assert.doesNotMatch(html, /contact-email|mailto:/, `${f}: no contact line`);
  }
  const html = fs.readFileSync(path.join(SITE2, 'index.html'), 'utf8');
  assert.match(html, /<title>Search the SEND Local Offer<\/title>/);
  assert.match(html, /<h1>Find SEND help<\/h1>/);
  const standard = fs.readFileSync(path.join(H.SITE, 'index.html'), 'utf8');
  assert.match(standard, /<h1>Find SEND help in Worcestershire<\/h1>/, 'the standard site, from its profile');
});

test('a family searches Bristol’s services and finds the one the feed lists', async () => {
  const [service] = wanted;
  const context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  try {
    const page = await context.newPage();
    const log = H.watch(page);
    await page.goto(server.url + 'index.html');
    await H.waitState(page);
    await H.w(page, '#los-q').fill('eating disorder');
    await page.waitForFunction(
      ([h, id]) => !!document.querySelector(h).shadowRoot.getElementById(`los-result-${id}`),
      [H.HOST, service.id],
    );
    const titles = await H.resultTitles(page);
    assert.ok(titles.length >= 1);
    assert.ok(
      titles.slice(0, 3).some((t) => t.includes(service.name)),
      `"${service.name}" is in the first three results: ${titles.slice(0, 5).join(' | ')}`,
    );
    // The feed's bare domain is linked as https (the builder added it and said so).
    const links = await H.inShadow(
      page,
      (host, id) => [...host.shadowRoot.querySelectorAll(`#los-result-${id} a[href]`)].map((a) => a.getAttribute('href')),
      service.id,
    );
    const site = service.url.replace(/^(https?:)?\/\//, '').replace(/\/$/, '');
    assert.ok(
      links.some((l) => l.startsWith('https://') && l.includes(site)),
      `the card links to https://${site}: ${links.join(' ')}`,
    );
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.csp, []);
    const outside = log.requests.filter((u) => !u.startsWith(server.url));
    assert.deepEqual(outside, [], 'no request leaves the site');
    await H.shot(page, 'second-site-bristol');
  } finally {
    await context.close().catch(() => {});
  }
});

test('Bristol’s site offers the feed’s own areas and names no other council', async () => {
  // No data/council.toml for this folder: the areas are the feed's service areas (in the order
  // first met, at most 15), and the council's name is not clear from a feed of many
  // organisations, so the wording is neutral. Nothing of Worcestershire's may show.
  const feedAreas = [
    ...new Set(services.flatMap((s) => (s.service_areas ?? []).map((a) => (a.name ?? a.service_area ?? '').trim())).filter(Boolean)),
  ].slice(0, 15);
  const context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  try {
    const page = await context.newPage();
    const log = H.watch(page);
    await page.goto(server.url + 'index.html');
    await H.waitState(page);
    const options = await H.inShadow(page, (host) =>
      [...host.shadowRoot.querySelectorAll('#los-district option')].map((o) => o.textContent),
    );
    assert.deepEqual(options, ['Anywhere in this area', ...feedAreas]);
    await H.w(page, '#los-q').fill('eating disorder');
    await page.waitForFunction(
      ([h, id]) => !!document.querySelector(h).shadowRoot.getElementById(`los-result-${id}`),
      [H.HOST, wanted[0].id],
    );
    const shown = await H.inShadow(page, (host) => ({
      text: host.shadowRoot.textContent,
      hrefs: [...host.shadowRoot.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
    }));
    assert.doesNotMatch(shown.text, /Worcestershire|Wyre Forest|Kidderminster|Wychavon|Redditch/);
    assert.ok(!shown.hrefs.some((h) => /worcschildrenfirst/.test(h)), shown.hrefs.join(' '));
    assert.deepEqual(log.pageErrors, []);
  } finally {
    await context.close().catch(() => {});
  }
});
