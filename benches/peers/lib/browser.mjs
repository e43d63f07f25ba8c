// Headless Chromium (Debian's, driven by playwright-core): one fresh browser context per engine
// and dataset, so nothing is cached between them. Measures what the page fetched, the time to the
// first results, the heap after load, per-keystroke latency and the top results of each query;
// and, in a context whose every request waits as on a CDN (server.mjs), the first search and the
// next keystrokes: their time, requests and files.

import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { DELAY_COOKIE } from './server.mjs';

const WASM_HOOK = readFileSync(new URL('../browser/wasm-hook.js', import.meta.url), 'utf8');

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--enable-precise-memory-info', '--enable-blink-features=ForceEagerMeasureMemory',
  // gc() in the page and its workers, so memory is measured after full collections.
  '--js-flags=--expose-gc',
];

export async function launch() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  return browser;
}

/**
 * The page's memory: JS heaps of the page and its workers, DOM and shared
 * (performance.measureUserAgentSpecificMemory, eager), array-buffer backing stores of the page
 * (CDP), and WebAssembly memories of the page and its workers (wasm-hook.js).
 */
async function memory(page, cdp) {
  // Full collections in every global (gc() from --expose-gc), then CDP's, twice: what is left is
  // what the engine holds, not garbage that a later collection would have freed.
  const collect = () => { for (let i = 0; i < 3; i++) self.gc?.(); };
  for (let round = 0; round < 2; round++) {
    await page.evaluate(collect);
    for (const w of page.workers()) await w.evaluate(collect).catch(() => {});
    await cdp.send('HeapProfiler.collectGarbage');
  }
  const u = await cdp.send('Runtime.getHeapUsage');
  const uasm = await page.evaluate(async () => (await performance.measureUserAgentSpecificMemory()).bytes);
  let wasm = await page.evaluate(() => self.__wasmBytes());
  for (const w of page.workers()) wasm += await w.evaluate(() => (self.__wasmBytes ? self.__wasmBytes() : 0)).catch(() => 0);
  return { js: uasm, backing: u.backingStorageSize ?? 0, wasm };
}

/** What loading added: the difference of two memory() readings. */
function growth(before, after) {
  const mem = {
    jsBytes: after.js - before.js,
    bufferBytes: Math.max(0, after.backing - before.backing),
    wasmBytes: after.wasm - before.wasm,
  };
  mem.totalBytes = mem.jsBytes + mem.bufferBytes + mem.wasmBytes;
  return mem;
}

/** A fresh context whose requests to `origin` are logged (as URL paths, the harness left out). */
async function openPage(browser, origin, { delayed = false } = {}) {
  const context = await browser.newContext();
  if (delayed) {
    const [name, value] = DELAY_COOKIE.split('=');
    await context.addCookies([{ name, value, url: origin }]);
  }
  // Pagefind searches in a web worker: count that worker's WebAssembly memory too.
  await context.route(/pagefind-worker\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: WASM_HOOK + '\n' + (await response.text()) });
  });
  const page = await context.newPage();
  const requests = [];
  page.on('requestfinished', (req) => {
    const u = new URL(req.url());
    if (u.origin === origin && !u.pathname.startsWith('/harness')) requests.push(u.pathname);
  });
  return { context, page, requests };
}

/**
 * Runs one engine on one dataset.
 * job: { kind: 'ours'|'peer'|'pagefind', opts, first, keystrokes: [query], budgetMs, warmTyping, relevance: [query]|null }
 * Returns { requests: [urlPath], readyMs, firstResultsMs, memory, keystrokes: {times, queries},
 * coldKeystrokes (with warmTyping: the first, untimed pass), top }.
 */
export async function runJob(browser, origin, job, log = () => {}) {
  const { context, page, requests } = await openPage(browser, origin);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  try {
    const cdp = await context.newCDPSession(page);
    await page.goto(`${origin}/harness/harness.html`);
    if (!(await page.evaluate(() => self.crossOriginIsolated))) log('  warning: page is not cross-origin isolated; timer resolution is coarse');
    const before = await memory(page, cdp);
    const loaded = await page.evaluate(([kind, opts, first]) => window.__bench.load(kind, opts, first), [job.kind, job.opts, job.first]);
    // Requests of the first search are complete when load() returns; let the log catch up.
    await page.waitForTimeout(50);
    const fetched = [...requests];
    const mem = growth(before, await memory(page, cdp));
    // An engine that fetches parts of its index as words are typed (ours chunked) types the
    // keystrokes once to fetch them, and is timed on the second pass over the same keystrokes
    // (no more than the first pass typed): its latency once cached.
    const cold = job.warmTyping ? await page.evaluate(([qs, budget]) => window.__bench.type(qs, 10, budget), [job.keystrokes, job.budgetMs]) : null;
    const keystrokes = await page.evaluate(([qs, budget, max]) => window.__bench.type(qs, 10, budget, max ?? Infinity), [job.keystrokes, job.budgetMs, cold ? cold.times.length : null]);
    const top = job.relevance ? await page.evaluate((qs) => window.__bench.top(qs, 10), job.relevance) : null;
    return { requests: fetched, readyMs: loaded.readyMs, firstResultsMs: loaded.firstResultsMs, firstHits: loaded.firstHits, memory: mem, keystrokes, coldKeystrokes: cold, top, errors };
  } finally {
    await context.close();
  }
}

/**
 * Loads the engine in a fresh context again, to time it (start → ready → first results) and
 * measure its memory: returns { readyMs, firstResultsMs, memory }.
 */
export async function timeLoad(browser, origin, job) {
  const { context, page } = await openPage(browser, origin);
  try {
    const cdp = await context.newCDPSession(page);
    await page.goto(`${origin}/harness/harness.html`);
    const before = await memory(page, cdp);
    const r = await page.evaluate(([kind, opts, first]) => window.__bench.load(kind, opts, first), [job.kind, job.opts, job.first]);
    await page.waitForTimeout(50);
    return { readyMs: r.readyMs, firstResultsMs: r.firstResultsMs, memory: growth(before, await memory(page, cdp)) };
  } finally {
    await context.close();
  }
}

/**
 * As on a CDN: a fresh context whose every request waits the server's delay. Loads the engine,
 * answers job.first, then searches each of job.next (the next keystrokes: the prefixes of a
 * query typed after it). Returns { firstResultsMs, requests: [urlPath],
 * next: [{ ms, requests: [urlPath] }] }.
 */
export async function cdnLoad(browser, origin, job) {
  const { context, page, requests } = await openPage(browser, origin, { delayed: true });
  try {
    await page.goto(`${origin}/harness/harness.html`);
    const r = await page.evaluate(([kind, opts, first]) => window.__bench.load(kind, opts, first), [job.kind, job.opts, job.first]);
    await page.waitForTimeout(50);
    const first = [...requests];
    const next = [];
    for (const q of job.next) {
      const from = requests.length;
      const ms = await page.evaluate((query) => window.__bench.searchOnce(query, 10), q);
      await page.waitForTimeout(50);
      next.push({ query: q, ms, requests: requests.slice(from) });
    }
    return { firstResultsMs: r.firstResultsMs, requests: first, next };
  } finally {
    await context.close();
  }
}
