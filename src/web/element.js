// <local-offer-search>: the one script a page loads. It defines the element, fetches the wasm and
// the index (resolved against this script's own address, so a partner's page can embed it with
// one tag), gives the element an open shadow root with the widget's stylesheet adopted into it,
// and hands the rest to the wasm. `cargo xtask demo` bundles this file with wasm-bindgen's glue
// and widget.css into local-offer-search.js, and (through module.js) into the ES module build
// local-offer-search.mjs.
//
// The same class is the JavaScript API for partners who build their own interface:
// `LocalOfferSearch.open({ index })` gives an engine (search, record, facets, define; see api.js,
// loaded on the first call with a wasm of its own); its types are in local-offer-search.d.ts.
//
// The element's events for the page (local-offer-search:select, :list-change, :ready, :error)
// are built here: the wasm hands over plain strings (see `tell` below), so the wasm every family
// downloads carries no serialiser for them.
//
// Nothing here puts data into the page as HTML: messages are set with textContent.

import init, { mount, showError } from './local_offer_search.js';
import css from './widget.css';

// Where the wasm and the index are resolved from: this script's own address. The ES module
// build has no currentScript; module.js passes import.meta.url to start() instead.
const script = document.currentScript;
let base = script && script.src ? script.src : document.baseURI;
const asset = (name) => new URL(name, base).href;

// A kiosk loads the build with the QR encoder, the printout and the idle reset; every other page
// the smaller one. The two share this glue, and a page gets one of them: the kiosk's if a kiosk
// element is on the page when the first element starts. The other build has no kiosk in it.
// A chunked index (index="…/manifest.lom": a region's or a nation's directory) needs the builds
// that read one, whose own glue comes with the chunk loader (chunks.js,
// local-offer-search-chunks.mjs, which fetches the wasm): imported only then, while the index is
// fetched, when the first element to start has such an index (the chunked builds read one file
// too). `lib` is the glue the element mounts with.
let wasm;
let lib = { mount, showError };
let kioskBuild = false;
function load(kiosk = false, chunked) {
  if (!wasm) {
    kioskBuild = kiosk || !!document.querySelector('local-offer-search[mode="kiosk"]');
    const file = kioskBuild ? 'local-offer-search-kiosk_bg.wasm' : 'local-offer-search_bg.wasm';
    wasm = chunked
      ? import(asset('local-offer-search-chunks.mjs')).then((m) => (lib = m).load(asset, kioskBuild))
      : init({ module_or_path: fetch(asset(file)) });
  }
  return wasm;
}

// The easy-read sentences live in a file of their own beside the index (local-offer.idx →
// local-offer.easy), so the first search does not wait for them: they are fetched once the
// widget is ready, or at once when easy read is already on.
const EASY_KEY = 'local-offer-search:easy-read';
function easyUrl(indexUrl) {
  const u = new URL(indexUrl);
  u.pathname = u.pathname.replace(/\.idx$/, '') + '.easy';
  return u.href;
}
function easyRemembered() {
  try {
    return window.localStorage.getItem(EASY_KEY) === '1';
  } catch (e) {
    return false;
  }
}

let sheet;
function adopt(root) {
  try {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    root.adoptedStyleSheets = [sheet];
  } catch (e) {
    // A browser without constructed stylesheets shows the widget unstyled but usable.
  }
}

// The widget draws in the page's own font, as the text around it does, unless the page sets
// --los-font. The shadow root's `all: initial` keeps every other inherited style out, so the
// font is handed in as --los-host-font: the font the element's parent gives its text, or, where
// that is only the browser's default (a GOV.UK Frontend page styles its text by class, not on
// <body>), the font of the nearest paragraph. Left unset when there is nothing but the default.
function hostFont(el) {
  const font = (e) => getComputedStyle(e).fontFamily;
  const plain = font(el); // the host's own, after `all: initial`: the browser's default
  let found = el.parentElement ? font(el.parentElement) : plain;
  for (let a = el.parentElement; found === plain && a; a = a.parentElement) {
    const p = a.querySelector('p');
    if (p) {
      found = font(p);
      break;
    }
  }
  if (found !== plain) el.style.setProperty('--los-host-font', found);
}

// The message shown when the wasm itself cannot run: built with plain DOM calls.
function plainError(root, message) {
  root.replaceChildren();
  const box = document.createElement('div');
  box.className = 'los los-error';
  box.setAttribute('role', 'alert');
  const title = document.createElement('p');
  title.className = 'los-error-title';
  title.textContent = 'Sorry, the Local Offer search is not working at the moment.';
  const detail = document.createElement('p');
  detail.className = 'los-error-detail';
  detail.textContent = message;
  box.append(title, detail);
  root.append(box);
}

