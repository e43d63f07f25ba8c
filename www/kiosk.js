// Family Hub kiosk: keeps the search working offline through the service worker (sw.js).
if ('serviceWorker' in navigator) navigator.serviceWorker.register('sw.js');
