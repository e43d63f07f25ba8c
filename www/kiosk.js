// Family Hub kiosk: keeps the search working offline through the service worker (sw.js).
// A kiosk over a chunked index (index="…/manifest.lom") asks the worker to keep that build's
// files as well.
if ('serviceWorker' in navigator) {
  const chunked = document.querySelector('local-offer-search[index$=".lom"]');
  navigator.serviceWorker.register(chunked ? 'sw.js?chunked' : 'sw.js');
}