// The council's Local Offer team, under any error message (the plain one above or the wasm's):
// the page's contact-email attribute, when it is an email address by the browser's own rule
// (an <input type=email>) and makes a mailto: link to that one address (the browser's URL
// parser finds no ?query or #fragment in it: HTML allows `?` before the @). It cannot come
// from the index, which is what failed; with no valid address there is no contact line.
function addContact(root, email) {
  const box = root.querySelector('[role=alert]');
  if (!box || !email) return;
  const probe = document.createElement('input');
  probe.type = 'email';
  probe.value = email;
  const url = probe.value && probe.checkValidity() ? new URL('mailto:' + probe.value) : null;
  if (!url || url.search || url.hash) {
    console.warn(`<local-offer-search>: contact-email "${email}" is not an email address; no contact shown`);
    return;
  }
  const help = document.createElement('p');
  help.textContent = 'You can still ask the Local Offer team for help: ';
  const link = document.createElement('a');
  link.className = 'los-link';
  link.href = 'mailto:' + probe.value;
  link.textContent = probe.value;
  help.append(link);
  box.append(help);
}

// The JavaScript API lives in a module of its own with its own wasm
// (local-offer-search-api.mjs, local-offer-search-api_bg.wasm), fetched the first time a page
// calls open(): pages that only show the widget never download it.
let api;
function open(options) {
  if (!api) {
    api = import(asset('local-offer-search-api.mjs'));
    api.catch(() => {
      api = undefined;
    });
  }
  const index = asset((options && options.index) || 'local-offer.idx');
  return api.then(
    (m) => m.open({ ...options, index }),
    (e) => {
      throw new Error(`the search engine could not be loaded (${e && e.message})`);
    },
  );
}

// The search lives in the page's address (issue 14, item 3): what is in the box, the filters
// and the card a family chose are kept in the fragment as `los-q`, `los-kind`, `los-district`,
// `los-age`, `los-need` and `los-card` (the fields' own ids), beside anything else the page keeps
// there (`#section-2`, a shared `los-list`), which is left as it is. Only the fragment: nothing
// of it is ever sent in a request. Typing replaces the current history entry (once keys pause
// for 150 ms, so the results are drawn before the address is written); the first
// change after a search has settled (typing paused, Enter, a filter, a click) adds one, so Back
// and Forward step through searches, and a copied address opens the same search. A kiosk keeps
// nothing in the address, and only the first widget on a page uses it. This is DOM glue: it reads
// and sets the fields as a family would, and the wasm searches on the `change` it sees.
const OURS = /^los-(q|kind|district|age|need|card)\b/;
let addressed;
function address(el, root) {
  if (addressed || el.getAttribute('mode') === 'kiosk') return () => {};
  addressed = 1;
  const fields = [...root.querySelectorAll('#los-q,.los-select')]; // their ids are the keys
  const parts = () => location.hash.slice(1).split('&').filter((p) => p);
  const search = () => new URLSearchParams(fields.filter((f) => f.value).map((f) => [f.id, f.value])) + '';
  // chosen: the chosen card ({ id, at }), kept while the search it was chosen in is shown;
  // typing: the typing-pause timer, while keystrokes replace the current entry.
  let chosen, typing, applying;
  // The addresses this widget wrote (and the one it was opened at): Back and Forward to one of
  // them put its search back, even an empty one. A page's own fragment links (`#section-2`, a
  // list's `#los-list=`) leave the search as it is.
  const ours = new Set([location.href]);
  // pending: a keystroke's address, written once typing pauses for a moment: a history call
  // costs more than the search itself, and the results must reach the screen first.
  let pending = 0;
  const write = (keystroke) => {
    pending = 0;
    const s = search();
    if (chosen && chosen.at !== s) chosen = 0;
    const all = [...parts().filter((p) => !OURS.test(p)), s, chosen && `los-card=${encodeURIComponent(chosen.id)}`]
      .filter((p) => p)
      .join('&');
    const next = location.href.split('#')[0] + (all && `#${all}`);
    if (next !== location.href) {
      history[typing && keystroke ? 'replaceState' : 'pushState'](history.state, '', next);
      ours.add(location.href);
    }
    clearTimeout(typing);
    typing = keystroke && setTimeout(() => (typing = 0), 1400);
  };
  const sync = (e) => {
    if (applying || (e.key && e.key !== 'Enter' && e.key !== 'Escape')) return;
    const keystroke = e.type === 'input' && e.target === fields[0];
    if (pending || keystroke) clearTimeout(pending);
    if (keystroke) {
      pending = setTimeout(() => write(true), 150);
      return;
    }
    // Anything else (Enter, a filter, a click) writes the typing first, then its own change.
    if (pending) write(true);
    write(false);
  };
  // The fragment's search into the fields, then one `change` for the wasm to search on.
  const apply = () => {
    clearTimeout(pending);
    pending = 0;
    const p = new URLSearchParams(location.hash.slice(1));
    for (const f of fields) {
      f.value = p.get(f.id) || '';
      if (f.selectedIndex < 0) f.selectedIndex = 0;
    }
    applying = 1;
    fields[1].dispatchEvent(new Event('change', { bubbles: true }));
    applying = typing = 0;
    const li = root.getElementById(`los-result-${p.get('los-card')}`);
    chosen = li && { id: p.get('los-card'), at: search() };
    if (li) {
      li.focus();
      li.scrollIntoView();
    }
  };
  for (const t of ['input', 'change', 'click', 'keydown']) root.addEventListener(t, sync);
  addEventListener('popstate', () => (ours.has(location.href) || parts().some((p) => OURS.test(p))) && apply());
  if (parts().some((p) => OURS.test(p))) apply();
  return (id) => (chosen = { id, at: search() });
}

