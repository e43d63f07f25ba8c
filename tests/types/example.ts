// A partner's use of the JavaScript API, compiled against src/web/local-offer-search.d.ts with
// `npx tsc --noEmit --strict tests/types/example.ts` (a type error fails the check; nothing runs).

import LocalOfferSearchModule, {
  open,
  type Card,
  type Engine,
  type Facets,
  type Meaning,
  type SearchHit,
  type SearchOptions,
  type Status,
} from '../../src/web/local-offer-search';

// The classic script sets window.LocalOfferSearch.
async function classic(): Promise<void> {
  const engine: Engine = await window.LocalOfferSearch.open({ index: 'local-offer.idx' });
  const options: SearchOptions = { age: 7, area: 'wyre_forest', need: 'SEMH', kind: 'service', limit: 10 };
  const hits: SearchHit[] = await engine.search('chams', options);
  for (const hit of hits) {
    const [start, end] = hit.highlights.title[0] ?? [0, 0];
    const word: string = hit.title.slice(start, end);
    const youngest: number = hit.ages[0];
    console.log(hit.id, hit.kind, hit.score, hit.status, hit.areas.join(), hit.needs.join(), word, youngest);
  }
  if (hits.length > 0) {
    const card: Card = await engine.record(hits[0].id);
    for (const link of card.links) {
      const kind: 'web' | 'email' | 'phone' = link.kind;
      console.log(kind, link.href, link.text, link.label, link.general ? 'general' : 'direct');
    }
    const badge: string = card.badge ?? '';
    const status: Status = card.status;
    console.log(badge, status, card.lastChecked, card.report?.href ?? "", card.replacedBy.length);
    for (const part of card.easy.parts) console.log(part.icon, part.heading, part.sentences.join(' '));
    console.log(card.kindLabel, card.title.map((s) => s.abbr ?? s.text).join(''));
  }
  const facets: Facets = engine.facets();
  console.log(facets.areas.map((f) => `${f.label} (${f.count})`), facets.ages[0].from);
  const meaning: Meaning[] = engine.define('SALT');
  console.log(meaning.map((m) => `${m.term}: ${m.expansion} — ${m.meaning}`));
  // An empty query with filters browses.
  await engine.search('', { kind: 'wait_support' });
}

// The ES module build exports the same class, and `open`.
async function module(): Promise<void> {
  const a = await open({ index: 'local-offer.idx' });
  const b = await LocalOfferSearchModule.open({ index: 'other.idx' });
  const [x, y] = await Promise.all([a.search('autism'), b.search('autism')]);
  console.log(x.length + y.length);
  try {
    await open({ index: 'missing.idx' });
  } catch (e) {
    if (e instanceof Error) console.log(e.message);
  }
}

// The element's events: no query text unless the page sets `share-query`.
function events(): void {
  const el = document.querySelector('local-offer-search');
  el?.setAttribute('share-query', '');
  document.addEventListener('local-offer-search:select', (e) => {
    const id: string = e.detail.id;
    const query: string | undefined = e.detail.query;
    console.log(id, query);
  });
  el?.addEventListener('local-offer-search:list-change', (e) => console.log(e.detail.ids.length));
  el?.addEventListener('local-offer-search:error', (e) => console.log(e.detail.message));
  el?.addEventListener('local-offer-search:ready', () => console.log('ready'));
  el?.addEventListener('local-offer-search-error', (e) => console.log(e.detail.toUpperCase()));
}

void classic();
void module();
events();
