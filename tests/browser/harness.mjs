// Shared harness for the browser tests (run by `cargo xtask test`, or directly with
// `node --test --test-concurrency=1 tests/browser/*.test.mjs` after `cargo xtask demo --no-serve`
// and `cargo build -p xtask`).
//
// - serves target/site with the project's own server (`target/debug/xtask serve`, which sends the
//   site's strict Content-Security-Policy header) on a free loopback port;
// - drives Debian's Chromium headless shell (see CHROMIUM) through playwright-core; never downloads a
//   browser;
// - reaches into the widget's open shadow root (Playwright's CSS locators pierce open shadow roots);
// - records page errors, console errors, dialogs and requests, so a test can assert there were none;
// - saves screenshots under target/browser/.

import { after, afterEach, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export { assert };

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
export const SITE = path.join(ROOT, 'target', 'site');
export const SHOTS = path.join(ROOT, 'target', 'browser');
export const XTASK = path.join(ROOT, 'target', 'debug', process.platform === 'win32' ? 'xtask.exe' : 'xtask');
/**
 * Debian's Chromium headless shell (package chromium-headless-shell: the same Chromium release,
 * Blink and V8, built for headless use only, as Playwright runs its own tests). Measured on the
 * 2-core machine, a page load in it costs about a quarter of the CPU it costs in the full browser
 * (`/usr/bin/chromium` in headless mode: 0.5 s against 1.7 s for a new context and the widget's
 * page), and the suite is CPU-bound. `LOS_CHROMIUM=/usr/bin/chromium` runs the suite in the full
 * browser, which passes too; the benchmarks measure in the full browser, as families use it.
 */
export const CHROMIUM = process.env.LOS_CHROMIUM || '/usr/lib/chromium/chromium-headless-shell';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** The WCAG levels the widget promises (A and AA up to 2.2). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** The element the pages embed. */
export const HOST = 'local-offer-search';
/** How long typing must pause before the live region speaks (STATUS_DELAY_MS in widget.rs). */
export const STATUS_DELAY_MS = 1400;
/**
 * What the status delay is shortened to under test (see [`testTimers`]): a test waiting for an
 * announcement would otherwise wait 1.4 s of wall clock each time, about a third of the suite.
 */
export const SHORT_STATUS_DELAY_MS = 60;

/**
 * An init script for every context `open` and `reuse` make, so that tests do not sit through the
 * widget's own pauses:
 * - its waits of `STATUS_DELAY_MS` (the live region's pause after typing, and the address's
 *   "still typing" window, which is the same pause) last `SHORT_STATUS_DELAY_MS` instead. Only
 *   those: every other timer keeps its length. A test that checks the pause itself, or what
 *   happens within it, either installs Playwright's clock (which replaces `setTimeout`, this
 *   wrapper included, so the real 1,400 ms is what it sees) or asks for `{ realTimers: true }`;
 * - unless `idle` is true, the page is never idle, as on a busy host page: `requestIdleCallback`
 *   never calls back, so the widget builds each card when it is first shown rather than all of
 *   them ahead of typing (`warm` in element.js: about a third of a page load's CPU here, and most
 *   tests' pages live a few seconds). Files that check the cards' contents and the keyboard
 *   (`cards`, `journeys`) ask for `{ idleWarmUp: true }` and so run with the warm-up as families do.
 * `{ realTimers: true }` adds no script at all: real timers and real idle time.
 */
function testTimers([from, to, idle]) {
  const set = window.setTimeout;
  window.setTimeout = function setTimeout(fn, ms, ...args) {
    return set.call(this, fn, ms === from ? to : ms, ...args);
  };
  if (!idle) window.requestIdleCallback = () => 0;
}

fs.mkdirSync(SHOTS, { recursive: true });

function preflight() {
  for (const [file, how] of [
    [path.join(SITE, 'local-offer-search.js'), 'cargo xtask demo --no-serve'],
    [path.join(SITE, 'local-offer.idx'), 'cargo xtask demo --no-serve'],
    [XTASK, 'cargo build -p xtask'],
    [CHROMIUM, 'apt-get install chromium-headless-shell'],
  ]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`${how}\` first`);
  }
}

/** A TCP port nobody is listening on (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Starts `xtask serve` on a free port; resolves when it accepts connections. */
export async function startServer() {
  preflight();
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(XTASK, ['serve', '--port', String(port)], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    const deadline = Date.now() + 10_000;
    while (!exited && Date.now() < deadline) {
      if (await canConnect(port)) {
        const stop = () =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          });
        return { port, url: `http://127.0.0.1:${port}/`, child, stop };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    lastError = new Error(`xtask serve did not start on port ${port}: ${stderr.trim()}`);
  }
  throw lastError;
}

