// The relevance suite (index-builder/tests/relevance/queries.txt) and the measures over it.
//
// Format: `query => id, id` per line (every id must be in the top 3); `#` starts a comment; a
// trailing `# typo` marks a query with a spelling mistake.

import { readFileSync } from 'node:fs';

export function parseSuite(text) {
  const cases = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const hash = line.indexOf('#');
    const body = hash >= 0 ? line.slice(0, hash) : line;
    const comment = hash >= 0 ? line.slice(hash + 1) : '';
    const arrow = body.indexOf('=>');
    if (arrow < 0) continue;
    const query = body.slice(0, arrow).trim();
    const ids = body.slice(arrow + 2).split(',').map((s) => s.trim()).filter(Boolean);
    if (!query || !ids.length) continue;
    cases.push({ query, ids, typo: /\btypo\b/i.test(comment) });
  }
  return cases;
}

export const loadSuite = (file) => parseSuite(readFileSync(file, 'utf8'));

/**
 * Measures of one engine's top-10 lists (`tops[i]` for `cases[i]`):
 * recall@3 (share of the expected ids in the top 3, averaged over queries), MRR (1 / rank of the
 * first expected id in the top 10), pass@3 (all expected ids in the top 3, the suite's own rule)
 * and typo answered (typo queries with at least one expected id in the top 3).
 */
export function relevance(cases, tops) {
  let recall = 0, rr = 0, pass = 0, typo = 0, typos = 0;
  const misses = [];
  cases.forEach((c, i) => {
    const top = tops[i] ?? [];
    const top3 = top.slice(0, 3);
    const found = c.ids.filter((id) => top3.includes(id)).length;
    recall += found / c.ids.length;
    const ranks = c.ids.map((id) => top.indexOf(id)).filter((r) => r >= 0);
    rr += ranks.length ? 1 / (Math.min(...ranks) + 1) : 0;
    if (found === c.ids.length) pass++;
    else misses.push({ query: c.query, expected: c.ids, got: top3, typo: c.typo });
    if (c.typo) {
      typos++;
      if (found > 0) typo++;
    }
  });
  const n = cases.length || 1;
  return {
    recallAt3: recall / n,
    mrr: rr / n,
    passAt3: pass / n,
    typoAnswered: typos ? typo / typos : null,
    typoQueries: typos,
    queries: cases.length,
    misses,
  };
}

export function percentile(sorted, p) {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function latency(times) {
  const s = [...times].sort((x, y) => x - y);
  return {
    keystrokes: s.length,
    p50: percentile(s, 50),
    p99: percentile(s, 99),
    max: s.length ? s[s.length - 1] : null,
    mean: s.length ? s.reduce((a, b) => a + b, 0) / s.length : null,
  };
}