// A pointer press outside the open suggestions closes them (the search box loses focus) and
// does what was pressed. The list sits in the widget's flow, so it covers nothing; it keeps its
// room until the press ends, so what was pressed does not move away under the pointer.
function holdList(root) {
  const combo = root.querySelector('.los-combo');
  root.addEventListener('pointerdown', (e) => {
    if (combo.contains(e.target)) return;
    combo.style.minHeight = `${combo.offsetHeight}px`;
    const free = () => setTimeout(() => (combo.style.minHeight = ''));
    for (const t of ['pointerup', 'pointercancel']) addEventListener(t, free, { once: true });
  });
}

// Fires `local-offer-search:NAME` on `el`, bubbling, for the page's listeners.
function announce(el, name, detail = null) {
  el.dispatchEvent(new CustomEvent(`local-offer-search:${name}`, { bubbles: true, detail }));
}

class LocalOfferSearch extends HTMLElement {
  static load() {
    return load();
  }

  /** The JavaScript API: `await LocalOfferSearch.open({ index: 'local-offer.idx' })`. */
  static open(options) {
    return open(options);
  }

  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    adopt(root);
    hostFont(this);
    const fail = (message) => {
      addContact(root, this.getAttribute('contact-email'));
      // The technical reason is for whoever runs the site; families see plain words.
      console.warn(`<local-offer-search>: ${message}`);
      this.setAttribute('data-state', 'error');
      this.dispatchEvent(new CustomEvent('local-offer-search-error', { bubbles: true, detail: message }));
      announce(this, 'error', { message });
    };
    // What the widget tells the page, as plain strings: a chosen record's id (with what was
    // typed, passed on only when the page sets share-query), or the family's list, one id a line
    // (and, from a kiosk, its idle warning's news, for `idle` above).
    // The events are dispatched once the wasm has returned (a microtask), so a page's listener
    // never runs while the widget is busy, and nothing thrown reaches the wasm (which calls
    // this without catching).
    let chose = () => {};
    // Listen (read aloud): its script, local-offer-search-listen.mjs (built from listen.js),
    // is fetched once the widget is built and only where the device has a voice, so the first
    // search never waits for it; it then shows the Listen controls.
    let listening = null;
    const stopListening = (forget) => listening && listening.then((stop) => stop(forget));
    // The kiosk's idle warning asks, as it shows ('warn'), is answered ('answer') or clears the
    // search ('reset'), for what its wasm does not call itself (the two builds share one glue,
    // so the kiosk's code may call no browser function the family's does not): focus put back
    // where it was without scrolling the page, after a reset the page at its top with focus in
    // the search box, and reading aloud stopped (after a reset, at normal speed again).
    let before = null;
    const idle = (what) => {
      stopListening(what === 'reset');
      if (what === 'warn') {
        before = root.activeElement;
        return;
      }
      const box = root.getElementById('los-q');
      const back = what === 'answer' && before && before.isConnected ? before : box;
      before = null;
      if (back) back.focus({ preventScroll: true });
      if (box && root.activeElement !== back) box.focus({ preventScroll: true });
      if (what === 'reset') window.scrollTo(0, 0);
    };
    const tell = (name, value, query) => {
      if (name === 'idle') {
        // At once, not as an event: the wasm moves focus next. Nothing thrown reaches it.
        try {
          idle(value);
        } catch (e) {
          console.warn(`<local-offer-search>: ${e}`);
        }
        return;
      }
      if (name === 'select') chose(value);
      const detail =
        name === 'select'
          ? this.hasAttribute('share-query') ? { id: value, query } : { id: value }
          : { ids: value ? value.split('\n') : [] };
      queueMicrotask(() => announce(this, name, detail));
    };
    if (typeof WebAssembly !== 'object') {
      plainError(root, 'This search needs a newer web browser.');
      fail('no WebAssembly');
      return;
    }
    this.setAttribute('data-state', 'loading');
    const indexUrl = asset(this.getAttribute('index') || 'local-offer.idx');
    const data = fetch(indexUrl).then((r) => {
      if (!r.ok) throw new Error(`The search could not load its information (error ${r.status}).`);
      return r.arrayBuffer();
    }, () => {
      throw new Error('The search could not load its information. Check your internet connection.');
    });
    // Handled below once the wasm is ready; without this, a failed fetch that settles first
    // would be reported as an unhandled rejection.
    data.catch(() => {});
    let easy = null;
    const fetchEasy = () => {
      if (!easy) {
        easy = fetch(easyUrl(indexUrl)).then((r) => {
          if (!r.ok) throw new Error(`error ${r.status}`);
          return r.arrayBuffer();
        });
        easy.catch(() => {});
      }
      return easy;
    };
    // Over a chunked index, easy read comes with each record's fragment (chunks.js).
    const chunked = /\.lom$/.test(indexUrl);
    const wantsEasy = !chunked && (this.hasAttribute('easy-read') || easyRemembered());
    if (wantsEasy) fetchEasy();
    const giveEasy = () => fetchEasy().then((buf) => {
      try {
        this.widget.attachEasyRead(new Uint8Array(buf));
        this.setAttribute('data-easy', 'ready');
      } catch (e) {
        console.warn(`<local-offer-search>: ${e}`);
        this.setAttribute('data-easy', 'error');
      }
    }, (e) => {
      console.warn(`<local-offer-search>: the easy-read file could not be loaded (${e.message})`);
      try {
        this.widget.easyReadFailed();
      } catch (err) {
        // The widget keeps its standard view.
      }
      this.setAttribute('data-easy', 'error');
    });
    // Once the easy-read file has settled (the cards show its details), the cards are built
    // ahead of typing in the page's idle time, 5 ms at a time, so a keystroke that
    // shows a record for the first time does not wait for its card to be built.
    const warm = () => {
      const until = performance.now() + 5;
      let more = this.isConnected;
      while (more && performance.now() < until) more = this.widget.warmCard();
      if (more) (window.requestIdleCallback || setTimeout)(warm);
    };
    const kiosk = this.getAttribute('mode') === 'kiosk';
    const ready = load(kiosk, chunked);
    if (kiosk && !kioskBuild) {
      // A kiosk added after the page loaded the other build: never a kiosk whose links lead
      // away and which does not clear itself.
      plainError(root, 'This screen needs the kiosk version of the search. Reloading the page may help.');
      fail('mode="kiosk" needs local-offer-search-kiosk_bg.wasm, and this page loaded the other build');
      return;
    }
    ready
      .then(
        // The chunked build's mount is a promise (its index's base arrives first).
        () => data.then(async (buf) => {
          try {
            this.widget = await lib.mount(root, this, new Uint8Array(buf), tell, indexUrl);
            chose = address(this, root);
            holdList(root);
            const speech = window.speechSynthesis;
            const loadListen = () => {
              if (listening || !speech.getVoices().length) return;
              listening = import(asset('local-offer-search-listen.mjs')).then(
                (m) => m.listen(this, root),
                // The search works without reading aloud; its controls stay hidden.
                (e) => () => console.warn(`<local-offer-search>: Listen could not be loaded (${e})`),
              );
            };
            if (speech && speech.addEventListener) {
              loadListen();
              speech.addEventListener('voiceschanged', loadListen);
            }
            this.setAttribute('data-state', 'ready');
            this.dispatchEvent(new CustomEvent('local-offer-search-ready', { bubbles: true }));
            announce(this, 'ready');
            if (wantsEasy) giveEasy().then(warm);
            else if (!chunked) setTimeout(() => giveEasy().then(warm), 0);
          } catch (e) {
            // mount shows the reason for a bad index itself. If the wasm stopped before it
            // could (a trap, from a file crafted to pass the checks), say so here.
            if (!root.querySelector('[role=alert]')) {
              plainError(root, 'The search stopped unexpectedly. Reloading the page may help.');
            }
            fail(String(e));
          }
        }, (e) => {
          lib.showError(root, e.message);
          fail(e.message);
        }),
        () => {
          plainError(root, 'The search could not start in this browser.');
          fail('wasm did not load');
        },
      );
  }
}

// Defines the element (the first script on a page to do so wins), with `from` the address the
// wasm and index are found beside.
export function start(from) {
  base = from;
  if (!customElements.get('local-offer-search')) {
    customElements.define('local-offer-search', LocalOfferSearch);
  }
}

export { LocalOfferSearch };

// The classic script starts itself and is the page's `window.LocalOfferSearch`; the ES module
// build (LOS_MODULE is defined there) is started by module.js and only exports.
if (typeof LOS_MODULE === 'undefined') {
  start(base);
  if (!window.LocalOfferSearch) window.LocalOfferSearch = LocalOfferSearch;
}
