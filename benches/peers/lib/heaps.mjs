// How a feed's vocabulary grows with its size (Heaps' law, V = K·n^β) and how long its records
// are: measured on a real Open Referral UK feed, so the synthetic Local Offers can be made to
// grow the same way (synth.mjs), and the two compared (calibrate.mjs). One tokeniser for both.

import { readFileSync } from 'node:fs';
import { toDoc } from './records.mjs';

/** The words of a text: runs of letters and digits, lower-cased (as distinct terms are counted). */
export const terms = (text) => (text ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** HTML to its text (the feed's descriptions are HTML). Only for counting words. */
const htmlText = (html) => (html ?? '').replace(/<[^>]*>/g, ' ').replace(/&[a-z]+;|&#\d+;/gi, ' ');

/** The text of a synthetic or TOML record, as every engine indexes it (records.mjs). */
export function recordText(r) {
  const d = toDoc(r);
  return [d.title, d.alt, d.summary, d.keywords, d.body].join(' ');
}

/**
 * A real ORUK services feed (a JSON array of services): the services that have a name, each as
 * { text: every word of it (name, description, organisation), length: words of name and description }.
 */
export function oruk(file) {
  const services = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(services)) throw new Error(`${file}: expected a JSON array of services`);
  return services.filter((s) => typeof s?.name === 'string' && s.name.trim()).map((s) => ({
    text: [s.name, htmlText(s.description), s.organization?.name, htmlText(s.organization?.description)].join(' '),
    length: terms(`${s.name} ${htmlText(s.description)}`).length,
  }));
}

/** Distinct terms after each record: curve[i] is the count after records 0..i. */
export function growth(texts) {
  const seen = new Set();
  return texts.map((t) => {
    for (const w of terms(t)) seen.add(w);
    return seen.size;
  });
}

/** Least-squares fit of log V = log K + β log n over n ≥ from. */
export function fitHeaps(curve, from = 10) {
  const pts = curve.map((v, i) => [Math.log(i + 1), Math.log(v)]).filter((_, i) => i + 1 >= from);
  const mx = pts.reduce((a, [x]) => a + x, 0) / pts.length;
  const my = pts.reduce((a, [, y]) => a + y, 0) / pts.length;
  const beta = pts.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / pts.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return { K: Math.exp(my - beta * mx), beta };
}

/** Log-normal fit of positive lengths: { mu, sigma } of their natural logarithms, and quantiles. */
export function lengths(xs) {
  const logs = xs.filter((x) => x > 0).map(Math.log);
  const mu = logs.reduce((a, b) => a + b, 0) / logs.length;
  const sigma = Math.sqrt(logs.reduce((a, b) => a + (b - mu) ** 2, 0) / logs.length);
  const sorted = [...xs].sort((a, b) => a - b);
  const q = (p) => sorted[Math.floor(p * (sorted.length - 1))];
  return { mu, sigma, p10: q(0.1), p50: q(0.5), p90: q(0.9), p99: q(0.99), max: q(1), mean: xs.reduce((a, b) => a + b, 0) / xs.length };
}