/** Launches headless Chromium. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** A persistent context (service workers survive reloads) in a fresh temporary profile. */
export async function launchPersistent(options = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'los-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    ...options,
  });
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { context, dir, close };
}

/**
 * The process's server and Chromium, shared by the test files it runs: `cargo xtask test` runs a
 * few files in one process, one after another (see xtask/src/groups.rs), and `node --test FILE`
 * one. Started by the first file's `before`, closed by the last file's `after`.
 */
const processWide = { server: null, browser: null, users: 0, envs: new Set() };

/**
 * Registers before/after hooks for a test file: the process's server and browser for the file,
 * its own contexts and shared pages. Returns an object whose fields are filled in by `before`.
 */
export function useSite({ browser = true, realTimers: fileRealTimers = false, idleWarmUp: fileIdle = false } = {}) {
  const env = {
    server: null,
    browser: null,
    base: '',
    contexts: [],
    /** The file's shared pages (see `reuse`), one per set of context options. */
    shared: new Map(),
    url(p) {
      return new URL(p, env.base).href;
    },
    /** A page in a fresh context, with its errors, console, dialogs and requests recorded. */
    async open(p, options = {}) {
      const { waitFor = 'ready', realTimers = fileRealTimers, idleWarmUp = fileIdle, ...contextOptions } = options;
      await closeOtherFilesPages(env);
      const context = await env.browser.newContext(contextOptions);
      if (!realTimers) await context.addInitScript(testTimers, [STATUS_DELAY_MS, SHORT_STATUS_DELAY_MS, idleWarmUp]);
      env.contexts.push(context);
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      const log = watch(page);
      if (p) {
        await page.goto(env.url(p));
        if (waitFor) await waitState(page, waitFor);
      }
      return { context, page, log };
    },
    /**
     * Like `open`, but the page is the file's shared one for these context options: its site
     * storage (localStorage, service workers and their caches, cookies) is cleared, its log
     * emptied, and it is navigated to `p` afresh, so the test starts from a new page load as
     * with `open`. It saves a browser context and its renderer process per test (about a
     * second of CPU each). Only for tests that need no context of their own: never one that
     * adds routes or init scripts, installs a clock, counts requests, or checks isolation,
     * storage across contexts, CSP or the network; those use `open`.
     */
    async reuse(p, options = {}) {
      const { waitFor = 'ready', realTimers = fileRealTimers, idleWarmUp = fileIdle, ...contextOptions } = options;
      await closeOtherFilesPages(env);
      const key = JSON.stringify({ realTimers, idleWarmUp, ...contextOptions });
      let s = env.shared.get(key);
      if (s && s.page.isClosed()) {
        await s.context.close().catch(() => {});
        s = null;
      }
      if (!s) {
        const context = await env.browser.newContext(contextOptions);
        if (!realTimers) await context.addInitScript(testTimers, [STATUS_DELAY_MS, SHORT_STATUS_DELAY_MS, idleWarmUp]);
        context.setDefaultTimeout(15_000);
        const page = await context.newPage();
        s = { context, page, log: watch(page), cdp: await context.newCDPSession(page) };
        env.shared.set(key, s);
      } else {
        for (const other of s.context.pages()) if (other !== s.page) await other.close();
        await s.cdp.send('Storage.clearDataForOrigin', { origin: new URL(env.base).origin, storageTypes: 'all' });
        assert.deepEqual(await s.context.cookies(), [], 'the shared context kept no cookies');
        for (const list of Object.values(s.log)) list.length = 0;
      }
      const { context, page, log } = s;
      await page.goto(env.url(p));
      if (waitFor) await waitState(page, waitFor);
      return { context, page, log };
    },
  };
  before(async () => {
    processWide.users++;
    processWide.envs.add(env);
    processWide.server ??= startServer();
    env.server = await processWide.server;
    env.base = env.server.url;
    if (browser) {
      processWide.browser ??= launchBrowser();
      env.browser = await processWide.browser;
    }
  });
  // Each test's pages are closed when it ends, so they stop using the CPU (a kiosk page ticks
  // every second) while the file's next tests run. A shared page stays where it is until the
  // next `reuse` loads it afresh (leaving it for about:blank in between cost a renderer more).
  afterEach(async () => {
    const open = env.contexts.splice(0);
    for (const c of open) await c.close().catch(() => {});
  });
  after(async () => {
    for (const c of env.contexts) await c.close().catch(() => {});
    for (const s of env.shared.values()) await s.context.close().catch(() => {});
    env.shared.clear();
    processWide.envs.delete(env);
    if (--processWide.users > 0) return;
    const { server, browser: launched } = processWide;
    processWide.server = processWide.browser = null;
    if (launched) await (await launched.catch(() => null))?.close().catch(() => {});
    if (server) await (await server.catch(() => null))?.stop();
  });
  return env;
}

