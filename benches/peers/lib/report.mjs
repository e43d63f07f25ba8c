// docs/BENCHMARKS.md from the results of one run (target/bench/peers.json).

import { latency as latencyOf } from './suite.mjs';

const LABELS = {
  ours: 'Local Offer Search (ours)',
  'ours-chunked': 'Local Offer Search, chunked (ours)',
  minisearch: 'MiniSearch',
  flexsearch: 'FlexSearch',
  fuse: 'Fuse.js',
  lunr: 'Lunr',
  orama: 'Orama',
  pagefind: 'Pagefind',
};

/** The measures of the tables: how to read each from an engine's results, and which way is better. */
const MEASURES = [
  { key: 'transfer', head: 'first search transfers (gzip)', get: (e) => e.transfer?.gzipBytes, fmt: bytes, lower: true },
  { key: 'ready', head: 'start → first results', get: (e) => e.browser?.firstResultsMs, fmt: ms, lower: true },
  { key: 'p50', head: 'keystroke p50, Chromium', get: (e) => e.browser?.latency?.p50, fmt: ms, lower: true },
  { key: 'p99', head: 'keystroke p99, Chromium', get: (e) => e.browser?.latency?.p99, fmt: ms, lower: true },
  { key: 'nodeP50', head: 'keystroke p50, node', get: (e) => e.node?.latency?.p50, fmt: ms, lower: true },
  { key: 'nodeP99', head: 'keystroke p99, node', get: (e) => e.node?.latency?.p99, fmt: ms, lower: true },
  { key: 'memory', head: 'memory after load', get: (e) => e.browser?.memory?.totalBytes, fmt: bytes, lower: true },
  { key: 'recall', head: 'recall@3', get: (e) => e.relevance?.recallAt3, fmt: fixed3, lower: false, real: true },
  { key: 'mrr', head: 'MRR', get: (e) => e.relevance?.mrr, fmt: fixed3, lower: false, real: true },
  { key: 'typo', head: 'typo queries answered', get: (e) => e.relevance?.typoAnswered, fmt: pct, lower: false, real: true },
  { key: 'build', head: 'index build', get: (e) => e.build?.ms, fmt: secs, lower: true, info: true },
  // As from a CDN (every request delayed; the delay is in the text above the tables).
  { key: 'requests', head: 'first search requests', get: (e) => e.transfer?.requests, fmt: count, lower: true },
  { key: 'cdnReady', head: 'first results, CDN delay', get: (e) => e.cdn?.firstResultsMs, fmt: ms, lower: true },
  { key: 'nextBytes', head: 'next 5 keystrokes transfer (gzip)', get: (e) => e.cdn?.next?.gzipBytes, fmt: bytes, lower: true },
  { key: 'nextRequests', head: 'next 5 keystrokes requests', get: (e) => e.cdn?.next?.requests, fmt: count, lower: true },
  { key: 'nextMs', head: 'next 5 keystrokes time, CDN delay', get: (e) => e.cdn?.next?.ms, fmt: ms, lower: true },
];

