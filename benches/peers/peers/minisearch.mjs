// MiniSearch, configured as its documentation recommends for search-as-you-type with typos:
// prefix search, fuzzy 0.2 (edit distance up to a fifth of the term's length), title boosted.
// The index serialises with JSON.stringify and loads with MiniSearch.loadJSON.
import MiniSearch from 'minisearch';

export const label = 'MiniSearch';
export const pkg = 'minisearch';
export const config = 'fields title/alt/summary/keywords/body, storeFields title+summary; search { prefix: true, fuzzy: 0.2, boost: { title: 2, alt: 1.5 } }';

const options = {
  idField: 'id',
  fields: ['title', 'alt', 'summary', 'keywords', 'body'],
  storeFields: ['title', 'summary'],
  searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 2, alt: 1.5 } },
};

export async function build(docs) {
  const ms = new MiniSearch(options);
  ms.addAll(docs);
  return { 'index.json': JSON.stringify(ms) };
}

export async function open(read) {
  const ms = MiniSearch.loadJSON(await read('index.json'), options);
  return {
    search(q, limit) {
      const out = [];
      for (const r of ms.search(q)) {
        out.push(r.id);
        if (out.length === limit) break;
      }
      return out;
    },
  };
}
