#!/usr/bin/env node
// Local Offer Search side by side with its peers, in one run, on the same records and queries.
//
//   node benches/peers/run.mjs [--quick] [--engines a,b] [--datasets real,1k,...] [--delay MS]
//
// Datasets: the real Worcestershire Local Offer (data/) and synthetic Local Offers of 1k, 10k and
// 100k records (--quick: real, 1k and 10k), each written as TOML under target/bench/synth-N/ and
// indexed by our own index builder, so every engine indexes exactly the same records.
// Engines: ours (the site's wasm in headless Chromium; natively through the CLI for the relevance
// cross-check), ours chunked (the same records built with --chunked into a directory, read by the
// same wasm's chunked engine, fetching chunks as searches need them; its keystroke latency is
// timed on a second pass over the keystrokes, once the chunks they need are cached), MiniSearch, FlexSearch, Fuse.js, Lunr, Orama (in Chromium and in node) and
// Pagefind (its CLI, then its pagefind.js in Chromium). Each is also loaded once as from a CDN:
// every request waits --delay ms (or PEERS_DELAY_MS; 80 by default).
// Writes target/bench/peers.json (every number) and docs/BENCHMARKS.md (the tables; a run of only
// some engines or datasets writes its tables to target/bench/peers.md instead).

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { cdnLoad, launch, runJob, timeLoad } from './lib/browser.mjs';
import * as pagefind from './lib/pagefind.mjs';
import { loadRecords, toDoc } from './lib/records.mjs';
import { renderMarkdown } from './lib/report.mjs';
import { delayFrom, serve } from './lib/server.mjs';
import { latency, loadSuite, relevance } from './lib/suite.mjs';
import { fitHeaps, growth, oruk, recordText } from './lib/heaps.mjs';
import { CALIBRATION, SYNTH_TODAY, localOffer, rng, validateVocabulary, writeDataDir } from './lib/synth.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const SITE = join(ROOT, 'target', 'site');
const BENCH = join(ROOT, 'target', 'bench');
const WORK = join(BENCH, 'peers-work');
const SUITE = join(ROOT, 'index-builder', 'tests', 'relevance', 'queries.txt');
const CLI = join(ROOT, 'target', 'release', 'index-builder');
/** The real council feed the synthetic data is calibrated on (synth.mjs CALIBRATION). */
const FEED = resolve(ROOT, '..', 'shared', 'fixtures', 'oruk', 'councils', CALIBRATION.feed);

const JS_PEERS = ['minisearch', 'flexsearch', 'fuse', 'lunr', 'orama'];
/** Our engine on a chunked index (`index-builder build --chunked`). */
const CHUNKED = 'ours-chunked';
const ENGINES = ['ours', CHUNKED, ...JS_PEERS, 'pagefind'];
/** The query whose first results time "ready" and whose transfer is "a first search". */
const FIRST_QUERY = 'speech therapy';
/** What is typed after the first search on the CDN load: its first five keystrokes. */
const NEXT_QUERY = 'autism';
const NEXT_KEYSTROKES = [...NEXT_QUERY].slice(0, 5).map((_, i) => NEXT_QUERY.slice(0, i + 1));

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
if (flag('--help') || flag('-h')) {
  console.log('usage: node benches/peers/run.mjs [--quick] [--engines ours,ours-chunked,minisearch,...] [--datasets real,1k,10k,100k] [--delay MS] [--build-jobs N] [--no-site-build]\n'
    + '  --delay MS  the delay per request of the CDN load (default: env PEERS_DELAY_MS, else 80)\n'
    + '  --build-jobs N  builds run at a time (default 1: each build has the machine to itself)');
  process.exit(0);
}
const QUICK = flag('--quick');
/** The delay of every request on the CDN load (ms). */
const DELAY_MS = delayFrom(args);
const engines = (option('--engines')?.split(',') ?? ENGINES).filter((e) => ENGINES.includes(e));
const SIZES = { '1k': 1000, '10k': 10000, '100k': 100000 };
const datasetNames = option('--datasets')?.split(',') ?? (QUICK ? ['real', '1k', '10k'] : ['real', '1k', '10k', '100k']);
/** Search time each engine may spend typing queries, per dataset and place (ms). */
const BUDGET_MS = { real: QUICK ? 8000 : 15000, synth: QUICK ? 5000 : 10000 };
const budgetFor = (ds) => (ds.name === 'real' ? BUDGET_MS.real : BUDGET_MS.synth);
/** Loads timed and measured per engine and dataset (the medians are kept); on 100k records too. */
const LOAD_REPEATS = 3;
/**
 * Builds at a time (`--build-jobs N`): one by default, so each build's time is its own. Two at a
 * time finish sooner on this two-core machine, but each build then has half the cores, and its
 * time says more about its neighbour than about itself.
 */
