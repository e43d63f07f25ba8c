// TypeScript declarations for Local Offer Search's JavaScript API and element.
//
// One file for both builds: the classic script `local-offer-search.js` (which sets
// `window.LocalOfferSearch`) and the ES module `local-offer-search.mjs` (which exports it).
// The shapes are the engine's own Rust types (src/api.rs, src/view.rs), handed over by
// serde-wasm-bindgen; tests/types/example.ts is compiled against this file with
// `tsc --noEmit --strict`.

/** What a record is. */
export type Kind = 'service' | 'provision' | 'wait_support' | 'glossary';
/** An area key of the council the index is for (its `council.toml`, or the feed's own service
 * areas; `engine.facets().areas` lists them), the `area` filter's values. */
export type Area = string;
/** Where a record is: one of the council's areas, or the whole council area. */
export type District = Area | 'countywide';
/** The SEND Code of Practice need types. */
export type NeedCode =
  | 'ASD'
  | 'SLCN'
  | 'MLD'
  | 'SLD'
  | 'PMLD'
  | 'SpLD'
  | 'SEMH'
  | 'HI'
  | 'VI'
  | 'MSI'
  | 'PD';
/** The Code of Practice's four broad areas of need. */
export type NeedArea =
  | 'communication_and_interaction'
  | 'cognition_and_learning'
  | 'social_emotional_mental_health'
  | 'sensory_and_physical';
/** Whether it runs, as the documents say on the day the index was built. */
export type Status = 'active' | 'planned' | 'ended' | 'paused';
export type Cost = 'free' | 'paid' | 'mixed';

/** `[start, end)` in UTF-16 code units: `text.slice(start, end)` is the matched word. */
export type Span = [start: number, end: number];

export interface OpenOptions {
  /** The index file, relative to the script (default `local-offer.idx`); or a chunked index's
   * `manifest.lom` (`index-builder build --chunked`), whose chunks are fetched as searches need
   * them. */
  index?: string;
}

/** Filters and limit of a search. Each one left out lets everything through. */
export interface SearchOptions {
  /** Records whose age range includes this age (0 to 25). */
  age?: number;
  /** Records in this area, those for the whole council area included. */
  area?: Area;
  /** A need code (any case) or a broad area: records for it, and records for any need. */
  need?: NeedCode | NeedArea;
  kind?: Kind;
  cost?: Cost;
  /** Most hits returned (default 10). */
  limit?: number;
}

/** One hit of a search. */
export interface SearchHit {
  id: string;
  title: string;
  kind: Kind;
  /** Higher is better; only the order means anything (0 when browsing). */
  score: number;
  /** The record's summary (a glossary entry's expansion). */
  summary: string;
  status: Status;
  areas: District[];
  /** Youngest and oldest age (0 and 25 where the record does not say). */
  ages: [youngest: number, oldest: number];
  /** Need codes; empty when the record is for any need. */
  needs: NeedCode[];
  highlights: { title: Span[]; summary: Span[] };
}

/** A run of card text: render `text` as text, never as HTML. */
export interface Segment {
  text: string;
  /** A matched query word. */
  mark: boolean;
  /** An acronym's meaning (the widget shows it as `<abbr title>`). */
  abbr?: string;
  /** The acronym's first appearance on the card: spell `abbr` out after it. */
  explain: boolean;
}

export interface Fact {
  label: string;
  value: Segment[];
}

/** A checked contact: only `https:`, `mailto:` and `tel:` links are ever given. */
export interface Link {
  kind: 'web' | 'email' | 'phone';
  href: string;
  /** What the link says: the address, email or number itself. */
  text: string;
  /** Whose contact it is when it is not the service's own ("Local Offer team"), else empty. */
  label: string;
  /** A general contact, given because the documents print no direct one. */
  general: boolean;
}

export interface EasyReadPart {
  /** Which part this is (`when`: whether it is open, for anything not open). */
  icon: 'what' | 'who' | 'where' | 'how' | 'cost' | 'word' | 'when';
  heading: string;
  sentences: string[];
}

/** A record's card, as the widget shows it. */
export interface Card {
  id: string;
  kind: Kind;
  kindLabel: string;
  title: Segment[];
  summary: Segment[];
  /** Labelled facts: where, ages, needs, cost, how to get it, … */
  facts: Fact[];
  /** Contacts. */
  links: Link[];
  status: Status;
  /** The status badge's words ("Planned: expected 2027"); absent for an open record. */
  badge?: string;
  /** For an ended record: what replaced it, where the documents say. */
  replacedBy: Segment[];
  /** "Tell us this is out of date": an email to the Local Offer team naming this record; absent
   * when the council profile gives no Local Offer email. */
  report?: Link;
  /** The month the record was last checked against the documents ("December 2026"), or empty. */
  lastChecked: string;
  easy: { parts: EasyReadPart[] };
}