/**
 * Closes the shared pages of the process's other test files. Their tests are done: a process
 * runs its files one after another, so when a file opens a page the files before it have
 * ended. A shared page left open would keep its renderer (a kiosk page ticks every second).
 */
async function closeOtherFilesPages(env) {
  for (const other of processWide.envs) {
    if (other === env) continue;
    for (const s of other.shared.values()) await s.context.close().catch(() => {});
    other.shared.clear();
  }
}

/** Records what a page does that a test may want to forbid. */
export function watch(page) {
  const log = { pageErrors: [], consoleErrors: [], console: [], dialogs: [], requests: [], csp: [] };
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  page.on('console', (m) => {
    const text = m.text();
    log.console.push({ type: m.type(), text });
    if (m.type() === 'error') log.consoleErrors.push(text);
    if (/Content[- ]Security[- ]Policy/i.test(text)) log.csp.push(text);
  });
  page.on('dialog', (d) => {
    log.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on('request', (r) => log.requests.push(r.url()));
  return log;
}

/** Waits for `<local-offer-search data-state=…>`; fails with what the state was instead. */
export async function waitState(page, state = 'ready', timeout = 20_000) {
  try {
    await page.waitForSelector(`${HOST}[data-state="${state}"]`, { state: 'attached', timeout });
    // Ready includes the easy-read file, fetched just after (see element.js).
    if (state === 'ready') await page.waitForSelector(`${HOST}[data-easy]`, { state: 'attached', timeout });
  } catch (e) {
    const actual = await page
      .evaluate((h) => document.querySelector(h)?.getAttribute('data-state'), HOST)
      .catch(() => '?');
    throw new Error(`widget did not reach data-state="${state}" (it is "${actual}"): ${e.message}`);
  }
}

/** A locator inside the widget's shadow root. */
export function w(page, selector) {
  return page.locator(`${HOST} ${selector}`);
}

/**
 * Runs `fn(host, arg)` in the page, where `host` is the `<local-offer-search>` element (its
 * shadow root is `host.shadowRoot`). `fn` must be self-contained (it is serialised).
 */
export function inShadow(page, fn, arg) {
  return page.locator(HOST).evaluate(fn, arg);
}

/** What has keyboard focus inside the widget: a short description, or null. */
export function focused(page) {
  return page.evaluate((h) => {
    const host = document.querySelector(h);
    if (document.activeElement !== host) {
      const a = document.activeElement;
      return a ? { outside: true, tag: a.tagName.toLowerCase(), id: a.id, cls: a.className } : null;
    }
    const a = host.shadowRoot.activeElement;
    if (!a) return null;
    return { outside: false, tag: a.tagName.toLowerCase(), id: a.id, cls: String(a.className) };
  }, HOST);
}

/** Types into the focused element with the keyboard (no mouse). */
export async function typeText(page, text) {
  await page.keyboard.type(text, { delay: 20 });
}

/** Selects the whole query and replaces it, by keyboard. */
export async function replaceQuery(page, text) {
  await page.keyboard.press('ControlOrMeta+a');
  if (text) await page.keyboard.type(text, { delay: 20 });
  else await page.keyboard.press('Backspace');
}

/** Text of the two live regions (only one speaks at a time). */
export function statusText(page) {
  return inShadow(page, (host) =>
    [...host.shadowRoot.querySelectorAll('.los-status')].map((s) => s.textContent).join('').trim(),
  );
}

/** Waits until the live regions say something matching `re`. */
export async function waitStatus(page, re, timeout = 5000) {
  await page.waitForFunction(
    ([h, src, flags]) => {
      const root = document.querySelector(h).shadowRoot;
      const t = [...root.querySelectorAll('.los-status')].map((s) => s.textContent).join('');
      return new RegExp(src, flags).test(t);
    },
    [HOST, re.source, re.flags],
    { timeout },
  );
}

/** Titles of the result cards shown, in order. */
export function resultTitles(page) {
  return inShadow(page, (host) =>
    [...host.shadowRoot.querySelectorAll('.los-results > li.los-card .los-title')].map((t) => t.textContent),
  );
}

/** Waits until the first result's title matches `re`. */
export async function waitFirstResult(page, re, timeout = 5000) {
  await page.waitForFunction(
    ([h, src, flags]) => {
      const t = document.querySelector(h).shadowRoot.querySelector('.los-results > li.los-card .los-title');
      return !!t && new RegExp(src, flags).test(t.textContent);
    },
    [HOST, re.source, re.flags],
    { timeout },
  );
}

/** Moves keyboard focus forward with Tab until `pred(focused)` holds; returns the presses used. */
export async function tabTo(page, pred, max = 30, key = 'Tab') {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (f && pred(f)) return i;
  }
  throw new Error(`could not reach the element with ${key} in ${max} presses`);
}

/**
 * Saves a screenshot (full page unless told) under target/browser/, when `LOS_SHOTS=1` asks for
 * them: they are for a person to look at, no test reads them, and the suite's 80-odd (full pages
 * at 200% among them) cost about a tenth of its CPU. Returns the file, or null when not asked.
 */
export async function shot(page, name, { fullPage = true } = {}) {
  if (!process.env.LOS_SHOTS) return null;
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/**
 * Runs axe-core with the project's WCAG tags. In axe's "legacy" mode: `axe.run` in the page
 * itself, rather than `runPartial` per frame and `finishRun` in a new blank page, which only
 * matters for cross-origin iframes (the pages have none) and cost a page and a second or two of
 * CPU a scan. So it is refused on a page with a frame.
 */
export async function axe(page) {
  await scrollThrough(page);
  assert.equal(page.frames().length, 1, 'axe runs in legacy mode here: the page must have no frames');
  // Imported when first used: most files scan nothing, and loading it costs a third of a second.
  const result = await (await axeBuilder(page)).withTags(AXE_TAGS).setLegacyMode().analyze();
  const wanted = createRequire(import.meta.url)('axe-core/package.json').version;
  assert.equal(result.testEngine.version, wanted, 'axe scanned with the project\'s axe-core');
  return result;
}

/**
 * `@axe-core/playwright` with the project's own `axe-core` (the newest rules): the wrapper is
 * pinned to 4.13.0, the last release that supports the Node.js 20 the machines have (4.14 asks
 * for Node 22.12 and npm warns on every fresh install), and by default it scans with the
 * axe-core it came with.
 */
export async function axeBuilder(page) {
  // Imported when first used: most files scan nothing, and loading them costs a third of a second.
  const { AxeBuilder } = await import('@axe-core/playwright');
  axeSource ??= await fs.promises.readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return new AxeBuilder({ page, axeSource });
}
let axeSource;

/**
 * Scrolls to the end of the page and back, a screen at a time, as a reader would. Result cards
 * are laid out lazily (`content-visibility: auto`, with an estimated height until first drawn):
 * without this, axe measures a long card that was never on screen at its estimate, and reports
 * the next element as covering its buttons.
 */
export async function scrollThrough(page) {
  await page.evaluate(async () => {
    const back = window.scrollY;
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    for (let top = 0; top < document.documentElement.scrollHeight; top += window.innerHeight) {
      window.scrollTo(0, top);
      await frame();
    }
    window.scrollTo(0, back);
    await frame();
  });
}

/** A readable list of axe violations. */
export function describeViolations(violations) {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n'),
    )
    .join('\n');
}

/** Writes a page into target/site for one test (the server serves only that folder). */
export function writeSiteFile(name, content) {
  const file = path.join(SITE, name);
  fs.writeFileSync(file, content);
  return file;
}

/** Removes files written by `writeSiteFile`. */
export function removeSiteFiles(...names) {
  for (const n of names) fs.rmSync(path.join(SITE, n), { force: true });
}

/** The text of a built page with its `<local-offer-search …>` tag's attributes replaced. */
export function pageWith(from, attributes, { dropScripts = [] } = {}) {
  let html = fs.readFileSync(path.join(SITE, from), 'utf8');
  html = html.replace(/<local-offer-search\b[^>]*>/, `<local-offer-search ${attributes}>`);
  for (const s of dropScripts) {
    html = html.replace(new RegExp(`<script src="${s.replace('.', '\\.')}"[^>]*></script>\\n?`), '');
  }
  // A page preloads only the wasm its elements use: the kiosk's where one is a kiosk.
  const unused = /<local-offer-search\b[^>]*\bmode="kiosk"/.test(html) ? 'local-offer-search_bg.wasm' : 'local-offer-search-kiosk_bg.wasm';
  html = html.replace(new RegExp(`<link rel="preload" href="${unused.replace(/[.-]/g, '\\$&')}"[^>]*>\\n?`), '');
  return html;
}

/**
 * Geometry of every interactive element in the shadow root (buttons, inputs, selects, options of
 * the suggestions list, links) that is rendered, as CSS px.
 */
export function targetSizes(page) {
  return inShadow(page, (host) => {
    const root = host.shadowRoot;
    const out = [];
    const sel = 'button, input, select, [role=option], a[href]';
    for (const e of root.querySelectorAll(sel)) {
      if (e.closest('[hidden]')) continue;
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || cs.visibility === 'hidden') continue;
      const rects = [...e.getClientRects()];
      if (!rects.length) continue;
      const r = e.getBoundingClientRect();
      const label = `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).split(' ').join('.') : ''} "${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 40)}"`;
      out.push({
        label,
        width: r.width,
        height: r.height,
        // For inline links that wrap, the smallest line box is what a finger has to hit.
        minLineHeight: Math.min(...rects.map((x) => x.height)),
        minLineWidth: Math.min(...rects.map((x) => x.width)),
        lines: rects.length,
      });
    }
    return out;
  });
}

