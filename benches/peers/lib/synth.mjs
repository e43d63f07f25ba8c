// Synthetic Local Offers: deterministic records drawn from the SEND vocabulary in vocab.mjs,
// written as a TOML data directory that our own index builder checks and indexes, so every
// engine indexes exactly the same records. A smaller Local Offer is a prefix of a larger one.
// Record lengths and vocabulary growth follow a real council's feed (CALIBRATION): descriptions
// are log-normally long, and coined words (long-tail names, places and jargon) join the fixed
// SEND vocabulary so distinct terms grow as Heaps' law fitted on that feed says.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordText, terms } from './heaps.mjs';
import * as V from './vocab.mjs';

/**
 * Fitted by `node benches/peers/calibrate.mjs` on ../shared/fixtures/oruk/councils/
 * bristol-v1-services.json (818 named services): distinct terms V = K·n^β over the first n
 * services, and the log-normal of description lengths in words.
 */
export const CALIBRATION = {
  feed: 'bristol-v1-services.json',
  heaps: { K: 304.4, beta: 0.494 },
  recordWords: { mu: 4.526, sigma: 0.975, min: 12, max: 1000 },
};

/** sfc32: a small, fast 32-bit generator; the same numbers on every machine. */
export function rng(seed) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b | 0) + d | 0;
    d = d + 1 | 0;
    a = b ^ b >>> 9;
    b = c + (c << 3) | 0;
    c = c << 21 | c >>> 11;
    c = c + t | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  const r = {
    unit: next,
    below: (n) => Math.floor(next() * n),
    range: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    /** A standard normal draw (Box–Muller). */
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    /** Skewed to the head of the list: half the draws come from its first quarter. */
    skewed: (items) => { const u = next(); return items[Math.min(items.length - 1, Math.floor(u * u * items.length))]; },
  };
  return r;
}

const words = (s) => s.split(/\s+/).filter(Boolean);
const capitalise = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const titleCase = (s) => s.split(' ').map((w) => (/[A-Z]/.test(w) ? w : capitalise(w))).join(' ');

const TOWNS_OF = new Map();
function townsOf(districts) {
  const key = districts.join(',');
  let fits = TOWNS_OF.get(key);
  if (!fits) {
    fits = V.TOWNS.filter(([, d]) => districts.includes(d)).map(([t]) => t);
    TOWNS_OF.set(key, fits);
  }
  return fits;
}

function townIn(r, districts) {
  const fits = townsOf(districts);
  if (!fits.length || r.chance(0.1)) return r.skewed(V.TOWNS)[0];
  return fits[r.below(fits.length)];
}

function fill(template, r, districts) {
  return template.replace(/\{(\w+)\}/g, (_, slot) => {
    switch (slot) {
      case 'adj': return r.skewed(V.ADJECTIVES);
      case 'service': return r.skewed(V.SERVICES);
      case 'people': return r.skewed(V.PEOPLE);
      case 'need': return r.skewed(V.NEEDS);
      case 'town': return townIn(r, districts);
      case 'verb': return r.pick(V.VERBS);
      case 'noun': return r.skewed(V.SERVICE_NOUNS).toLowerCase();
      case 'topic': return r.skewed(V.TOPICS);
      case 'when': return r.pick(V.WHEN);
      case 'setting': return r.skewed(V.SETTINGS);
      case 'age': return r.pick(V.AGES);
      case 'org': return r.skewed(V.ORGANISATIONS);
      case 'day': return r.pick(V.DAYS);
      default: throw new Error(`unknown slot ${slot}`);
    }
  });
}

function sentence(r, districts, lo, hi) {
  let s = fill(r.pick(V.SENTENCES), r, districts);
  for (let i = 0; i < 8 && words(s).length < lo; i++) {
    const k = r.below(3);
    s += k === 0 ? `, with ${r.skewed(V.TOPICS)}` : k === 1 ? ` for ${r.skewed(V.PEOPLE)}` : ` and ${r.skewed(V.SERVICES)}`;
  }
  s = words(s).slice(0, hi).join(' ').replace(/,+$/, '');
  return `${capitalise(s)}.`;
}

function paragraph(r, districts, lo, hi, target = r.range(lo, hi)) {
  let out = '';
  let count = 0;
  while (count < target) {
    const s = sentence(r, districts, 6, 16);
    out += (out ? ' ' : '') + s;
    count += words(s).length;
  }
  if (count <= hi) return out;
  return `${words(out).slice(0, hi).join(' ').replace(/[.,]+$/, '')}.`;
}

/** How many words a record's name, summary and description have: log-normal, as in the calibration feed. */
function recordLength(r) {
  const { mu, sigma, min, max } = CALIBRATION.recordWords;
  return Math.max(min, Math.min(max, Math.round(Math.exp(mu + sigma * r.normal()))));
}

