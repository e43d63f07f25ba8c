// Fuse.js 7, configured as its documentation recommends for multi-word search over documents:
// token search (each word fuzzy-matched on its own, ranked by IDF), threshold 0.35,
// ignoreLocation (words anywhere in long text), weighted keys. The index is built ahead with
// Fuse.createIndex, shipped with toJSON() and restored with Fuse.parseIndex; the list Fuse
// returns items from holds only what a result shows.
import Fuse from 'fuse.js';

export const label = 'Fuse.js';
export const pkg = 'fuse.js';
export const config = 'keys title 3/alt 2/summary 1.5/keywords 1.5/body 1; { useTokenSearch: true, threshold: 0.35, ignoreLocation: true }; prebuilt index (createIndex/parseIndex)';

const keys = [
  { name: 'title', weight: 3 },
  { name: 'alt', weight: 2 },
  { name: 'summary', weight: 1.5 },
  { name: 'keywords', weight: 1.5 },
  { name: 'body', weight: 1 },
];
const options = { keys, threshold: 0.35, ignoreLocation: true, useTokenSearch: true };

export async function build(docs) {
  const index = Fuse.createIndex(keys, docs);
  return {
    'index.json': JSON.stringify(index.toJSON()),
    'docs.json': JSON.stringify(docs.map((d) => ({ id: d.id, title: d.title, summary: d.summary }))),
  };
}

export async function open(read) {
  const [index, docs] = await Promise.all([read('index.json'), read('docs.json')]);
  const fuse = new Fuse(JSON.parse(docs), options, Fuse.parseIndex(JSON.parse(index)));
  return {
    search(q, limit) {
      return fuse.search(q, { limit }).map((r) => r.item.id);
    },
  };
}
