// The ES module build's entry (local-offer-search.mjs, for bundlers and `<script type=module>`):
// the same element and API as local-offer-search.js, resolving the wasm and the index against
// this module's own address, and exported rather than put on `window`.
//
//   import { LocalOfferSearch } from './local-offer-search.mjs';
//   const engine = await LocalOfferSearch.open({ index: 'local-offer.idx' });

import { start, LocalOfferSearch } from './element.js';

start(import.meta.url);

export const open = (options) => LocalOfferSearch.open(options);
export { LocalOfferSearch };
export default LocalOfferSearch;
