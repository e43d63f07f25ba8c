// Orama 3, with typo tolerance as its documentation describes: tolerance 1 (Levenshtein), field
// boosts, search limited to the text fields. Orama matches prefixes itself. The database
// serialises with save() and restores with load() (both in @orama/orama).
import { create, insertMultiple, load, save, search } from '@orama/orama';

export const label = 'Orama';
export const pkg = '@orama/orama';
export const config = 'schema title/alt/summary/keywords/body strings; search { tolerance: 1, boost: { title: 3, alt: 2, summary: 1.5, keywords: 1.5 } }';

const schema = { id: 'string', title: 'string', alt: 'string', summary: 'string', keywords: 'string', body: 'string' };
const properties = ['title', 'alt', 'summary', 'keywords', 'body'];
const boost = { title: 3, alt: 2, summary: 1.5, keywords: 1.5 };

export async function build(docs) {
  const db = create({ schema });
  await insertMultiple(db, docs, 2000);
  return { 'index.json': JSON.stringify(save(db)) };
}

export async function open(read) {
  const db = create({ schema });
  load(db, JSON.parse(await read('index.json')));
  return {
    async search(q, limit) {
      if (!q.trim()) return [];
      const r = await search(db, { term: q, properties, tolerance: 1, boost, limit });
      return r.hits.map((h) => h.document.id);
    },
  };
}