// Coined words: pronounceable, distinct by construction (one-letter onsets and codas make every
// word split into syllables one way only), in a scrambled order so new words land all over the
// alphabet as real ones do.
const ONSETS = 'bdfghklmnprstvwz';
const VOWELS = 'aeiou';
const CODAS = ['', 'l', 'n', 'r', 's', 't'];
const SYLLABLES = [...ONSETS].flatMap((o) => [...VOWELS].flatMap((v) => CODAS.map((c) => o + v + c)));
const TWO = SYLLABLES.length ** 2;
/** The k-th coined word (k < 230,400 gives two syllables, then three). */
export function coined(k) {
  let n = k < TWO ? (k * 7919) % TWO : k;
  let w = '';
  do {
    w = SYLLABLES[n % SYLLABLES.length] + w;
    n = Math.floor(n / SYLLABLES.length);
  } while (n > 0 || w.length < 4);
  return w;
}

const COINED_SENTENCES = [
  (a) => `Ask about ${a.join(' and ')}.`,
  (a) => `Sessions also run at ${a.map(capitalise).join(' and ')}.`,
  (a) => `We work with ${a.join(', ')} groups.`,
  (a) => `Families also know it as ${a.map(capitalise).join(' or ')}.`,
];

/**
 * The vocabulary so far: every distinct term of the records made, and the coined words. Each
 * record gets the new words that keep distinct terms on K·n^β, and a few older coined words
 * again (the older, the likelier), as real long-tail words recur.
 */
class Vocabulary {
  constructor() {
    this.seen = new Set();
    this.coined = [];
    this.next = 0;
    this.records = 0;
  }

  note(text) {
    for (const w of terms(text)) this.seen.add(w);
  }

  /** Sentences of coined words for the record whose text is `text` (already noted). */
  grow(r, text, words) {
    this.records++;
    const { K, beta } = CALIBRATION.heaps;
    const target = Math.round(K * this.records ** beta);
    const picked = [];
    // At most half as many new words as the record has (the curve catches up on later records).
    while (this.seen.size + picked.length < target && picked.length < words / 2) {
      const w = coined(this.next++);
      if (this.seen.has(w)) continue;
      this.coined.push(w);
      picked.push(w);
    }
    for (let k = Math.floor(words / 40); k > 0 && this.coined.length; k--) picked.push(r.skewed(this.coined));
    for (const w of picked) this.seen.add(w);
    const out = [];
    for (let i = 0; i < picked.length; i += 3) out.push(r.pick(COINED_SENTENCES)(picked.slice(i, i + 3)));
    return out.join(' ');
  }
}

const invented = (r) => r.pick(V.NAME_HEADS) + r.pick(V.NAME_TAILS);

function name(r, kind, districts, waiting) {
  for (let i = 0; i < 32; i++) {
    let n;
    if (kind === 'provision') {
      switch (r.below(4)) {
        case 0: n = `${invented(r)} ${titleCase(r.skewed(V.SETTINGS))}`; break;
        case 1: n = `${invented(r)} ${titleCase(r.skewed(V.SETTINGS))} ${r.pick(['SEN Unit', 'Autism Base', 'Resource Base', 'Nursery'])}`; break;
        case 2: n = `${townIn(r, districts)} ${invented(r)} ${titleCase(r.skewed(V.SETTINGS))}`; break;
        default: n = `St ${r.pick(['Mary', 'John', 'Peter', 'Andrew', 'George', 'Anne', 'Clement'])}'s ${titleCase(r.skewed(V.SETTINGS))}`;
      }
    } else if (kind === 'wait_support') {
      switch (r.below(3)) {
        case 0: n = `Waiting for ${titleCase(V.WAITING_FOR_LABELS[r.pick(waiting)])}`; break;
        case 1: n = `${titleCase(r.skewed(V.TOPICS))} Tips While You Wait`; break;
        default: n = `${titleCase(r.skewed(V.NEEDS))} ${r.skewed(V.SERVICE_NOUNS)} While You Wait`;
      }
    } else {
      switch (r.below(5)) {
        case 0: n = `${townIn(r, districts)} ${titleCase(r.skewed(V.NEEDS))} ${r.skewed(V.SERVICE_NOUNS)}`; break;
        case 1: n = `${titleCase(r.skewed(V.ADJECTIVES))} ${titleCase(r.skewed(V.SERVICES))} ${r.skewed(V.SERVICE_NOUNS)}`; break;
        case 2: n = `${titleCase(r.skewed(V.SERVICES))} for ${titleCase(r.skewed(V.PEOPLE))}`; break;
        case 3: n = `${invented(r)} ${titleCase(r.skewed(V.TOPICS))} ${r.skewed(V.SERVICE_NOUNS)}`; break;
        default: n = `${townIn(r, districts)} ${titleCase(r.skewed(V.NEEDS))} ${titleCase(r.skewed(V.SERVICES))} ${r.skewed(V.SERVICE_NOUNS)}`;
      }
    }
    const c = words(n).length;
    if (c >= 3 && c <= 6) return n;
  }
  return `${invented(r)} Support Service`;
}