/** Elements inside the shadow root whose right edge is past the viewport's (beyond 1px). */
export function overflowingElements(page) {
  return inShadow(page, (host) => {
    const root = host.shadowRoot;
    const vw = document.documentElement.clientWidth;
    const out = [];
    for (const e of root.querySelectorAll('*')) {
      if (e.closest('[hidden]')) continue;
      const r = e.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      // Visually hidden live regions are 1px boxes clipped away: skip clipped ones.
      if (getComputedStyle(e).clipPath === 'inset(50%)') continue;
      if (r.right > vw + 1 || r.left < -1) {
        out.push(`${e.tagName.toLowerCase()}.${String(e.className.baseVal ?? e.className)} left=${r.left.toFixed(1)} right=${r.right.toFixed(1)} (viewport ${vw})`);
      }
    }
    return out;
  });
}

/** scrollWidth and clientWidth of the document. */
export function pageWidths(page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
}

/** Fails if the page threw, logged an error (other than those matching `allow`), or opened a dialog. */
export function assertClean(log, { allow = [] } = {}) {
  assert.deepEqual(log.pageErrors, [], 'uncaught errors in the page');
  const errors = log.consoleErrors.filter((t) => !allow.some((re) => re.test(t)));
  assert.deepEqual(errors, [], 'console errors');
  assert.deepEqual(log.dialogs, [], 'dialogs (alert/confirm/prompt) opened');
  assert.deepEqual(log.csp, [], 'Content-Security-Policy messages');
}