function sig(x, digits = 3) {
  if (x === 0) return '0';
  const d = Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(x))));
  return x.toFixed(Math.min(d, 3));
}
function bytes(b) {
  if (b < 1024) return `${b} B`;
  if (b < 1024 ** 2) return `${sig(b / 1024)} KiB`;
  if (b < 1024 ** 3) return `${sig(b / 1024 ** 2)} MiB`;
  return `${sig(b / 1024 ** 3)} GiB`;
}
function ms(x) {
  return x >= 1000 ? `${sig(x / 1000)} s` : `${sig(x)} ms`;
}
function secs(x) {
  return `${sig(x / 1000)} s`;
}
function count(x) {
  return String(x);
}
function fixed3(x) {
  return x.toFixed(3);
}
function pct(x) {
  return `${Math.round(x * 100)}%`;
}
function ratio(r) {
  if (!Number.isFinite(r)) return '—';
  return r >= 100 ? `${Math.round(r)}×` : r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(2)}×`;
}

/** Our engines (the single file and the chunked index): never a peer. */
const isOurs = (name) => name === 'ours' || name === 'ours-chunked';

/** The best peer's value of a measure on a dataset, and which peer. */
function bestPeer(ds, m) {
  let best = null;
  for (const [name, e] of Object.entries(ds.engines)) {
    if (isOurs(name)) continue;
    const v = m.get(e);
    if (v == null || !Number.isFinite(v)) continue;
    if (!best || (m.lower ? v < best.value : v > best.value)) best = { name, value: v };
  }
  return best;
}

function cell(ds, m, e) {
  const v = m.get(e);
  if (v == null || !Number.isFinite(v)) return '—';
  const best = bestPeer(ds, m);
  if (!best || best.value === 0) return m.fmt(v);
  return `${m.fmt(v)} (${ratio(v / best.value)})`;
}

function table(ds) {
  const real = ds.name === 'real';
  const measures = MEASURES.filter((m) => real || !m.real);
  const lines = [
    `| engine | ${measures.map((m) => m.head).join(' | ')} |`,
    `| --- | ${measures.map(() => '---:').join(' | ')} |`,
  ];
  for (const [name, e] of Object.entries(ds.engines)) {
    const label = isOurs(name) ? `**${LABELS[name]}**` : LABELS[name] ?? name;
    if (e.error && !e.browser) {
      lines.push(`| ${label} | ${measures.map((m, i) => (i === 0 ? `failed: ${e.error}` : m.key === 'build' ? cell(ds, m, e) : '—')).join(' | ')} |`);
      continue;
    }
    lines.push(`| ${label} | ${measures.map((m) => cell(ds, m, e)).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Where our engine leads and trails the best peer, measure by measure. */
function standing(result) {
  const lead = [];
  const trail = [];
  for (const ds of result.datasets) {
    for (const [name, which] of [['ours', ''], ['ours-chunked', ', chunked']]) {
      const ours = ds.engines[name];
      if (!ours || ours.error) continue;
      for (const m of MEASURES) {
        if (m.key.startsWith('node') || m.info) continue;
        const v = m.get(ours);
        const best = bestPeer(ds, m);
        if (v == null || !best) continue;
        const r = best.value === 0 ? Infinity : v / best.value;
        const text = `${ds.short}${which}: ${m.head} — ours ${m.fmt(v)}, best peer ${LABELS[best.name]} ${m.fmt(best.value)} (${ratio(r)})`;
        const better = m.lower ? v < best.value : v > best.value;
        const equal = v === best.value;
        if (equal) lead.push(`${text}, level`);
        else (better ? lead : trail).push(text);
      }
    }
  }
  return { lead, trail };
}

/**
 * The chunked index against the goals of issue #17, within this run: its first search transfers
 * no more than Pagefind's (and at most 300 KiB at 100k records); at 100k its memory after load is
 * at most 0.75× the best peer's and its keystroke p99 in Chromium, once chunks are cached, at most
 * 0.5× the best peer's; and 100k records build in at most 30 s.
 */
function chunkedGoals(result) {
  const rows = [];
  const goals = [];
  const memory = MEASURES.find((m) => m.key === 'memory');
  const p99 = MEASURES.find((m) => m.key === 'p99');
  for (const ds of result.datasets) {
    const c = ds.engines['ours-chunked'];
    if (!c || c.error || !c.transfer) continue;
    const pf = ds.engines.pagefind;
    const single = ds.engines.ours;
    const indexBytes = c.transfer.files.filter((f) => !f.path.startsWith('/site/')).reduce((n, f) => n + f.gzip, 0);
    const num = (x, fmt) => (x == null || !Number.isFinite(x) ? '—' : fmt(x));
    rows.push(`| ${ds.short} | ${bytes(c.transfer.gzipBytes)} (index ${bytes(indexBytes)}) | ${num(pf?.transfer?.gzipBytes, bytes)} | ${num(single?.transfer?.gzipBytes, bytes)} `
      + `| ${c.transfer.requests} | ${num(c.cdn?.firstResultsMs, ms)} | ${num(pf?.cdn?.firstResultsMs, ms)} `
      + `| ${num(c.cdn?.next?.gzipBytes, bytes)}, ${c.cdn?.next?.requests ?? '—'} requests, ${num(c.cdn?.next?.ms, ms)} `
      + `| ${num(c.browser?.memory?.totalBytes, bytes)} | ${num(c.browser?.latency?.p99, ms)} (first pass ${num(c.browser?.coldLatency?.p99, ms)}) |`);
    const verdict = (ok) => (ok ? '**pass**' : '**miss**');
    const pfBytes = pf?.transfer?.gzipBytes;
    if (ds.name === '10k' || ds.name === '100k') {
      if (pfBytes) goals.push(`${ds.short}: first search ${bytes(c.transfer.gzipBytes)} against Pagefind's ${bytes(pfBytes)} (${ratio(c.transfer.gzipBytes / pfBytes)}): ${verdict(c.transfer.gzipBytes <= pfBytes)}`);
      else goals.push(`${ds.short}: first search ${bytes(c.transfer.gzipBytes)}; Pagefind not measured in this run`);
    }
    if (ds.name === '100k') {
      goals.push(`${ds.short}: first search ${bytes(c.transfer.gzipBytes)} against 300 KiB: ${verdict(c.transfer.gzipBytes <= 300 * 1024)}`);
      const bm = bestPeer(ds, memory);
      const v = memory.get(c);
      if (bm && v != null) goals.push(`${ds.short}: memory after load ${bytes(v)} against 0.75× the best peer's (${LABELS[bm.name]} ${bytes(bm.value)}: ${bytes(0.75 * bm.value)}), ${ratio(v / bm.value)}: ${verdict(v <= 0.75 * bm.value)}`);
      const bp = bestPeer(ds, p99);
      const t = p99.get(c);
      if (bp && t != null) goals.push(`${ds.short}: keystroke p99 once cached ${ms(t)} against 0.5× the best peer's (${LABELS[bp.name]} ${ms(bp.value)}: ${ms(0.5 * bp.value)}), ${ratio(t / bp.value)}: ${verdict(t <= 0.5 * bp.value)}`);
      const built = c.build?.ms;
      if (built != null) goals.push(`${ds.short}: build ${ms(built)} against 30 s (${result.buildJobs === 1 ? 'each build alone' : `${result.buildJobs} builds at a time`}): ${verdict(built <= 30_000)}`);
    }
  }
  return { rows, goals };
}

export function renderMarkdown(result) {
  const short = { real: 'real data' };
  for (const ds of result.datasets) ds.short = short[ds.name] ?? `synthetic ${ds.name}`;
  const { lead, trail } = standing(result);
  const m = result.machine;
  const out = [];
  out.push('# Benchmarks: Local Offer Search and its peers');
  out.push('');
  out.push('<!-- Generated by `node benches/peers/run.mjs` (also run by `cargo xtask bench`); do not edit by hand above the "Kept by hand" marker near the end. -->');
  out.push('');
  out.push(`Our engine and six client-side search libraries, in one run, on the same records and the same queries. `
    + `Generated ${result.generatedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} by \`${result.command}\` in ${Math.round(result.durationS)} s; `
    + 'every number is also in `target/bench/peers.json`.');
  out.push('');
  out.push(`**Machine:** ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; node ${m.node}; Chromium ${m.chromium} (headless, Debian's). Code: \`${m.commit || 'unknown'}\`.`);
  out.push('');
  out.push(`**Versions:** ${Object.entries(result.versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  out.push('');
  out.push('Each figure is followed by its ratio to the best peer on that measure (the best of the six other engines, so the best peer shows 1.00×). '
    + 'For sizes and times, below 1× is better; for relevance, above 1× is better.');
  if (result.delayMs != null) {
    out.push('');
    out.push(`**As from a CDN:** the last five columns come from one more load in a fresh context in which the server holds every request ${result.delayMs} ms before answering (\`--delay\`, env \`PEERS_DELAY_MS\`), `
      + `as a CDN far away would: the first search (\`${result.firstQuery}\`), then the next five keystrokes (${result.nextKeystrokes.map((k) => `\`${k}\``).join(', ')}), searched one after another. `
      + 'The other columns are measured with no delay.');
  }
  out.push('');
  for (const ds of result.datasets) {
    out.push(`## ${ds.label}`);
    out.push('');
    out.push(`${ds.records.toLocaleString('en-GB')} records (\`${ds.dataDir}\`).`);
    out.push('');
    out.push(table(ds));
    out.push('');
    const cut = (l) => l && l.keystrokes < l.ofKeystrokes;
    const budget = (ds.name === 'real' ? result.budgetMs.real : result.budgetMs.synth) / 1000;
    const ours = ds.engines.ours;
    const same = (place, n) => {
      const t = ours?.[place]?.times;
      if (!t || t.length < n) return '';
      const l = latencyOf(t.slice(0, n));
      return ` (ours in Chromium on the same keystrokes: p50 ${ms(l.p50)}, p99 ${ms(l.p99)})`;
    };
    const typed = Object.entries(ds.engines).flatMap(([n, e]) => [
      cut(e.browser?.latency) ? `${LABELS[n]} in Chromium ${e.browser.latency.keystrokes} of ${e.browser.latency.ofKeystrokes}${n === 'ours' ? '' : same('browser', e.browser.latency.keystrokes)}` : null,
      cut(e.node?.latency) ? `${LABELS[n]} in node ${e.node.latency.keystrokes} of ${e.node.latency.ofKeystrokes}${same('browser', e.node.latency.keystrokes)}` : null,
    ]).filter(Boolean);
    if (typed.length) out.push(`Keystrokes typed within the ${budget} s search budget: ${typed.join('; ')}. The p50 and p99 of those are over the keystrokes typed, which are the first ones of the same sequence for every engine.\n`);
    const nodeErr = Object.entries(ds.engines).filter(([, e]) => e.node?.error).map(([n, e]) => `${LABELS[n]} in node: ${e.node.error}`);
    const brErr = Object.entries(ds.engines).filter(([, e]) => e.error && e.browser).map(([n, e]) => `${LABELS[n]}: ${e.error}`);
    if (nodeErr.length || brErr.length) out.push(`Failures: ${[...brErr, ...nodeErr].join('; ')}.\n`);
  }
  const chunked = chunkedGoals(result);
  if (chunked.rows.length) {
    out.push('## The chunked index against the goals');
    out.push('');
    out.push('Our engine on a chunked index (`index-builder build --chunked`: `manifest.lom` and `chunks/`), beside Pagefind and our single file in the same run. '
      + 'First search: every file until the first results, gzip, with our script and wasm (the index files alone in brackets). '
      + `First results and the next five keystrokes are on the load with the CDN delay (${result.delayMs ?? 80} ms a request). `
      + 'Keystroke p99: the second pass over the keystrokes, once their chunks are cached (the first pass, which fetches them from the server on this machine with no delay, in brackets).');
    out.push('');
    out.push('| dataset | first search, chunked | first search, Pagefind | first search, single file | requests, chunked | first results, CDN delay, chunked | first results, CDN delay, Pagefind | next 5 keystrokes, chunked (CDN delay) | memory after load, chunked | keystroke p99, chunked, cached |');
    out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of chunked.rows) out.push(r);
    out.push('');
    if (chunked.goals.length) {
      out.push('Goals (issue #17), within this run:');
      out.push('');
      for (const g of chunked.goals) out.push(`- ${g}`);
      out.push('');
    }
  }
  out.push('## Where we lead and where we trail');
  out.push('');
  out.push('Against the best peer on each measure:');
  out.push('');
  out.push('**We lead**');
  out.push('');
  for (const l of lead) out.push(`- ${l}`);
  if (!lead.length) out.push('- nowhere');
  out.push('');
  out.push('**We trail**');
  out.push('');
  for (const t of trail) out.push(`- ${t}`);
  if (!trail.length) out.push('- nowhere');
  out.push('');

  const real = result.datasets.find((d) => d.name === 'real');
  const ours = real?.engines.ours;
  if (ours?.relevance) {
    out.push('## Our engine: what it missed and what was slow');
    out.push('');
    const misses = ours.relevance.misses;
    out.push(`Relevance suite (\`${result.suite.file}\`, ${result.suite.queries} queries, ${result.suite.typoQueries} marked as typos): `
      + `${misses.length ? `${misses.length} not fully in our top 3:` : 'every query has all its expected records in our top 3.'}`);
    out.push('');
    for (const x of misses) out.push(`- \`${x.query}\`${x.typo ? ' (typo)' : ''}: expected ${x.expected.join(', ')}; top 3 was ${x.got.join(', ') || '(nothing)'}`);
    if (misses.length) out.push('');
    if (ours.native) {
      const d = ours.native.differsFromWasm ?? [];
      out.push(`Natively (the CLI): recall@3 ${ours.native.relevance.recallAt3.toFixed(3)}, MRR ${ours.native.relevance.mrr.toFixed(3)}; `
        + `${d.length ? `${d.length} queries have a different top 3 than in the browser: ${d.map((x) => `\`${x.query}\``).join(', ')}` : 'the same top 3 as in the browser for every query'}.`);
      out.push('');
    }
  }
  const slow = result.datasets.filter((d) => d.engines.ours?.browser?.slowest?.length);
  if (slow.length) {
    out.push('Our slowest keystrokes in Chromium (the text typed so far):');
    out.push('');
    for (const ds of slow) {
      out.push(`- ${ds.short}: ${ds.engines.ours.browser.slowest.slice(0, 5).map((s) => `\`${s.prefix}\` ${ms(s.ms)}`).join(', ')}`);
    }
    out.push('');
  }

  const synth = result.datasets.filter((d) => d.name !== 'real' && d.distinctTerms);
  const cal = result.calibration;
  if (synth.length && cal) {
    const { K, beta } = cal.heaps;
    out.push('## Synthetic data against a real feed');
    out.push('');
    out.push(`Distinct terms (runs of letters and digits, lower-cased, over every text field a peer indexes) of each synthetic Local Offer, against Heaps' law V = K·n^β `
      + `fitted on the real feed \`${cal.feed}\` (${cal.feedRecords ? `${cal.feedRecords} named services, ${cal.feedDistinct.toLocaleString('en-GB')} distinct terms; ` : ''}K ${K}, β ${beta}).`);
    out.push('');
    out.push('| records | distinct terms, synthetic | K·n^β of the real feed |');
    out.push('| ---: | ---: | ---: |');
    for (const d of synth) out.push(`| ${d.records.toLocaleString('en-GB')} | ${d.distinctTerms.toLocaleString('en-GB')} | ${Math.round(K * d.records ** beta).toLocaleString('en-GB')} |`);
    out.push('');
  }
  out.push('## What is measured');
  out.push('');
  out.push('- **Datasets.** The real Worcestershire Local Offer (`data/`), and synthetic Local Offers drawn from a fixed SEND vocabulary with a deterministic generator '
    + '(`benches/peers/lib/synth.mjs`), written as TOML under `target/bench/synth-N/` and checked and indexed by our own `index-builder`. '
    + 'The peers index the same records, as documents of title, other names, summary, keywords (with the words our index adds for needs, kinds of setting and places) and body text. '
    + `The synthetic data is calibrated on a real council's Open Referral UK feed (\`../shared/fixtures/oruk/councils/${result.calibration?.feed ?? 'bristol-v1-services.json'}\`, measured by \`node benches/peers/calibrate.mjs\`): `
    + 'the words of a record\'s name, summary and description are drawn from the log-normal fitted on the feed\'s names and descriptions (clamped to 12–1,000 words), '
    + 'and each record adds coined words (pronounceable, distinct, in scrambled alphabetical order, standing for the long tail of names, places and jargon) until the distinct terms so far reach K·n^β, '
    + 'the Heaps\' law fitted on the feed; it also repeats one earlier coined word per 40 words of description, older ones more often, as real rare words recur. '
    + 'The fixed SEND vocabulary, and so every query typed, is unchanged.');
  out.push(`- **First search transfers:** every file the browser fetched from the start until the results of a first search (\`${result.firstQuery}\`) were there, `
    + 'each counted gzip-compressed (level 6, the usual default; files already compressed, such as Pagefind\'s, as they are): for us the bundled script, the wasm and the index; '
    + 'for the JavaScript peers a minified bundle of the library (with its few lines of adapter, built with esbuild) and its serialised index (plus, for Fuse.js and Lunr, the titles and summaries a result shows); '
    + 'for Pagefind pagefind.js, its worker, wasm, metadata, the index chunks and the fragments of the top 10 results.');
  out.push(`- **Start → first results:** in a fresh browser context, from before the first script is requested until the first search has answered (fetching, compiling, loading or deserialising the index, and that search; for Pagefind also its lazily loaded chunks and fragments); the median of ${result.loadRepeats ?? 3} loads. Files come from a server on the same machine with no delay: add the transfer time of your connection.`);
  out.push(`- **As from a CDN:** one more fresh load in which every request waits ${result.delayMs ?? 80} ms at the server (a cookie on that browser context asks for it; \`benches/peers/lib/server.mjs\`). `
    + '*First search requests* counts the files fetched until the first results (with no delay; the same files as on the CDN load), *first results, CDN delay* is start → first results on the delayed load, '
    + 'and the *next 5 keystrokes* columns are the files (gzip, as above) and requests fetched while searching each of the next five prefixes, and the sum of their search times, delay included. '
    + 'An engine that has everything after its first search fetches nothing more; one that loads parts of its index as words are typed (Pagefind) pays a round trip per new part.');
  out.push(`- **Keystroke latency:** each family query of the relevance suite (every third one on the synthetic data) typed one character at a time, every prefix searched for the top 10, timed with performance.now() inside the page (cross-origin isolated, so the timer is fine-grained), `
    + `and the same in node for the JavaScript peers. At most ${result.budgetMs.real / 1000} s of searching per engine and place on the real data, ${result.budgetMs.synth / 1000} s on each synthetic dataset (the keystroke that crosses the budget is the last). Pagefind's time includes loading the top 10 results' fragments, which it needs to show them (and to name the records).`);
  out.push('- **Memory after load:** growth of the page from before loading the engine to after its first search: JavaScript heaps of the page and its workers, DOM and shared (`performance.measureUserAgentSpecificMemory`), '
    + 'array buffers (CDP `Runtime.getHeapUsage`) and WebAssembly memories (ours, and Pagefind\'s in its worker). '
    + 'Each reading comes after full garbage collections: Chromium runs with `--js-flags=--expose-gc`, and `gc()` is called three times in the page and in each worker, then CDP `HeapProfiler.collectGarbage`, and all of that twice. '
    + `The figure is the median of ${result.loadRepeats ?? 3} loads in fresh contexts (the same loads as the timing; \`peers.json\` keeps every sample), so one load that happened to keep garbage does not set it.`);
  out.push('- **Relevance** (real data only): the suite\'s queries run once each; recall@3 is the share of the expected records in the top 3 (averaged over queries), MRR uses the rank of the first expected record in the top 10, '
    + 'and *typo queries answered* is the share of the queries marked `# typo` with at least one expected record in the top 3. Peers\' hits map back to our record ids.');
  out.push(`- **Index build:** ours is \`index-builder build\` (with its checks); the JavaScript peers build in node; Pagefind is its CLI over the rendered pages. Builds run ${result.buildJobs} at a time on the machine's cores.`);
  out.push('');
  out.push('## How each engine is set up');
  out.push('');
  out.push('Each peer as its documentation recommends for typo-tolerant search-as-you-type:');
  out.push('');
  for (const [k, v] of Object.entries(result.config)) out.push(`- **${LABELS[k] ?? k}:** ${v}`);
  out.push('');
  out.push('The adapters are in `benches/peers/peers/`; the browser side in `benches/peers/browser/`.');
  out.push('');
  return `${out.join('\n')}\n`;
}
