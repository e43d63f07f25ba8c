// Records: the real dataset read from data/**/*.toml, and the one document shape every peer
// indexes, carrying the same text our index builder indexes (src/index/analyze.rs).

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { DISTRICT_WORDS, NEED_WORDS, PROVISION_TYPE_LABELS, WAITING_FOR_LABELS } from './vocab.mjs';

/** Every `.toml` file under `dir`, sorted. */
function tomlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tomlFiles(p));
    else if (name.endsWith('.toml')) out.push(p);
  }
  return out;
}

/** The records of a data directory of TOML files, in file order. */
export function loadRecords(dir) {
  const records = [];
  for (const file of tomlFiles(dir)) {
    const t = parse(readFileSync(file, 'utf8'));
    for (const r of t.record ?? []) records.push(r);
  }
  return records;
}

const join1 = (parts) => parts.filter((s) => s && String(s).trim()).join(' ');
const list = (v) => (Array.isArray(v) ? v : v ? [v] : []);

/**
 * One record as the document the peers index. The fields are the groups our engine weighs
 * differently: the title, other names, the summary, keywords (with the words the engine adds for
 * needs, kinds of setting, what is waited for and places), and the body text.
 * Only `title` and `summary` are what a result shows.
 */
export function toDoc(r) {
  const glossary = r.kind === 'glossary';
  const title = glossary ? r.term : r.name;
  const alt = join1([glossary && r.name !== r.term ? r.name : '', r.alternate_name, ...list(r.also)]);
  const summary = glossary ? join1([r.expansion, r.summary]) : r.summary;
  const keywords = join1([
    ...list(r.keywords),
    ...list(r.needs).map((n) => NEED_WORDS[n] ?? n),
    r.provision_type ? PROVISION_TYPE_LABELS[r.provision_type] : '',
    ...list(r.waiting_for).map((w) => WAITING_FOR_LABELS[w] ?? w),
    r.kind === 'wait_support' ? 'support while you wait waiting list' : '',
    ...list(r.districts).map((d) => DISTRICT_WORDS[d] ?? d),
  ]);
  const body = join1([
    r.plain_meaning, r.description, r.eligibility, r.waiting, r.organization,
    ...list(r.easy_read),
  ]);
  return { id: r.id, title: title ?? '', alt, summary: summary ?? '', keywords, body };
}
