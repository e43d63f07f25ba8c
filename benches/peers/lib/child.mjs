// Runs in a child process, one per peer and dataset, so each gets a fresh heap and a crash or an
// out-of-memory stays a result instead of ending the run.
//
//   node child.mjs build PEER DOCS.json OUTDIR      builds the index, writes its files
//   node child.mjs bench PEER DIR JOB.json          loads the files, types the queries
//
// Prints one line of JSON.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const [mode, peer, a, b] = process.argv.slice(2);
const m = await import(new URL(`../peers/${peer}.mjs`, import.meta.url));

if (mode === 'build') {
  const docs = JSON.parse(readFileSync(a, 'utf8'));
  const t = performance.now();
  const files = await m.build(docs);
  const buildMs = performance.now() - t;
  mkdirSync(b, { recursive: true });
  const sizes = {};
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(b, name), text);
    sizes[name] = Buffer.byteLength(text);
  }
  process.stdout.write(`${JSON.stringify({ buildMs, sizes })}\n`);
} else if (mode === 'bench') {
  const job = JSON.parse(readFileSync(b, 'utf8'));
  const t0 = performance.now();
  const engine = await m.open((name) => readFile(join(a, name), 'utf8'));
  await engine.search(job.first, 10);
  const firstResultsMs = performance.now() - t0;
  // Collect the garbage of loading before typing, as the browser run does before it measures.
  globalThis.gc?.();
  const times = [];
  let spent = 0;
  let queries = 0;
  typing: for (const q of job.keystrokes) {
    queries++;
    for (let i = 1; i <= q.length; i++) {
      const t = performance.now();
      await engine.search(q.slice(0, i), 10);
      const dt = performance.now() - t;
      times.push(dt);
      spent += dt;
      if (spent > job.budgetMs) break typing;
    }
  }
  const heapBytes = process.memoryUsage().heapUsed;
  process.stdout.write(`${JSON.stringify({ firstResultsMs, times, queries, heapBytes })}\n`);
} else {
  throw new Error(`unknown mode ${mode}`);
}