/** A filter value and how many records a browse with just that filter lists. */
export interface Facet<K extends string> {
  key: K;
  label: string;
  count: number;
}

export interface AgeStage {
  key: 'early_years' | 'primary' | 'secondary' | 'post_16' | 'young_adult';
  label: string;
  from: number;
  to: number;
  /** Records for some age in the stage. */
  count: number;
}

export interface Facets {
  areas: Facet<Area>[];
  needs: Facet<NeedCode>[];
  needAreas: Facet<NeedArea>[];
  kinds: Facet<Kind>[];
  ages: AgeStage[];
}

/** One glossary meaning of a term. */
export interface Meaning {
  /** The glossary record (`engine.record(id)` gives its card). */
  id: string;
  term: string;
  expansion: string;
  /** What it means, in plain words. */
  meaning: string;
}

/** What `engine.search` resolves to: the hits, best first. */
export interface SearchResults extends Array<SearchHit> {
  /** Only for a chunked index, and only when part of it could not be fetched or was refused
   * (missing, cut short, from another build): a plain message naming each such chunk and why.
   * The hits are then those that could be found without it. A chunk that failed is not fetched
   * again by this engine; open the index again to retry. */
  incomplete?: string;
}

/** One opened index (with its second file, the cards' details). Errors are `Error` objects
 * with a plain message.
 *
 * A chunked index (`manifest.lom`) answers the same calls, fetching what each needs: `search`
 * the chunks of its words, postings and records (each chunk once, kept in memory, shared by
 * searches in flight); `record` the record's doc and easy-read fragments; `facets` nothing (the
 * filter rows are in the manifest); `define` nothing after `open`, which fetches the glossary's
 * chunks before it resolves. One difference: a chunked index has no table of every record id,
 * so `record(id)` knows only records that a search of this engine has given (or whose fragment
 * has arrived), and rejects any other id with a message saying so. */
export interface Engine {
  /** Best first, ranked as the widget ranks. An empty query with filters lists every matching
   * record. */
  search(query: string, options?: SearchOptions): Promise<SearchResults>;
  /** The card of a record, contacts and easy read included. Rejects for an unknown id. */
  record(id: string): Promise<Card>;
  facets(): Facets;
  /** Every glossary meaning of a term (any case; empty if the glossary lacks it). Throws, for a
   * chunked index whose glossary chunks could not be fetched, with the reason. */
  define(term: string): Meaning[];
}

export interface SelectDetail {
  /** The chosen record's id. */
  id: string;
  /** What was typed: only with the `share-query` attribute. */
  query?: string;
}

export interface ListChangeDetail {
  /** The ids on the family's list (a kiosk's printout), in the order they were added. */
  ids: string[];
}

export interface ErrorDetail {
  message: string;
}

/** The `<local-offer-search>` element. */
export interface LocalOfferSearchElement extends HTMLElement {}

export interface LocalOfferSearchConstructor {
  new (): LocalOfferSearchElement;
  readonly prototype: LocalOfferSearchElement;
  /** Opens an index and its second file beside it (resolved against the script's own
   * address). Rejects with an `Error` naming the file that could not be had or read. */
  open(options?: OpenOptions): Promise<Engine>;
}

export declare const LocalOfferSearch: LocalOfferSearchConstructor;
export declare function open(options?: OpenOptions): Promise<Engine>;
export default LocalOfferSearch;

declare global {
  interface Window {
    /** Set by the classic script `local-offer-search.js`. */
    LocalOfferSearch: LocalOfferSearchConstructor;
  }
  interface HTMLElementTagNameMap {
    'local-offer-search': LocalOfferSearchElement;
  }
  /** The element's events; they bubble, so a listener on `document` hears them too. */
  interface GlobalEventHandlersEventMap {
    'local-offer-search:ready': CustomEvent<null>;
    'local-offer-search:error': CustomEvent<ErrorDetail>;
    'local-offer-search:select': CustomEvent<SelectDetail>;
    'local-offer-search:list-change': CustomEvent<ListChangeDetail>;
    /** The older names, kept: detail is the message itself. */
    'local-offer-search-ready': CustomEvent<null>;
    'local-offer-search-error': CustomEvent<string>;
  }
}
