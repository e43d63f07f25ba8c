// Lunr 2, with its documented query syntax for typos and typing: every word searched as itself,
// as `word~1` (edit distance 1) and as `word*` (prefix), through the query builder so no
// character of the query can break the query parser. Field boosts at build time. The index
// serialises with JSON.stringify and loads with lunr.Index.load; a small map gives what a
// result shows (Lunr's index holds only refs).
import lunr from 'lunr';

export const label = 'Lunr';
export const pkg = 'lunr';
export const config = 'fields title 3/alt 2/summary 1.5/keywords 1.5/body 1; each query word as word, word~1 and word* (query builder)';

export async function build(docs) {
  const idx = lunr(function () {
    this.ref('id');
    this.field('title', { boost: 3 });
    this.field('alt', { boost: 2 });
    this.field('summary', { boost: 1.5 });
    this.field('keywords', { boost: 1.5 });
    this.field('body');
    for (const d of docs) this.add(d);
  });
  const shown = {};
  for (const d of docs) shown[d.id] = [d.title, d.summary];
  return { 'index.json': JSON.stringify(idx), 'docs.json': JSON.stringify(shown) };
}

export async function open(read) {
  const [index, docs] = await Promise.all([read('index.json'), read('docs.json')]);
  const idx = lunr.Index.load(JSON.parse(index));
  JSON.parse(docs);
  return {
    search(q, limit) {
      const words = lunr.tokenizer(q).map((t) => t.toString()).filter(Boolean);
      if (!words.length) return [];
      return idx.query((query) => {
        for (const w of words) {
          query.term(w, {});
          query.term(w, { editDistance: 1 });
          query.term(w, { wildcard: lunr.Query.wildcard.TRAILING, usePipeline: false });
        }
      }).slice(0, limit).map((r) => r.ref);
    },
  };
}
