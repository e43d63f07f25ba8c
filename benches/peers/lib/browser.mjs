// Headless Chromium (Debian's, driven by playwright-core): one fresh browser context per engine
// and dataset, so nothing is cached between them. Measures what the page fetched, the time to the
// first results, the heap after load, per-keystroke latency and the top results of each query.

import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const WASM_HOOK = readFileSync(new URL('../browser/wasm-hook.js', import.meta.url), 'utf8');

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--enable-precise-memory-info', '--enable-blink-features=ForceEagerMeasureMemory',
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
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const u = await cdp.send('Runtime.getHeapUsage');
  const uasm = await page.evaluate(async () => (await performance.measureUserAgentSpecificMemory()).bytes);
  let wasm = await page.evaluate(() => self.__wasmBytes());
  for (const w of page.workers()) wasm += await w.evaluate(() => (self.__wasmBytes ? self.__wasmBytes() : 0)).catch(() => 0);
  return { js: uasm, backing: u.backingStorageSize ?? 0, wasm };
}

/**
 * Runs one engine on one dataset.
 * job: { kind: 'ours'|'peer'|'pagefind', opts, first, keystrokes: [query], budgetMs, relevance: [query]|null }
 * Returns { requests: [urlPath], readyMs, firstResultsMs, memory, keystrokes: {times, queries}, top }.
 */
export async function runJob(browser, origin, job, log = () => {}) {
  const context = await browser.newContext();
  // Pagefind searches in a web worker: count that worker's WebAssembly memory too.
  await context.route(/pagefind-worker\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: WASM_HOOK + '\n' + (await response.text()) });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const requests = [];
  page.on('requestfinished', (req) => {
    const u = new URL(req.url());
    if (u.origin === origin && !u.pathname.startsWith('/harness')) requests.push(u.pathname);
  });
  try {
    const cdp = await context.newCDPSession(page);
    await page.goto(`${origin}/harness/harness.html`);
    if (!(await page.evaluate(() => self.crossOriginIsolated))) log('  warning: page is not cross-origin isolated; timer resolution is coarse');
    const before = await memory(page, cdp);
    const loaded = await page.evaluate(([kind, opts, first]) => window.__bench.load(kind, opts, first), [job.kind, job.opts, job.first]);
    // Requests of the first search are complete when load() returns; let the log catch up.
    await page.waitForTimeout(50);
    const fetched = [...requests];
    const after = await memory(page, cdp);
    const mem = {
      jsBytes: after.js - before.js,
      bufferBytes: Math.max(0, after.backing - before.backing),
      wasmBytes: after.wasm - before.wasm,
    };
    mem.totalBytes = mem.jsBytes + mem.bufferBytes + mem.wasmBytes;
    const keystrokes = await page.evaluate(([qs, budget]) => window.__bench.type(qs, 10, budget), [job.keystrokes, job.budgetMs]);
    const top = job.relevance ? await page.evaluate((qs) => window.__bench.top(qs, 10), job.relevance) : null;
    return { requests: fetched, readyMs: loaded.readyMs, firstResultsMs: loaded.firstResultsMs, firstHits: loaded.firstHits, memory: mem, keystrokes, top, errors };
  } finally {
    await context.close();
  }
}

/** Loads the engine in a fresh context only to time it: start → ready → first results. */
export async function timeLoad(browser, origin, job) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/harness/harness.html`);
    const r = await page.evaluate(([kind, opts, first]) => window.__bench.load(kind, opts, first), [job.kind, job.opts, job.first]);
    return { readyMs: r.readyMs, firstResultsMs: r.firstResultsMs };
  } finally {
    await context.close();
  }
}
