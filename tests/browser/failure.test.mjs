// Failure: a damaged, cut-short, crafted, wrong or missing index, or a missing wasm, gives a
// readable message (role=alert) with another way to get help, data-state="error", and no uncaught
// error. A crafted index (fst sections built to hang or crash a reader, with a correct checksum)
// is refused within two seconds of arriving (in practice a few ms), and the page stays responsive.
// The Local Offer team's email under the message is the page's `contact-email` (the built
// index.html sets it from data/council.toml); a page without a valid one shows no contact line.
// The server serves only target/site, so the broken files and their pages are written there for
// this file and removed afterwards.

import { after, before, test } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import * as H from './harness.mjs';

const { assert } = H;
const env = H.useSite();
const PREFIX = 'test-failure-';
const written = [];
const NOT_FOUND = /Failed to load resource: the server responded with a status of 404/;
/** data/council.toml's email: the built index.html gives it to the element. */
const EMAIL = 'localoffer@worcschildrenfirst.org.uk';
const CONTACT = `contact-email="${EMAIL}"`;

/** CRC-32 (IEEE), as the index header stores it. */
function crc32(bytes) {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** The byte range of a section of an index file (see src/index/mod.rs for the layout). */
function section(bytes, id) {
  const n = bytes.readUInt32LE(12);
  for (let i = 0; i < n; i++) {
    const at = 24 + 12 * i;
    if (bytes.readUInt32LE(at) === id) return [bytes.readUInt32LE(at + 4), bytes.readUInt32LE(at + 8)];
  }
  throw new Error(`no section ${id}`);
}

/**
 * `good` with section `id` replaced by `body`: the section table, the file's length and its
 * checksum made to match, so only the section's own checks can object (as `assemble` in
 * tests/robustness.rs).
 */
function withSection(good, id, body) {
  const n = good.readUInt32LE(12);
  const sections = [];
  for (let i = 0; i < n; i++) {
    const at = 24 + 12 * i;
    const [sid, offset, len] = [good.readUInt32LE(at), good.readUInt32LE(at + 4), good.readUInt32LE(at + 8)];
    sections.push([sid, sid === id ? body : good.subarray(offset, offset + len)]);
  }
  assert.ok(sections.some(([sid]) => sid === id), `the index has section ${id}`);
  const head = Buffer.alloc(24 + 12 * n);
  good.copy(head, 0, 0, 12);
  head.writeUInt32LE(n, 12);
  let offset = head.length;
  sections.forEach(([sid, b], i) => {
    head.writeUInt32LE(sid, 24 + 12 * i);
    head.writeUInt32LE(offset, 28 + 12 * i);
    head.writeUInt32LE(b.length, 32 + 12 * i);
    offset += b.length;
  });
  const file = Buffer.concat([head, ...sections.map(([, b]) => b)]);
  file.writeUInt32LE(file.length, 16);
  file.writeUInt32LE(crc32(file.subarray(24)), 20);
  return file;
}

/** An fst map's bytes around hand-made nodes: the header and footer the fst crate writes, with
 * the key count and root address given (`raw_fst` in tests/robustness.rs). */
function rawFst(nodes, claimed, root) {
  const b = Buffer.alloc(16 + nodes.length + 20);
  b.writeBigUInt64LE(3n, 0);
  Buffer.from(nodes).copy(b, 16);
  b.writeBigUInt64LE(claimed, 16 + nodes.length);
  b.writeBigUInt64LE(root, 24 + nodes.length);
  return b;
}

/** `levels` nodes of two transitions each to the node below: 2^levels keys, 6 bytes a level.
 * Returns the nodes and the root's address (`doubling_nodes` in tests/robustness.rs). */
function doublingNodes(levels) {
  const nodes = [];
  for (let level = 0; level < levels; level++) {
    const delta = level > 0 ? 1 : 0;
    nodes.push(delta, delta, 0x62, 0x61, 0x10, 2);
  }
  return [nodes, BigInt(16 + nodes.length - 1)];
}

const TERMS = 2;
const ACRONYMS = 6;

/** Crafted fst sections with a correct checksum: each once froze or killed the widget. */
function craftedSections() {
  const [six, sixRoot] = doublingNodes(6);
  const [many, manyRoot] = doublingNodes(62);
  const chain = [0, 0, 0x40, ...new Array(10_000).fill(0b11_000001)];
  return [
    ['keys', 'a 72-byte term dictionary claiming 2^62 keys', TERMS, rawFst(six, 1n << 62n, sixRoot)],
    ['shared', 'an acronym dictionary of 2^62 keys in shared nodes, claiming 3', ACRONYMS, rawFst(many, 3n, manyRoot)],
    ['depth', 'a depth bomb: one key 10,000 bytes long', TERMS, rawFst(chain, 1n, BigInt(16 + chain.length - 1))],
    ['address', 'a node address below the start of the section', TERMS, rawFst([200, 0b0001_0000, 0b10_000001], 1n, 18n)],
    ['root', 'a root address past the end', ACRONYMS, rawFst(six, 1n, (1n << 64n) - 1n)],
  ];
}

function write(name, content) {
  H.writeSiteFile(name, content);
  written.push(name);
}

before(() => {
  const good = fs.readFileSync(path.join(H.SITE, 'local-offer.idx'));
  const damaged = Buffer.from(good);
  for (let i = 0; i < 16; i++) damaged[Math.floor(good.length / 2) + i * 97] ^= 0x5a; // bytes in the middle
  write(`${PREFIX}damaged.idx`, damaged);
  write(`${PREFIX}cut.idx`, good.subarray(0, Math.floor(good.length * 0.6)));
  // A crafted file: the term dictionary's root address changed and the checksum made to match,
  // so the damage reaches the fst crate, which panics on it (a trap in the wasm).
  const crafted = Buffer.from(good);
  const [start, len] = section(crafted, 2);
  crafted[start + len - 5] ^= 0x01;
  crafted.writeUInt32LE(crc32(crafted.subarray(24)), 20);
  write(`${PREFIX}crafted.idx`, crafted);
  // A good index whose easy-read file is missing, and one whose easy-read file is from another
  // build (the index checksum it names changed, its own checksum repaired).
  write(`${PREFIX}noeasy.idx`, good);
  write(`${PREFIX}othereasy.idx`, good);
  const otherEasy = Buffer.from(fs.readFileSync(path.join(H.SITE, 'local-offer.easy')));
  otherEasy.writeUInt32LE((otherEasy.readUInt32LE(20) ^ 1) >>> 0, 20);
  otherEasy.writeUInt32LE(crc32(otherEasy.subarray(28)), 24);
  write(`${PREFIX}othereasy.easy`, otherEasy);
  for (const [name, , id, fst] of craftedSections()) {
    write(`${PREFIX}bomb-${name}.idx`, withSection(good, id, fst));
    write(`${PREFIX}bomb-${name}.html`, H.pageWith('index.html', `index="${PREFIX}bomb-${name}.idx" ${CONTACT}`));
  }
  write(`${PREFIX}text.idx`, '<!DOCTYPE html><title>Not found</title><p>This is a web page, not an index.</p>\n'.repeat(4));
  for (const [page, index] of [
    ['damaged', `${PREFIX}damaged.idx`],
    ['cut', `${PREFIX}cut.idx`],
    ['crafted', `${PREFIX}crafted.idx`],
    ['text', `${PREFIX}text.idx`],
    ['missing', `${PREFIX}does-not-exist.idx`],
    ['noeasy', `${PREFIX}noeasy.idx`],
    ['othereasy', `${PREFIX}othereasy.idx`],
  ]) {
    write(`${PREFIX}${page}.html`, H.pageWith('index.html', `index="${index}" ${CONTACT}`));
  }
  // The same missing index on pages with no contact, a contact that HTML takes for an email
  // address but that would put a header in the mailto: link, and a text one.
  for (const [page, contact] of [
    ['nocontact', ''],
    ['badcontact', 'contact-email="help?bcc=x@evil.example"'],
    ['textcontact', 'contact-email="the Local Offer team"'],
  ]) {
    write(`${PREFIX}${page}.html`, H.pageWith('index.html', `index="${PREFIX}does-not-exist.idx" ${contact}`));
  }
  // The script in a folder of its own, with no wasm beside it (the index is found one up).
  fs.mkdirSync(path.join(H.SITE, `${PREFIX}nowasm`), { recursive: true });
  write(`${PREFIX}nowasm/local-offer-search.js`, fs.readFileSync(path.join(H.SITE, 'local-offer-search.js')));
  write(
    `${PREFIX}nowasm.html`,
    H.pageWith('index.html', `index="../local-offer.idx" ${CONTACT}`).replace(
      'src="local-offer-search.js"',
      `src="${PREFIX}nowasm/local-offer-search.js"`,
    ),
  );
});

after(() => {
  H.removeSiteFiles(...written);
  fs.rmSync(path.join(H.SITE, `${PREFIX}nowasm`), { recursive: true, force: true });
});

/** Opens a broken page; returns the alert's text and what else the shadow root holds. */
async function openBroken(file) {
  const opened = await env.reuse(file, { waitFor: 'error' });
  const { page } = opened;
  const alert = await H.inShadow(page, (host) => {
    const root = host.shadowRoot;
    const a = root.querySelector('[role=alert]');
    const link = a?.querySelector('a[href]');
    return {
      count: root.querySelectorAll('[role=alert]').length,
      text: a?.textContent ?? null,
      visible: a ? getComputedStyle(a).display !== 'none' && a.getBoundingClientRect().height > 0 : false,
      link: link ? { href: link.getAttribute('href'), w: link.getBoundingClientRect().width, h: link.getBoundingClientRect().height } : null,
      input: !!root.getElementById('los-q'),
      html: a?.innerHTML ?? '',
    };
  });
  return { ...opened, alert };
}

function assertReadable(alert) {
  assert.equal(alert.count, 1, 'one alert');
  assert.ok(alert.visible, 'the alert is shown');
  assert.match(alert.text, /Sorry, the Local Offer search is not working at the moment\./);
  assert.match(alert.text, /You can still ask the Local Offer team for help/);
  assert.equal(alert.link?.href, `mailto:${EMAIL}`);
  assert.ok(alert.link.w >= 24 && alert.link.h >= 24, `the help link is at least 24x24 (${alert.link.w}x${alert.link.h})`);
  assert.equal(alert.input, false, 'no half-working search box');
  assert.doesNotMatch(alert.html, /<script|<img|on\w+=/i);
}

test('a damaged index (bytes changed) shows a readable "damaged" message, and no uncaught error', async () => {
  const { page, log, alert } = await openBroken(`${PREFIX}damaged.html`);
  assertReadable(alert);
  assert.match(alert.text, /damaged/);
  H.assertClean(log);
  await H.shot(page, 'failure-damaged-index', { fullPage: false });
  const results = await H.axe(page);
  assert.equal(results.violations.length, 0, `axe on the error message:\n${H.describeViolations(results.violations)}`);
});

test('a cut-short index shows the message', async () => {
  const { log, alert } = await openBroken(`${PREFIX}cut.html`);
  assertReadable(alert);
  assert.match(alert.text, /damaged or was cut short/);
  H.assertClean(log);
});

test('an index whose term dictionary root was changed (checksum made to match) is refused with the message, and no uncaught error', async () => {
  const { log, alert } = await openBroken(`${PREFIX}crafted.html`);
  assertReadable(alert);
  H.assertClean(log);
});

/**
 * Opens a page whose index is held back until the wasm is ready, so what is timed is the index
 * alone: returns when the index arrived and when the widget said it was broken (page clock, ms).
 */
async function openHeld(name) {
  const { context, page, log } = await env.open(null);
  let release;
  const held = new Promise((r) => { release = r; });
  await context.route(`**/${PREFIX}bomb-${name}.idx`, async (route) => {
    await held;
    await route.continue();
  });
  await page.addInitScript((host) => {
    window.__stateAt = {};
    new MutationObserver(() => {
      const state = document.querySelector(host)?.getAttribute('data-state');
      if (state && !(state in window.__stateAt)) window.__stateAt[state] = performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
  }, H.HOST);
  await page.goto(env.url(`${PREFIX}bomb-${name}.html`));
  await page.evaluate(() => customElements.whenDefined('local-offer-search').then((c) => c.load()));
  const releasedAt = await page.evaluate(() => performance.now());
  release();
  await H.waitState(page, 'error', 5000);
  const times = await page.evaluate((file) => {
    const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith(file));
    return { arrived: entry ? entry.responseEnd : null, error: window.__stateAt.error ?? null };
  }, `${PREFIX}bomb-${name}.idx`);
  return { page, log, releasedAt, ...times };
}

/** How long one crafted index took from arriving to the widget's message (ms). */
function tookFrom({ releasedAt, arrived, error }) {
  assert.ok(error !== null, 'the error state was seen');
  // The response's end by the browser's own timing; the moment it was let go if the browser
  // kept no entry for it (later than the true arrival, so never kinder to the widget).
  const from = arrived ?? releasedAt;
  assert.ok(from >= releasedAt - 1, `the index arrived after it was let go (${from} < ${releasedAt})`);
  return error - from;
}

/**
 * How soon a crafted index must be refused. A widget that walks its keys (up to 2^62) never
 * answers, so a bound far above the real time (a few ms; the test prints it) still catches
 * that, while a 2-core machine busy with other builds (50 to 800 ms seen for a 100 ms bound)
 * does not fail it. How fast opening is belongs to the widget benchmark.
 */
const REFUSED_MS = 2000;

for (const [name, what] of craftedSections()) {
  test(`a crafted index (${what}) shows the "not working" message within ${REFUSED_MS} ms, and the page stays responsive`, async (t) => {
    // The best of up to three page loads: the machine running the tests may be busy with other
    // work, which only ever adds time. A widget that walks the crafted keys never gets under.
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const run = await openHeld(name);
      runs.push({ ...run, took: tookFrom(run) });
      if (run.error - (run.arrived ?? run.releasedAt) < REFUSED_MS) break;
    }
    const times = runs.map((r) => r.took);
    t.diagnostic(`ms from the index's arrival to the message: ${times.map((x) => x.toFixed(1)).join(', ')}`);
    assert.ok(Math.min(...times) < REFUSED_MS, `the message came ${times.map((x) => x.toFixed(1)).join(', ')} ms after the index arrived`);
    for (const { page, log } of runs) {
      const alert = await H.inShadow(page, (host) => {
        const a = host.shadowRoot.querySelector('[role=alert]');
        return { text: a?.textContent ?? null, input: !!host.shadowRoot.getElementById('los-q') };
      });
      assert.match(alert.text ?? '', /Sorry, the Local Offer search is not working at the moment\./);
      assert.match(alert.text, /damaged/, 'the file is called damaged, not the browser blamed');
      assert.doesNotMatch(alert.text, /stopped unexpectedly/, 'a clean refusal, not a trap');
      assert.equal(alert.input, false);
      // Still responsive (a page walking 2^62 keys never answers): the next frame comes, and
      // the keyboard reaches the help link.
      const frame = await page.evaluate(() => {
        const start = performance.now();
        return new Promise((r) => requestAnimationFrame(() => r(performance.now() - start)));
      });
      assert.ok(frame < 1000, `the next frame came after ${frame.toFixed(0)} ms`);
      await H.tabTo(page, (f) => !f.outside && f.tag === 'a');
      H.assertClean(log);
    }
  });
}

test('a file that is not an index shows the message', async () => {
  const { log, alert } = await openBroken(`${PREFIX}text.html`);
  assertReadable(alert);
  assert.match(alert.text, /not a Local Offer index/);
  H.assertClean(log);
});

test('a missing index (404) shows the message', async () => {
  const { page, log, alert } = await openBroken(`${PREFIX}missing.html`);
  assertReadable(alert);
  assert.match(alert.text, /could not load its information \(error 404\)/);
  assert.ok(log.consoleErrors.some((t) => NOT_FOUND.test(t)), 'the 404 was logged by the browser');
  assert.deepEqual(log.dialogs, []);
  await H.shot(page, 'failure-missing-index', { fullPage: false });
});

test('the built page gives the widget the council profile’s email, and no other council’s', () => {
  const html = fs.readFileSync(path.join(H.SITE, 'index.html'), 'utf8');
  assert.match(html, new RegExp(`<local-offer-search [^>]*contact-email="${EMAIL.replaceAll('.', '\\.')}"`));
  assert.doesNotMatch(html, /\{\{/, 'every placeholder filled');
  const kiosk = fs.readFileSync(path.join(H.SITE, 'kiosk.html'), 'utf8');
  assert.match(kiosk, new RegExp(`mode="kiosk"[^>]*contact-email="${EMAIL.replaceAll('.', '\\.')}"`));
  assert.match(kiosk, /\(SEND\) in Worcestershire\./, 'the council’s name, from data/council.toml');
});

test('without a contact-email, or with one that is not an email address, the message has no contact line', async () => {
  for (const page of ['nocontact', 'badcontact', 'textcontact']) {
    const { log, alert } = await openBroken(`${PREFIX}${page}.html`);
    assert.equal(alert.count, 1, page);
    assert.match(alert.text, /could not load its information \(error 404\)/, page);
    assert.doesNotMatch(alert.text, /ask the Local Offer team/, page);
    assert.equal(alert.link, null, `${page}: no link`);
    H.assertClean(log, { allow: [NOT_FOUND] });
    const warned = log.console.some((m) => m.type === 'warning' && /is not an email address/.test(m.text));
    assert.equal(warned, page !== 'nocontact', `${page}: the page's author is told why`);
  }
});

test(
  'a missing index (404) causes no uncaught error; the only console error is the 404 itself',
  async () => {
    const { log } = await openBroken(`${PREFIX}missing.html`);
    H.assertClean(log, { allow: [NOT_FOUND] });
  },
);

/** Turns easy read on where its file could not be used; returns what the widget shows. */
async function easyReadWithoutItsFile(file) {
  const opened = await env.reuse(file);
  const { page } = opened;
  assert.equal(await page.getAttribute(H.HOST, 'data-easy'), 'error', 'the easy-read file was refused');
  await H.w(page, '#los-q').fill('autism');
  await H.waitFirstResult(page, /./);
  await page.keyboard.press('Escape');
  await H.w(page, '.los-easy-toggle').click();
  await H.waitStatus(page, /Easy read could not be loaded\. The search still works\./);
  const shown = await H.inShadow(page, (host) => {
    const root = host.shadowRoot;
    const card = root.querySelector('.los-results > li.los-card');
    return {
      view: root.querySelector('.los').getAttribute('data-view'),
      pressed: root.querySelector('.los-easy-toggle').getAttribute('aria-pressed'),
      parts: [...card.querySelectorAll('.los-part-heading')].map((h) => h.textContent),
    };
  });
  return { ...opened, shown };
}

test('without its easy-read file, easy read says so and still shows what the facts say', async () => {
  const { log, shown } = await easyReadWithoutItsFile(`${PREFIX}noeasy.html`);
  assert.equal(shown.view, 'easy');
  assert.equal(shown.pressed, 'true');
  assert.ok(shown.parts.includes('Who it is for'), `parts: ${shown.parts}`);
  assert.ok(log.console.some((m) => m.type === 'warning' && /easy-read file could not be loaded \(error 404\)/.test(m.text)));
  H.assertClean(log, { allow: [NOT_FOUND] });
});

test('an easy-read file from another build is refused, never shown against these results', async () => {
  const { log, shown } = await easyReadWithoutItsFile(`${PREFIX}othereasy.html`);
  assert.equal(shown.view, 'easy');
  assert.ok(log.console.some((m) => m.type === 'warning' && /built with another index/.test(m.text)));
  H.assertClean(log);
});

test('a missing wasm shows the plain message, and no uncaught error', async () => {
  const { log, alert } = await openBroken(`${PREFIX}nowasm.html`);
  assertReadable(alert);
  assert.match(alert.text, /could not start in this browser/);
  H.assertClean(log, { allow: [NOT_FOUND] });
});

test('an error event is dispatched for the host page to react to', async () => {
  const { page } = await env.open(null);
  await page.addInitScript(() => {
    window.__events = [];
    document.addEventListener('local-offer-search-error', (e) => window.__events.push(['error', String(e.detail)]));
    document.addEventListener('local-offer-search-ready', () => window.__events.push(['ready']));
  });
  await page.goto(env.url(`${PREFIX}damaged.html`));
  await H.waitState(page, 'error');
  const events = await page.evaluate(() => window.__events);
  assert.equal(events.length, 1);
  assert.equal(events[0][0], 'error');
  assert.match(events[0][1], /damaged/);
});

test('easy read turned on before its file arrives says it is loading, then shows easy read', async () => {
  const { context, page, log } = await env.open(null);
  let release;
  const held = new Promise((r) => { release = r; });
  await context.route('**/*.easy', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(env.url('index.html'));
  await page.waitForSelector(`${H.HOST}[data-state="ready"]`, { state: 'attached' });
  await H.w(page, '.los-easy-toggle').click();
  await H.waitStatus(page, /Loading easy read…/);
  const view = () => H.inShadow(page, (host) => host.shadowRoot.querySelector('.los').getAttribute('data-view'));
  assert.equal(await view(), 'standard', 'the standard view stays until the sentences are here');
  assert.equal(await H.w(page, '.los-easy-toggle').getAttribute('aria-pressed'), 'true');
  release();
  await page.waitForSelector(`${H.HOST}[data-easy="ready"]`, { state: 'attached' });
  assert.equal(await view(), 'easy');
  await H.waitStatus(page, /Easy read is on\./);
  await H.w(page, '#los-q').fill('autism');
  await H.waitFirstResult(page, /./);
  const sentences = await H.inShadow(page, (host) => host.shadowRoot.querySelectorAll('.los-results .los-part[data-icon=what] .los-sentence').length);
  assert.ok(sentences > 0, 'the "What it is" sentences are shown');
  H.assertClean(log);
});
