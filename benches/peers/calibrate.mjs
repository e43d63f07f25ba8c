#!/usr/bin/env node
// The synthetic Local Offers against a real feed: distinct terms by number of records (Heaps'
// law) and description lengths. Prints the fit of the real feed (the constants synth.mjs uses)
// and, for each synthetic size, distinct terms made against what the real feed's curve predicts.
//
//   node benches/peers/calibrate.mjs [--feed FILE] [--sizes 1000,10000,100000]

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fitHeaps, growth, lengths, oruk, recordText, terms } from './lib/heaps.mjs';
import { CALIBRATION, localOffer } from './lib/synth.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const feed = option('--feed') ?? resolve(HERE, '../../../shared/fixtures/oruk/councils', CALIBRATION.feed);
const sizes = (option('--sizes') ?? '1000,10000,100000').split(',').map(Number);
const fmt = (x) => Math.round(x).toLocaleString('en-GB');

const services = oruk(feed);
const curve = growth(services.map((s) => s.text));
const fit = fitHeaps(curve);
const len = lengths(services.map((s) => s.length));
console.log(`real feed ${feed}: ${services.length} named services, ${fmt(curve.at(-1))} distinct terms`);
console.log(`  Heaps' fit: K ${fit.K.toFixed(1)}, beta ${fit.beta.toFixed(3)} (synth.mjs uses K ${CALIBRATION.heaps.K}, beta ${CALIBRATION.heaps.beta})`);
console.log(`  words of name and description: p10 ${len.p10}, median ${len.p50}, p90 ${len.p90}, p99 ${len.p99}, max ${len.max}, mean ${len.mean.toFixed(0)}; `
  + `log-normal mu ${len.mu.toFixed(3)}, sigma ${len.sigma.toFixed(3)}`);

const max = Math.max(...sizes);
const records = localOffer(max);
const synthCurve = growth(records.map(recordText));
const synthLen = lengths(records.filter((r) => r.kind !== 'glossary').map((r) => terms(`${r.name} ${r.summary} ${r.description}`).length));
console.log(`synthetic (${fmt(max)} records): words of name, summary and description: p10 ${synthLen.p10}, median ${synthLen.p50}, p90 ${synthLen.p90}, p99 ${synthLen.p99}, max ${synthLen.max}, mean ${synthLen.mean.toFixed(0)}`);
console.log('| records | distinct terms, synthetic | K·n^β of the real feed | real feed |');
console.log('| ---: | ---: | ---: | ---: |');
for (const n of [...new Set([100, services.length, ...sizes])].sort((a, b) => a - b)) {
  if (n > max) continue;
  const real = n <= curve.length ? fmt(curve[n - 1]) : '—';
  console.log(`| ${fmt(n)} | ${fmt(synthCurve[n - 1])} | ${fmt(fit.K * n ** fit.beta)} | ${real} |`);
}