function someOf(r, all, lo, hi) {
  const out = [];
  for (let i = r.range(lo, hi); i > 0; i--) {
    const v = r.pick(all);
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

const SOURCE = 'synthetic benchmark data';
const REVIEWED = '2025-06';
/** The `--today` the synthetic data is built with, so no record is due for review. */
export const SYNTH_TODAY = '2025-12-01';

function record(r, i, vocab) {
  const roll = r.unit();
  const kind = roll < 0.55 ? 'service' : roll < 0.85 ? 'provision' : 'wait_support';
  const districts = r.chance(0.3) ? ['countywide'] : someOf(r, V.DISTRICTS, 1, 2);
  const waiting = kind === 'wait_support' ? someOf(r, V.WAITING_FOR, 1, 2) : [];
  const ages = r.chance(0.2) ? null : r.pick([[0, 5], [0, 18], [0, 25], [4, 11], [11, 16], [11, 18], [16, 25], [5, 19], [0, 19]]);
  const keywords = [];
  for (let k = r.range(2, 8); k > 0; k--) {
    const w = [V.NEEDS, V.SERVICES, V.TOPICS][r.below(3)];
    const kw = r.skewed(w);
    if (!keywords.includes(kw)) keywords.push(kw);
  }
  const easy = [];
  for (let k = r.range(3, 4); easy.length < k;) {
    const s = r.pick(V.EASY);
    if (!easy.includes(s)) easy.push(s);
  }
  const prefix = { service: 'svc', provision: 'prov', wait_support: 'wait' }[kind];
  const rec = {
    id: `${prefix}-${String(i).padStart(6, '0')}`,
    kind,
    name: name(r, kind, districts, waiting),
  };
  if (r.chance(0.1)) rec.alternate_name = r.pick(V.GLOSSARY)[0];
  rec.summary = sentence(r, districts, 10, 20);
  const target = Math.max(CALIBRATION.recordWords.min, recordLength(r) - words(rec.name).length - words(rec.summary).length);
  rec.description = paragraph(r, districts, target, target, target);
  rec.easy_read = easy;
  if (!r.chance(0.4)) rec.needs = someOf(r, V.NEED_CODES, 1, 3);
  if (ages) [rec.minimum_age, rec.maximum_age] = ages;
  rec.districts = districts;
  if (!r.chance(0.2)) rec.cost = r.pick(V.COSTS);
  rec.access = someOf(r, V.ACCESS, 1, 3);
  if (r.chance(0.6)) rec.organization = r.skewed(V.ORGANISATIONS);
  if (!r.chance(0.95)) rec.status = r.pick(['active', 'planned', 'ended', 'paused']);
  rec.keywords = keywords;
  if (r.chance(0.3)) rec.eligibility = `For ${r.skewed(V.PEOPLE)} aged ${r.pick(V.AGES)} with ${r.skewed(V.NEEDS)}.`;
  if (kind === 'provision') {
    rec.provision_type = r.pick(V.PROVISION_TYPES);
    if (r.chance(0.4)) rec.places = r.range(6, 120);
  }
  if (waiting.length) rec.waiting_for = waiting;
  rec.source = SOURCE;
  rec.last_reviewed = REVIEWED;
  const text = recordText(rec);
  vocab.note(text);
  const more = vocab.grow(r, text, words(rec.description).length);
  if (more) rec.description += ` ${more}`;
  return rec;
}

export function glossary() {
  return V.GLOSSARY.map(([term, expansion, meaning, also]) => {
    const g = {
      id: `glossary-${term.toLowerCase()}`,
      kind: 'glossary',
      term,
      expansion,
      plain_meaning: meaning,
    };
    if (also.length) g.also = also;
    g.easy_read = V.EASY_GLOSSARY;
    g.source = 'synthetic benchmark glossary';
    g.last_reviewed = '2025';
    return g;
  });
}

/** A Local Offer of `size` records: the glossary, then synthetic services, provisions and support. */
export function localOffer(size, seed = 0x5e4d) {
  const r = rng(seed);
  const vocab = new Vocabulary();
  const out = glossary().slice(0, size);
  for (const g of out) {
    vocab.note(recordText(g));
    vocab.records++;
  }
  for (let i = 0; out.length < size; i++) out.push(record(r, i, vocab));
  return out;
}

// --- the checker's rules that generated text could break (index-builder/src/check.rs) ---

const checkWords = (text) => (text ?? '').split(/[^\p{L}\p{N}'’]+/u).map((w) => w.replace(/^['’]+|['’]+$/g, '')).filter((w) => /[\p{L}\p{N}]/u.test(w));
export function isAcronym(w) {
  const upper = [...w].filter((c) => c !== c.toLowerCase()).length;
  const lower = [...w].filter((c) => c !== c.toUpperCase()).length;
  return upper >= 2 && upper >= lower;
}
function bare(w) {
  let s = w.replace(/('s|’s|'|’)$/, '');
  if (s.endsWith('s') && /\p{Lu}/u.test(s.at(-2) ?? '')) s = s.slice(0, -1);
  return s;
}
function syllables(word) {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (!w) return 0;
  let groups = 0, inVowel = false;
  for (const c of w) {
    const v = 'aeiouy'.includes(c);
    if (v && !inVowel) groups++;
    inVowel = v;
  }
  if (w.endsWith('e') && !w.endsWith('le') && groups > 1) groups--;
  return Math.max(1, groups);
}
export function flesch(sentences) {
  const ws = sentences.flatMap(checkWords);
  const syl = ws.reduce((n, w) => n + syllables(w), 0);
  return 206.835 - 1.015 * (ws.length / sentences.length) - 84.6 * (syl / ws.length);
}

/** Throws if the generated vocabulary could make a record fail `check`. */
export function validateVocabulary() {
  const known = new Set(V.GLOSSARY.flatMap(([t, , , also]) => [t, ...also]));
  const prose = [
    ...V.NEEDS, ...V.SERVICES, ...V.SETTINGS, ...V.PEOPLE, ...V.ADJECTIVES, ...V.TOPICS,
    ...V.ORGANISATIONS, ...V.SERVICE_NOUNS, ...V.SENTENCES, ...V.TOWNS.map(([t]) => t),
    ...V.GLOSSARY.map(([, , m]) => m), ...Object.values(V.WAITING_FOR_LABELS),
    'SEN Unit Autism Base Resource Base Nursery',
  ];
  const missing = new Set();
  for (const text of prose) {
    for (const w of checkWords(text.replace(/\{\w+\}/g, ''))) {
      const b = bare(w);
      if (isAcronym(b) && !known.has(b) && !known.has(w)) missing.add(b);
    }
  }
  if (missing.size) throw new Error(`synthetic vocabulary uses acronyms without a glossary record: ${[...missing].join(', ')}`);
  for (const s of [...V.EASY, ...V.EASY_GLOSSARY]) {
    if (checkWords(s).length > 15) throw new Error(`easy-read sentence too long: ${s}`);
    if (checkWords(s).some((w) => isAcronym(bare(w)))) throw new Error(`easy-read sentence has an acronym: ${s}`);
  }
  // The worst case of three or four of the fixed easy-read sentences.
  const byScore = [...V.EASY].sort((a, b) => flesch([a]) - flesch([b]));
  for (const n of [3, 4]) {
    const f = flesch(byScore.slice(0, n));
    if (f < 70) throw new Error(`easy-read Flesch ${f.toFixed(1)} below 70`);
  }
  if (flesch(V.EASY_GLOSSARY) < 70) throw new Error('glossary easy-read Flesch below 70');
}

// --- TOML ---

const tomlStr = (s) => JSON.stringify(s).replace(/\\u007f/g, '\\u007F');
function tomlValue(v) {
  if (Array.isArray(v)) return `[${v.map(tomlValue).join(', ')}]`;
  if (typeof v === 'number') return String(v);
  return tomlStr(String(v));
}
export function toToml(records) {
  let out = '';
  for (const r of records) {
    out += '[[record]]\n';
    for (const [k, v] of Object.entries(r)) out += `${k} = ${tomlValue(v)}\n`;
    out += '\n';
  }
  return out;
}

/** The council of the synthetic Local Offers (`council.toml`): the districts records name. */
const SYNTH_COUNCIL = `# The council of a synthetic Local Offer (benches/peers/lib/synth.mjs): its districts.
name = "Worcestershire"
${V.DISTRICTS.map((d) => `
[[area]]
key = ${tomlStr(d)}
label = ${tomlStr(d.split('_').map(capitalise).join(' '))}
`).join('')}`;

/**
 * Writes `records` as a data directory: its council.toml, and one file of at most 1000 records
 * per kind and part.
 */
export function writeDataDir(dir, records) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'council.toml'), SYNTH_COUNCIL);
  const byKind = new Map();
  for (const r of records) {
    if (!byKind.has(r.kind)) byKind.set(r.kind, []);
    byKind.get(r.kind).push(r);
  }
  for (const [kind, rs] of byKind) {
    const sub = join(dir, kind);
    mkdirSync(sub, { recursive: true });
    for (let i = 0; i < rs.length; i += 1000) {
      writeFileSync(join(sub, `part-${String(i / 1000).padStart(3, '0')}.toml`), toToml(rs.slice(i, i + 1000)));
    }
  }
}