const BUILD_JOBS = Math.max(1, Number(option('--build-jobs') ?? 1) || 1);

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)}s`;
const log = (msg) => console.log(`[peers ${elapsed()}] ${msg}`);

function run(cmd, argv, opts = {}) {
  return execFileSync(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 30, ...opts })?.toString() ?? '';
}

/** Runs a node child process; resolves to its JSON line or { error }. */
function child(argv, timeoutMs) {
  return new Promise((done) => {
    const p = spawn(process.execPath, ['--max-old-space-size=16384', '--expose-gc', join(HERE, 'lib', 'child.mjs'), ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop();
      if (code === 0 && line) {
        try {
          done(JSON.parse(line));
          return;
        } catch {}
      }
      const why = signal === 'SIGKILL' ? `over ${timeoutMs / 1000} s` : (err.trim().split('\n').filter((l) => /Error|error|heap/.test(l)).pop() ?? `exit ${code}`);
      done({ error: why.slice(0, 200) });
    });
  });
}

/** The files of a list of requested URL paths, and their sums (each file as often as fetched). */
function transfer(paths) {
  const files = paths.map((p) => ({ path: p, ...fileSizes(srvFileFor(p)) }));
  return { files, requests: files.length, rawBytes: files.reduce((n, f) => n + f.raw, 0), gzipBytes: files.reduce((n, f) => n + f.gzip, 0) };
}
let srvFileFor = () => null;

const gzipCache = new Map();
function fileSizes(file) {
  if (!gzipCache.has(file)) {
    const bytes = readFileSync(file);
    // Files that are compressed already (Pagefind's) are sent as they are.
    gzipCache.set(file, { raw: bytes.length, gzip: Math.min(bytes.length, gzipSync(bytes, { level: 6 }).length) });
  }
  return gzipCache.get(file);
}

function versionOf(pkg) {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

function machine(chromium) {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  let commit = '';
  try {
    commit = run('git', ['describe', '--always', '--dirty', '--abbrev=12']).trim();
  } catch {}
  return {
    cpu: model,
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    chromium,
    commit,
  };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  log(`datasets ${datasetNames.join(', ')}; engines ${engines.join(', ')}${QUICK ? ' (quick)' : ''}`);
  mkdirSync(WORK, { recursive: true });

  // Our site (its wasm must read the indexes this run builds) and our index builder.
  const wasm = join(SITE, 'local-offer-search_bg.wasm');
  const missing = !existsSync(join(SITE, 'local-offer-search.js')) || !existsSync(wasm) || !existsSync(join(SITE, 'local-offer.idx'));
  const stale = !missing && newest(['src', 'data', 'www', 'Cargo.lock'].map((p) => join(ROOT, p))) > statSync(wasm).mtimeMs;
  if ((missing || stale) && !flag('--no-site-build')) {
    log(`target/site is ${missing ? 'missing' : 'older than src/, data/ or www/'}: cargo xtask demo --no-serve`);
    try {
      run('cargo', ['xtask', 'demo', '--no-serve'], { stdio: ['ignore', 'inherit', 'inherit'] });
    } catch (e) {
      if (missing) throw e;
      log('warning: the site did not build; going on with the site as it was');
    }
  }
  log('cargo build --release -p index-builder');
  run('cargo', ['build', '--release', '-q', '-p', 'index-builder'], { stdio: ['ignore', 'inherit', 'inherit'] });

  const cases = existsSync(SUITE) ? loadSuite(SUITE) : [];
  if (!cases.length) log(`warning: no relevance suite at ${relative(ROOT, SUITE)}; relevance is skipped`);
  // The family queries in a fixed shuffled order, so an engine that runs out of its search
  // budget has typed a sample of them rather than only the first group of the suite.
  const suiteQueries = shuffle([...new Set(cases.map((c) => c.query))], 7);
  const typing = {
    real: suiteQueries,
    // On the synthetic Local Offers, every third family query, typed the same way.
    synth: suiteQueries.filter((_, i) => i % 3 === 0),
  };
  if (!typing.real.length) typing.real = typing.synth = ['speech therapy', 'short breaks', 'autism assessment', 'chams'];

  // Datasets: records → docs (what the peers index) and our index.
  validateVocabulary();
  const datasets = [];
  for (const name of datasetNames) {
    const dir = join(WORK, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    let records, dataDir, label;
    if (name === 'real') {
      dataDir = join(ROOT, 'data');
      records = loadRecords(dataDir);
      label = 'Worcestershire Local Offer (data/)';
    } else if (SIZES[name]) {
      dataDir = join(BENCH, `synth-${name}`);
      records = localOffer(SIZES[name]);
      writeDataDir(dataDir, records);
      label = `Synthetic Local Offer, ${SIZES[name].toLocaleString('en-GB')} records`;
    } else {
      throw new Error(`unknown dataset ${name}`);
    }
    const docs = records.map(toDoc);
    const distinctTerms = growth(records.map(recordText)).at(-1);
    writeFileSync(join(dir, 'docs.json'), JSON.stringify(docs));
    if (engines.includes('pagefind')) pagefind.writePages(docs, join(dir, 'pagefind-site'));
    // The real dataset is served as the site ships it; the synthetic ones as built below.
    const served = name === 'real' && existsSync(join(SITE, 'local-offer.idx')) ? '/site/local-offer.idx' : `/work/${name}/local-offer.idx`;
    const chunkedIndex = `/work/${name}/chunked/manifest.lom`;
    datasets.push({ name, label, records: records.length, distinctTerms, dir, dataDir: relative(ROOT, dataDir), ourIndex: served, chunkedIndex, engines: {} });
    log(`${name}: ${records.length} records written`);
  }

  // Every index: ours with our index builder, the JavaScript peers' each in its own node
  // process, Pagefind's with its CLI.
  const builds = [];
  for (const ds of datasets) {
    const synth = ds.name !== 'real';
    const idx = join(ds.dir, 'local-offer.idx');
    if (engines.includes('ours')) {
      builds.push(async () => {
        const r = await timed(CLI, ['build', '--single', '--data', join(ROOT, ds.dataDir), '--out', idx, ...(synth ? ['--today', SYNTH_TODAY] : [])]);
        ds.engines.ours = r.error ? { error: `build: ${r.error}` } : { build: { ms: r.ms, bytes: statSync(idx).size } };
        log(`${ds.name}: ours built ${r.error ? `— FAILED ${r.error}` : `in ${(r.ms / 1000).toFixed(1)} s (${statSync(idx).size} bytes)`}`);
      });
    }
    if (engines.includes(CHUNKED)) {
      const out = join(ds.dir, 'chunked');
      builds.push(async () => {
        const r = await timed(CLI, ['build', '--chunked', '--data', join(ROOT, ds.dataDir), '--out', out, ...(synth ? ['--today', SYNTH_TODAY] : [])]);
        if (r.error) {
          ds.engines[CHUNKED] = { error: `build: ${r.error}` };
        } else {
          const chunks = readdirSync(join(out, 'chunks'));
          const bytes = chunks.reduce((n, f) => n + statSync(join(out, 'chunks', f)).size, statSync(join(out, 'manifest.lom')).size);
          ds.engines[CHUNKED] = { build: { ms: r.ms, bytes, files: chunks.length + 1, manifest: fileSizes(join(out, 'manifest.lom')) } };
        }
        log(`${ds.name}: ours chunked built ${r.error ? `— FAILED ${r.error}` : `in ${(r.ms / 1000).toFixed(1)} s (${ds.engines[CHUNKED].build.files} files, ${ds.engines[CHUNKED].build.bytes} bytes)`}`);
      });
    }
    for (const peer of engines.filter((e) => JS_PEERS.includes(e))) {
      builds.push(async () => {
        const r = await child(['build', peer, join(ds.dir, 'docs.json'), join(ds.dir, peer)], 15 * 60_000);
        ds.engines[peer] = r.error ? { error: `build: ${r.error}` } : { build: { ms: r.buildMs, sizes: r.sizes } };
        log(`${ds.name}: ${peer} built ${r.error ? `— FAILED ${r.error}` : `in ${(r.buildMs / 1000).toFixed(1)} s`}`);
      });
    }
    if (engines.includes('pagefind')) {
      builds.push(async () => {
        const r = await timed(join(ROOT, 'node_modules', '.bin', 'pagefind'), ['--site', join(ds.dir, 'pagefind-site'), '--quiet']);
        ds.engines.pagefind = r.error ? { error: `build: ${r.error}` } : { build: { ms: r.ms } };
        log(`${ds.name}: pagefind built ${r.error ? `— FAILED ${r.error}` : `in ${(r.ms / 1000).toFixed(1)} s`}`);
      });
    }
  }
  // Biggest datasets first, so that with several workers they finish together.
  await pool(builds.reverse(), BUILD_JOBS);
  for (const ds of datasets) {
    const ordered = {};
    for (const e of engines) ordered[e] = ds.engines[e] ?? { error: 'not built' };
    ds.engines = ordered;
  }

  // The peers' browser bundles: the library and its adapter, minified.
  const bundles = join(WORK, 'bundles');
  mkdirSync(bundles, { recursive: true });
  for (const peer of engines.filter((e) => JS_PEERS.includes(e))) {
    await esbuild({
      stdin: { contents: `import { open } from './${peer}.mjs'; window.__peerOpen = open;`, resolveDir: join(HERE, 'peers'), loader: 'js' },
      bundle: true, minify: true, format: 'iife', platform: 'browser', target: 'es2020', legalComments: 'none',
      outfile: join(bundles, `${peer}.js`), logLevel: 'error',
    });
  }

  // Browser runs.
  const srv = await serve({ '/harness/': join(HERE, 'browser'), '/site/': SITE, '/work/': WORK }, { delayMs: DELAY_MS });
  srvFileFor = srv.fileFor;
  const browser = await launch();
  const chromiumVersion = browser.version();
  try {
    for (const ds of datasets) {
      const real = ds.name === 'real';
      for (const engine of engines) {
        const e = ds.engines[engine] ?? (ds.engines[engine] = {});
        if (e.error) continue;
        const opts = engine === 'ours' ? { index: ds.ourIndex }
          : engine === CHUNKED ? { index: ds.chunkedIndex }
          : engine === 'pagefind' ? { base: `/work/${ds.name}/pagefind-site/pagefind/` }
          : { bundle: `/work/bundles/${engine}.js`, base: `/work/${ds.name}/${engine}/` };
        const kind = engine === 'ours' || engine === CHUNKED ? 'ours' : engine === 'pagefind' ? 'pagefind' : 'peer';
        const keystrokes = real ? typing.real : typing.synth;
        try {
          const r = await runJob(browser, srv.url, {
            kind, opts, first: FIRST_QUERY, keystrokes, budgetMs: budgetFor(ds),
            // Chunked: the keystrokes typed once to fetch their chunks, then timed.
            warmTyping: engine === CHUNKED,
            relevance: real && cases.length ? cases.map((c) => c.query) : null,
          }, log);
          // Loading is timed and its memory measured again in fresh contexts; the medians are kept
          // (memory: the load whose total is the median, with its parts).
          const loads = [{ readyMs: r.readyMs, firstResultsMs: r.firstResultsMs, memory: r.memory }];
          for (let i = 1; i < LOAD_REPEATS; i++) loads.push(await timeLoad(browser, srv.url, { kind, opts, first: FIRST_QUERY }));
          r.readyMs = median(loads.map((l) => l.readyMs));
          r.firstResultsMs = median(loads.map((l) => l.firstResultsMs));
          const totals = loads.map((l) => l.memory.totalBytes);
          r.memory = { ...loads.find((l) => l.memory.totalBytes === median(totals)).memory, samples: totals };
          e.transfer = transfer(r.requests);
          // As from a CDN: the first search and the next five keystrokes, every request delayed.
          const c = await cdnLoad(browser, srv.url, { kind, opts, first: FIRST_QUERY, next: NEXT_KEYSTROKES });
          e.cdn = {
            delayMs: DELAY_MS,
            firstResultsMs: c.firstResultsMs,
            first: transfer(c.requests),
            next: { ...transfer(c.next.flatMap((k) => k.requests)), ms: c.next.reduce((n, k) => n + k.ms, 0), keystrokes: c.next.map((k) => ({ query: k.query, ms: round3(k.ms), requests: k.requests.length })) },
          };
          const prefixes = keystrokes.flatMap((q) => [...q].map((_, i) => q.slice(0, i + 1)));
          const slowest = r.keystrokes.times.map((ms, i) => ({ ms, prefix: prefixes[i] })).sort((x, y) => y.ms - x.ms).slice(0, 8);
          e.browser = {
            readyMs: r.readyMs, firstResultsMs: r.firstResultsMs, loads: loads.length, memory: r.memory,
            latency: { ...latency(r.keystrokes.times), queries: r.keystrokes.queries, of: keystrokes.length, ofKeystrokes: prefixes.length }, slowest,
            errors: r.errors.slice(0, 5),
            times: r.keystrokes.times.map(round3),
          };
          if (r.coldKeystrokes) {
            // The first pass, fetching the chunks (from the server on this machine, no delay).
            e.browser.coldLatency = { ...latency(r.coldKeystrokes.times), queries: r.coldKeystrokes.queries, of: keystrokes.length, ofKeystrokes: prefixes.length };
          }
          if (r.top) {
            e.tops = r.top;
            e.relevance = relevance(cases, r.top);
          }
          log(`${ds.name}: ${engine} in Chromium — ${(e.transfer.gzipBytes / 1024).toFixed(0)} KiB gz, first results ${r.firstResultsMs.toFixed(0)} ms, `
            + `p50 ${e.browser.latency.p50?.toFixed(3)} ms, p99 ${e.browser.latency.p99?.toFixed(2)} ms over ${e.browser.latency.keystrokes} keystrokes`
            + (e.browser.coldLatency ? ` (first pass, fetching chunks: p99 ${e.browser.coldLatency.p99?.toFixed(2)} ms)` : '')
            + (e.relevance ? `, recall@3 ${e.relevance.recallAt3.toFixed(3)}` : '')
            + `; memory ${(r.memory.totalBytes / 2 ** 20).toFixed(1)} MiB (of ${totals.map((t) => (t / 2 ** 20).toFixed(1)).join(', ')})`
            + `; CDN (${DELAY_MS} ms): first results ${c.firstResultsMs.toFixed(0)} ms in ${e.cdn.first.requests} requests, next 5 keystrokes ${e.cdn.next.requests} requests, ${(e.cdn.next.gzipBytes / 1024).toFixed(0)} KiB gz, ${e.cdn.next.ms.toFixed(0)} ms`);
        } catch (err) {
          e.error = `browser: ${String(err.message).split('\n')[0].slice(0, 200)}`;
          log(`${ds.name}: ${engine} in Chromium FAILED ${e.error}`);
        }
      }
    }
  } finally {
    await browser.close();
    await srv.close();
  }

  // Node runs of the JS peers.
  for (const ds of datasets) {
    const keystrokes = ds.name === 'real' ? typing.real : typing.synth;
    const jobFile = join(ds.dir, 'node-job.json');
    writeFileSync(jobFile, JSON.stringify({ first: FIRST_QUERY, keystrokes, budgetMs: budgetFor(ds) }));
    for (const peer of engines.filter((e) => JS_PEERS.includes(e))) {
      const e = ds.engines[peer];
      if (!e || e.error?.startsWith('build')) continue;
      const r = await child(['bench', peer, join(ds.dir, peer), jobFile], 10 * 60_000);
      if (r.error) {
        e.node = { error: r.error };
        log(`${ds.name}: ${peer} in node FAILED ${r.error}`);
        continue;
      }
      const total = keystrokes.reduce((n, q) => n + q.length, 0);
      e.node = { firstResultsMs: r.firstResultsMs, heapBytes: r.heapBytes, latency: { ...latency(r.times), queries: r.queries, of: keystrokes.length, ofKeystrokes: total }, times: r.times.map(round3) };
      log(`${ds.name}: ${peer} in node — p50 ${e.node.latency.p50.toFixed(3)} ms, p99 ${e.node.latency.p99.toFixed(2)} ms`);
    }
  }

  // Our engine natively (the CLI runs exactly the widget's search): the relevance cross-check.
  const realDs = datasets.find((d) => d.name === 'real');
  if (realDs && cases.length && engines.includes('ours')) {
    const idx = realDs.ourIndex.startsWith('/site/') ? join(SITE, 'local-offer.idx') : join(realDs.dir, 'local-offer.idx');
    const tops = cases.map((c) => JSON.parse(run(CLI, ['search', '--index', idx, '--json', '--limit', '10', c.query])).map((h) => h.id));
    const ours = realDs.engines.ours;
    ours.native = { relevance: relevance(cases, tops) };
    if (ours.tops) {
      ours.native.differsFromWasm = cases.map((c, i) => ({ query: c.query, wasm: ours.tops[i].slice(0, 3), native: tops[i].slice(0, 3) }))
        .filter((d) => d.wasm.join() !== d.native.join());
    }
    log(`real: ours natively — recall@3 ${ours.native.relevance.recallAt3.toFixed(3)}${ours.native.differsFromWasm ? `, ${ours.native.differsFromWasm.length} queries differ from the wasm top 3` : ''}`);
  }

  // The real feed the synthetic data follows: its curve of distinct terms, for the report.
  let calibration = { ...CALIBRATION };
  if (existsSync(FEED)) {
    const curve = growth(oruk(FEED).map((s) => s.text));
    calibration = { ...calibration, feedRecords: curve.length, feedDistinct: curve.at(-1), fit: fitHeaps(curve) };
  }

  // Results.
  const versions = { 'local-offer-search': crateVersion() };
  for (const [engine, pkg] of [['minisearch', 'minisearch'], ['flexsearch', 'flexsearch'], ['fuse', 'fuse.js'], ['lunr', 'lunr'], ['orama', '@orama/orama'], ['pagefind', 'pagefind']]) {
    if (engines.includes(engine)) versions[pkg] = versionOf(pkg);
  }
  versions['playwright-core'] = versionOf('playwright-core');
  versions.esbuild = versionOf('esbuild');
  const config = { ours: 'as a library, as the peers are: the JavaScript API\'s module and wasm as built (target/site: local-offer-search-api.mjs + local-offer-search-api_bg.wasm) + the index (`index-builder build --single`); the bare engine from `bareEngine()`, search(query, 10)' };
  if (engines.includes(CHUNKED)) {
    config[CHUNKED] = 'the same module and wasm; the same records built with `index-builder build --chunked` into a directory (manifest.lom + chunks/), served as files; `bareEngine()` opens the manifest into its chunked engine, whose search(query, 10) fetches the chunks the search reports missing, all of a round in parallel, round after round until nothing is missing (each chunk once, kept in memory); keystroke latency timed on a second pass over the same keystrokes, once their chunks are cached';
  }
  for (const peer of JS_PEERS) if (engines.includes(peer)) config[peer] = (await import(`./peers/${peer}.mjs`)).config;
  if (engines.includes('pagefind')) config.pagefind = pagefind.config;
  const result = {
    generatedAt: new Date().toISOString(),
    durationS: (performance.now() - started) / 1000,
    quick: QUICK,
    command: `node benches/peers/run.mjs${args.length ? ` ${args.join(' ')}` : ''}`,
    machine: machine(chromiumVersion),
    versions,
    config,
    firstQuery: FIRST_QUERY,
    nextKeystrokes: NEXT_KEYSTROKES,
    delayMs: DELAY_MS,
    loadRepeats: LOAD_REPEATS,
    budgetMs: BUDGET_MS,
    buildJobs: BUILD_JOBS,
    typed: { real: typing.real, synth: typing.synth },
    calibration,
    suite: { file: relative(ROOT, SUITE), queries: cases.length, typoQueries: cases.filter((c) => c.typo).length },
    datasets: datasets.map(({ docs, dir, ...d }) => {
      for (const e of Object.values(d.engines)) delete e.tops;
      return d;
    }),
  };
  mkdirSync(BENCH, { recursive: true });
  writeFileSync(join(BENCH, 'peers.json'), `${JSON.stringify(result, null, 1)}\n`);
  // Only a run of every engine on every dataset redoes docs/BENCHMARKS.md: a part of one would
  // drop the other engines' rows and datasets' tables. A part's tables go beside peers.json.
  const whole = !QUICK && ENGINES.every((e) => engines.includes(e))
    && ['real', '1k', '10k', '100k'].every((d) => datasetNames.includes(d));
  const md = whole ? join(ROOT, 'docs', 'BENCHMARKS.md') : join(BENCH, 'peers.md');
  writeFileSync(md, renderMarkdown(result) + (whole ? keptByHand(md) : ''));
  log(`wrote target/bench/peers.json and ${relative(ROOT, md)} in ${result.durationS.toFixed(0)} s`
    + (whole ? '' : ' (a part of the engines or datasets: docs/BENCHMARKS.md is left as it is)'));
}

/** Sections of BENCHMARKS.md measured by other means (build and test times, the family
 * relevance suite): everything from this marker on is kept as it is when the tables are redone. */
const KEPT_MARKER = '<!-- Kept by hand from here on: benches/peers/run.mjs leaves what follows as it is. -->';

function keptByHand(file) {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(KEPT_MARKER);
  return at < 0 ? '' : `\n${text.slice(at)}`;
}

const round3 = (x) => Math.round(x * 1000) / 1000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** A fixed shuffle (the same order on every run). */
function shuffle(items, seed) {
  const r = rng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.below(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Runs the async `tasks` with at most `n` at a time. */
async function pool(tasks, n) {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, worker));
}

/** Runs a command; resolves to { ms } or { error }. */
function timed(cmd, argv) {
  return new Promise((done) => {
    const t = performance.now();
    const p = spawn(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => { err += d; });
    p.on('error', (e) => done({ error: e.message }));
    p.on('close', (code) => done(code === 0 ? { ms: performance.now() - t } : { error: (err.trim().split('\n').pop() || `exit ${code}`).slice(0, 200) }));
  });
}

/** The newest modification time of the files under `paths`. */
function newest(paths) {
  let t = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const st = statSync(p);
    if (st.isDirectory()) t = Math.max(t, newest(readdirSync(p).map((n) => join(p, n))));
    else if (!p.endsWith('.md')) t = Math.max(t, st.mtimeMs);
  }
  return t;
}

function crateVersion() {
  const toml = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8');
  return /^version\s*=\s*"([^"]+)"/m.exec(toml)?.[1] ?? 'unknown';
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
