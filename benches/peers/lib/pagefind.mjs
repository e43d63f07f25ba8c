// Pagefind: each record rendered as one HTML page (title as <h1>, other names as <h2>, then the
// summary, keywords and body), indexed by the pagefind CLI from node_modules. Pagefind has no
// typo tolerance to switch on; it matches words and word prefixes, with its default ranking.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const label = 'Pagefind';
export const pkg = 'pagefind';
export const config = 'one HTML page per record (h1 title, h2 other names, p summary/keywords/body), pagefind CLI defaults; pagefind.js API, data() of the top 10 results each search';

const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

export function page(d) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(d.title)}</title></head>`
    + `<body><main data-pagefind-body><h1>${esc(d.title)}</h1>${d.alt ? `<h2>${esc(d.alt)}</h2>` : ''}`
    + `<p>${esc(d.summary)}</p><p>${esc(d.keywords)}</p><p>${esc(d.body)}</p></main></body></html>\n`;
}

/** Writes one page per record under `dir/r/`; `pagefind --site dir` then indexes them into `dir/pagefind/`. */
export function writePages(docs, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'r'), { recursive: true });
  for (const d of docs) writeFileSync(join(dir, 'r', `${d.id}.html`), page(d));
}
