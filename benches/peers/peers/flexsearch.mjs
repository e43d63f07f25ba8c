// FlexSearch 0.8, a Document index as its documentation recommends for partial and fuzzy matching:
// tokenize "forward" (prefixes), the LatinBalance encoder (phonetic normalisation: its built-in
// tolerance for misspellings), suggest: true (documents matching only some words still count)
// and merge: true (one list across fields, title first). Exported with index.export() and
// restored with index.import(), one key (one file) at a time.
import { Document, Charset } from 'flexsearch';

export const label = 'FlexSearch';
export const pkg = 'flexsearch';
export const config = 'Document, fields title/alt/summary/keywords/body each { tokenize: "forward", encoder: Charset.LatinBalance }, store title+summary; search { suggest: true, merge: true }';

function create() {
  const field = (f) => ({ field: f, tokenize: 'forward', encoder: Charset.LatinBalance });
  return new Document({
    document: {
      id: 'id',
      index: ['title', 'alt', 'summary', 'keywords', 'body'].map(field),
      store: ['title', 'summary'],
    },
  });
}

export async function build(docs) {
  const index = create();
  for (const d of docs) index.add(d);
  // One file per export key: a large index is more than one JavaScript string can hold.
  const files = {};
  const keys = [];
  await index.export((key, data) => {
    const name = `part-${keys.length}.txt`;
    keys.push([key, name]);
    files[name] = data;
  });
  files['index.json'] = JSON.stringify(keys);
  return files;
}

export async function open(read) {
  const index = create();
  const keys = JSON.parse(await read('index.json'));
  const parts = await Promise.all(keys.map(([, name]) => read(name)));
  for (let i = 0; i < keys.length; i++) await index.import(keys[i][0], parts[i]);
  return {
    search(q, limit) {
      return index.search(q, { limit, suggest: true, merge: true }).slice(0, limit).map((r) => r.id);
    },
  };
}