/** `index-builder ARGS` (the release build, built if missing), on the site's index: its stdout. */
export function cli(args) {
  const bin = path.join(ROOT, 'target', 'release', 'index-builder');
  return fs.existsSync(bin)
    ? execFileSync(bin, args, { cwd: ROOT, encoding: 'utf8' })
    : execFileSync('cargo', ['run', '-q', '--release', '-p', 'index-builder', '--', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
      });
}

/** The index builder's `search`, which runs exactly the widget's search: [{id,title,kind,score}]. */
export function cliSearch(args) {
  return JSON.parse(cli(['search', '--index', path.join(SITE, 'local-offer.idx'), '--json', ...args]));
}

/** `index-builder show ID` on the site's index: the card as the widget builds it (JSON with `json`). */
export function cliShow(id, { json = true } = {}) {
  const out = cli(['show', '--index', path.join(SITE, 'local-offer.idx'), ...(json ? ['--json'] : []), id]);
  return json ? JSON.parse(out) : out;
}

/** Ids of the result cards shown (from `los-result-ID`), in order. */
export function resultIds(page) {
  return inShadow(page, (host) =>
    [...host.shadowRoot.querySelectorAll('.los-results > li.los-card')].map((li) => li.id.replace(/^los-result-/, '')),
  );
}

/** The combobox's ARIA state. */
export function comboState(page) {
  return inShadow(page, (host) => {
    const root = host.shadowRoot;
    const input = root.getElementById('los-q');
    const list = root.getElementById('los-listbox');
    const options = [...list.querySelectorAll('[role=option]')];
    return {
      value: input.value,
      expanded: input.getAttribute('aria-expanded'),
      active: input.getAttribute('aria-activedescendant'),
      listHidden: list.hidden,
      listDisplay: getComputedStyle(list).display,
      options: options.length,
      selected: options.filter((o) => o.getAttribute('aria-selected') === 'true').map((o) => o.id),
      optionTitles: options.map((o) => o.querySelector('.los-option-title')?.textContent ?? ''),
    };
  });
}

/** The visible count line. */
export function countText(page) {
  return inShadow(page, (host) => host.shadowRoot.querySelector('.los-count').textContent);
}
