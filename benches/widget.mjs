// Widget benchmark: what a family's browser downloads and how fast the widget answers, measured
// on the built site (target/site) in Debian's headless Chromium.
//
//   node benches/widget.mjs        (cargo xtask bench runs it after building the site)
//
// Prints a table and writes target/bench/widget.json. It is a benchmark, not a test: it exits 0
// whatever the numbers, and says PASS or MISS against the goals.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const site = join(root, 'target', 'site');

const QUERIES = [
  'autism', 'short breaks kidderminster', 'chams', 'ehcp', 'speech and language therapy',
  'waiting for autism assessment', 'autsim', 'occupational therapy drop in', 'sendiass',
  'mental health support in school', 'dingleys promise', 'help finding a job',
];

const gz = (name) => gzipSync(readFileSync(join(site, name)), { level: 9 }).length;
const raw = (name) => readFileSync(join(site, name)).length;

function pct(values, p) {
  const v = [...values].sort((a, b) => a - b);
  if (!v.length) return NaN;
  return v[Math.min(v.length - 1, Math.floor((p / 100) * v.length))];
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}

const port = await freePort();
const server = spawn(join(root, 'target', 'debug', 'xtask'), ['serve', '--port', String(port)], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}/`;
const out = { machine: {}, sizes: {}, timings: {}, goals: [] };
try {
  await waitForServer(base);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  out.machine.chromium = browser.version();
  out.machine.node = process.version;

  // Sizes, and what a first search transfers.
  out.sizes = {
    wasm_bytes: raw('local-offer-search_bg.wasm'),
    wasm_gzip: gz('local-offer-search_bg.wasm'),
    js_bytes: raw('local-offer-search.js'),
    js_gzip: gz('local-offer-search.js'),
    css_gzip: gz('widget.css'),
    index_bytes: raw('local-offer.idx'),
    index_gzip: gz('local-offer.idx'),
    // The kiosk's build (the standard one plus the QR encoder); only mode="kiosk" loads it.
    kiosk_wasm_gzip: gz('local-offer-search-kiosk_bg.wasm'),
    // Fetched once the widget is ready (at once when easy read is on): not on the first
    // search's path.
    easy_read_bytes: raw('local-offer.easy'),
    easy_read_gzip: gz('local-offer.easy'),
  };
  const cssInJs = readFileSync(join(site, 'widget.css'));
  out.sizes.js_glue_gzip_without_css = Math.max(0, out.sizes.js_gzip - gzipSync(cssInJs, { level: 9 }).length);

  // Page load to ready, and the requests a first search makes (cold cache each time).
  const loads = [];
  let requests = [];
  for (let i = 0; i < 7; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const seen = [];
    page.on('request', (r) => seen.push(r.url()));
    // The moment the widget says it is ready, taken in the page (waiting for the selector from
    // outside would add the driver's polling delay).
    await page.addInitScript(() => {
      document.addEventListener('local-offer-search-ready', () => {
        window.__readyAt = performance.now();
      });
    });
    await page.goto(base);
    await page.waitForSelector('local-offer-search[data-state=ready]');
    loads.push(await page.evaluate(() => window.__readyAt));
    await page.locator('local-offer-search #los-q').fill('autism');
    await page.waitForTimeout(50);
    // The easy-read file is requested after ready (element.js), so it is counted apart.
    requests = seen.filter((u) => /local-offer/.test(u) && !u.endsWith('.easy'));
    out.sizes.easy_read_requests_after_ready = seen.filter((u) => u.endsWith('.easy')).length;
    await ctx.close();
  }
  out.timings.page_load_to_ready_ms_median = pct(loads, 50);

  // The same page without the widget: its script, wasm and index are blocked, so what is left
  // is the host page's own HTML, CSS and first frame. Ready minus this is the widget's own
  // share of the wait (the host page's part is the partner's, not the widget's).
  const bare = [];
  for (let i = 0; i < 7; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    // Blocked by the browser's network layer (a Playwright route would pass every request
    // through the driver and slow the page down).
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setBlockedURLs', {
      urls: ['*/local-offer-search*', '*/local-offer.idx', '*/local-offer.easy'],
    });
    // Its first frame: the first paint the browser reports (the same clock as ready).
    await page.addInitScript(() => {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.name === 'first-paint' && window.__firstFrameAt === undefined) {
            window.__firstFrameAt = e.startTime;
          }
        }
      }).observe({ type: 'paint', buffered: true });
    });
    await page.goto(base);
    await page.waitForFunction(() => window.__firstFrameAt !== undefined);
    bare.push(await page.evaluate(() => window.__firstFrameAt));
    await ctx.close();
  }
  out.timings.host_page_first_frame_ms_median = pct(bare, 50);
  out.timings.widget_share_of_ready_ms = out.timings.page_load_to_ready_ms_median - out.timings.host_page_first_frame_ms_median;
  out.sizes.first_search_requests = requests.length;
  out.sizes.first_search_gzip = out.sizes.js_gzip + out.sizes.wasm_gzip + out.sizes.index_gzip;

  // Compile + index load, and the search call across the JS↔wasm boundary.
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(base);
  await page.waitForSelector('local-offer-search[data-state=ready]');
  const engine = await page.evaluate(async (queries) => {
    const wasm = await (await fetch('local-offer-search_bg.wasm')).arrayBuffer();
    const idx = new Uint8Array(await (await fetch('local-offer.idx')).arrayBuffer());
    const compile = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await WebAssembly.compile(wasm);
      compile.push(performance.now() - t);
    }
    // The bare engine lives in the JavaScript API's build (the widget's wasm has none): the
    // same search code, without the widget.
    const api = await import(new URL('local-offer-search-api.mjs', location.href).href);
    const make = await api.bareEngine();
    const open = [];
    let e;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      e = make(idx);
      open.push(performance.now() - t);
    }
    // The widget warms the search up once it has painted, before anyone types; so here.
    e.warmUp();
    const calls = [];
    for (let pass = 0; pass < 5; pass++) {
      for (const q of queries) {
        for (let n = 1; n <= q.length; n++) {
          const t = performance.now();
          e.search(q.slice(0, n), 10);
          calls.push(performance.now() - t);
        }
      }
    }
    return { compile, open, calls };
  }, QUERIES);
  out.timings.compile_ms_median = pct(engine.compile, 50);
  out.timings.index_open_ms_median = pct(engine.open, 50);
  out.timings.compile_plus_open_ms = out.timings.compile_ms_median + out.timings.index_open_ms_median;
  out.timings.search_call_p50_ms = pct(engine.calls, 50);
  out.timings.search_call_p99_ms = pct(engine.calls, 99);

  // Keystroke to laid-out results: one input event (search + DOM update), then a forced style
  // and layout of the results, per character typed.
  const keys = await page.evaluate(async (queries) => {
    const host = document.querySelector('local-offer-search');
    const input = host.shadowRoot.querySelector('#los-q');
    const results = host.shadowRoot.querySelector('.los-results');
    const times = [];
    for (let pass = 0; pass < 3; pass++) {
      for (const q of queries) {
        input.value = '';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        for (let n = 1; n <= q.length; n++) {
          const t = performance.now();
          input.value = q.slice(0, n);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          void results.getBoundingClientRect().height;
          void document.body.offsetHeight;
          times.push(performance.now() - t);
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        }
      }
    }
    return times;
  }, QUERIES);
  out.timings.keystroke_to_layout_p50_ms = pct(keys, 50);
  out.timings.keystroke_to_layout_p99_ms = pct(keys, 99);
  out.timings.keystrokes_measured = keys.length;
  await ctx.close();
  await browser.close();
} finally {
  server.kill();
}

const kb = (b) => (b / 1024).toFixed(1);
const goal = (name, value, target, unit, ok) => out.goals.push({ name, value, target, unit, pass: ok });
const s = out.sizes;
const t = out.timings;
goal('wasm gzipped', kb(s.wasm_gzip), '85 KB (stretch 50)', 'KB', s.wasm_gzip <= 85 * 1024);
goal('JS gzipped (with the stylesheet in it)', kb(s.js_gzip), '5 KB + CSS', 'KB', s.js_glue_gzip_without_css <= 5 * 1024);
goal('CSS gzipped', kb(s.css_gzip), '4 KB', 'KB', s.css_gzip <= 4 * 1024);
goal('first search transfer, gzipped', kb(s.first_search_gzip), '140 KB', 'KB', s.first_search_gzip <= 140 * 1024);
goal('first search requests', s.first_search_requests, '3', '', s.first_search_requests <= 3);
goal('compile + index load', t.compile_plus_open_ms.toFixed(2), '15 ms', 'ms', t.compile_plus_open_ms <= 15);
goal('page load to ready', t.page_load_to_ready_ms_median.toFixed(1), '150 ms', 'ms', t.page_load_to_ready_ms_median <= 150);
goal('keystroke to results laid out, p99', t.keystroke_to_layout_p99_ms.toFixed(2), '16 ms', 'ms', t.keystroke_to_layout_p99_ms <= 16);
goal('search call across the boundary, p99', t.search_call_p99_ms.toFixed(3), '1 ms', 'ms', t.search_call_p99_ms <= 1);

console.log(`Widget benchmark (Chromium ${out.machine.chromium}, node ${out.machine.node})`);
console.log(`  wasm ${kb(s.wasm_bytes)} KB (${kb(s.wasm_gzip)} KB gzipped), script ${kb(s.js_bytes)} KB (${kb(s.js_gzip)} KB gzipped, of which glue ${kb(s.js_glue_gzip_without_css)} KB), CSS ${kb(s.css_gzip)} KB gzipped, index ${kb(s.index_bytes)} KB (${kb(s.index_gzip)} KB gzipped); kiosk wasm ${kb(s.kiosk_wasm_gzip)} KB gzipped`);
console.log(`  easy-read file ${kb(s.easy_read_bytes)} KB (${kb(s.easy_read_gzip)} KB gzipped), fetched after ready in ${s.easy_read_requests_after_ready} request; with it, a page load transfers ${kb(s.first_search_gzip + s.easy_read_gzip)} KB gzipped`);
console.log(`  page load to ready ${t.page_load_to_ready_ms_median.toFixed(1)} ms = the host page without the widget to its first paint ${t.host_page_first_frame_ms_median.toFixed(1)} ms + the widget's own share ${t.widget_share_of_ready_ms.toFixed(1)} ms (medians)`);
console.log(`  keystrokes measured: ${t.keystrokes_measured}; search p50 ${t.search_call_p50_ms.toFixed(3)} ms; keystroke p50 ${t.keystroke_to_layout_p50_ms.toFixed(2)} ms`);
for (const g of out.goals) {
  console.log(`  ${g.name.padEnd(42)} ${String(g.value).padStart(9)} ${g.unit.padEnd(3)} goal ≤ ${g.target.padEnd(18)} ${g.pass ? 'PASS' : 'MISS'}`);
}
mkdirSync(join(root, 'target', 'bench'), { recursive: true });
writeFileSync(join(root, 'target', 'bench', 'widget.json'), JSON.stringify(out, null, 2));
console.log('wrote target/bench/widget.json');
