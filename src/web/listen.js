// Listen: reads a result card aloud with the device's own speech synthesis
// (window.speechSynthesis). It works offline wherever the device has a voice, and nothing is
// sent anywhere. The wasm builds the controls with the rest of the widget ("Listen" on each card,
// the "Listening speed" select: docs/WIDGET.md); this module gives them their behaviour. It is
// script, not web-sys, because the speech needs nothing from the engine (it reads the words the
// card shows) and the Web Speech API's bindings would grow the wasm every family downloads; and
// it is a module of its own (`cargo xtask demo` builds local-offer-search-listen.mjs from it),
// which element.js imports once the widget is ready and only where the device has a voice, so
// the first search never waits for it.
//
// - The controls show only where there is a voice: the element gets `data-speech` (the
//   stylesheet hides them without it) once speechSynthesis lists one, which some browsers do
//   only after `voiceschanged`.
// - It reads what the card shows, in the view it is in (standard or easy read): its text line
//   by line as drawn (a term and its value, "Ages: 0 to 25", on one line), leaving out buttons and
//   QR codes. One utterance a line, so a change of speed goes on from the current line, and no
//   utterance is long enough to meet Chrome's cut-off of long speech.
// - The button says what it will do: "Listen", and "Stop" while its card is read (a changing
//   label, not aria-pressed: a toggle's name must not change, and "Stop" is what a press does).
// - It stops when the card changes: when the card leaves the page or is hidden, or shows other
//   words (the other view, a rebuilt card), when another card is read, when the kiosk's idle
//   warning or reset comes, and when the page is left. Any other page change leaves it reading.

/** What a card's button says while it is read, and otherwise. */
const STOP = 'Stop';
const LISTEN = 'Listen';
/** What is never read: controls and pictures. */
const SKIP = /^(button|select|figure|svg|script|style)$/;

/** The card being read on this page (one voice for the page, whichever widget asked). */
let reading = null;

/** The lines of text `card` shows, as drawn. */
function cardLines(card) {
  const out = [''];
  const walk = (node) => {
    for (const n of node.childNodes) {
      if (n.nodeType === Node.TEXT_NODE) {
        out[out.length - 1] += n.data;
        continue;
      }
      if (n.nodeType !== Node.ELEMENT_NODE || SKIP.test(n.localName)) continue;
      const display = getComputedStyle(n).display;
      if (display === 'none') continue;
      const term = n.localName === 'dt';
      const inline = term || n.localName === 'dd' || display.startsWith('inline') || display === 'contents';
      if (!inline) out.push('');
      walk(n);
      if (term) out[out.length - 1] += ': ';
      if (!inline) out.push('');
    }
  };
  walk(card);
  return out.map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l);
}

/**
 * Gives the Listen controls in `root` (the shadow root of `host`) their behaviour. Returns
 * `stop(forget)`: stops reading, and with `forget` also puts the speed back to normal (the
 * kiosk's reset).
 */
export function listen(host, root) {
  const synth = window.speechSynthesis;
  const Utterance = window.SpeechSynthesisUtterance;
  if (!synth || typeof Utterance !== 'function') return () => {};
  const voices = () => {
    try {
      return synth.getVoices() || [];
    } catch (e) {
      return [];
    }
  };
  const check = () => host.toggleAttribute('data-speech', voices().length > 0);
  check();
  if (synth.addEventListener) synth.addEventListener('voiceschanged', check);
  // An English voice for English words: the device's British one if it has one.
  const voice = () => {
    const all = voices();
    return all.find((v) => /^en[-_]GB$/i.test(v.lang)) || all.find((v) => /^en\b/i.test(v.lang)) || null;
  };
  const speed = () => root.getElementById('los-rate');
  const rate = () => {
    const r = parseFloat(speed()?.value);
    return r >= 0.5 && r <= 2 ? r : 1;
  };

  // Stops when the card changes (see the top of this file); connected only while reading.
  const watch = new MutationObserver(() => {
    const r = reading;
    if (!r || r.root !== root) return;
    const { card } = r;
    if (!card.isConnected || card.closest('[hidden],[inert]') || cardLines(card).join('\n') !== r.lines.join('\n')) {
      stopReading();
    }
  });

  // Queues the card's lines from line `from`, at the speed chosen now.
  const speak = (r, from) => {
    const token = (r.token = {});
    const [pace, v] = [rate(), voice()];
    r.utterances = r.lines.slice(from).map((line, k) => {
      const i = from + k;
      const u = new Utterance(line);
      u.lang = v ? v.lang : 'en-GB';
      if (v) u.voice = v;
      u.rate = pace;
      u.onstart = () => {
        if (r.token !== token) return;
        r.at = i;
        // A kiosk counts a line begun as activity (the family is listening): no idle warning
        // while a card is read, however long, yet a voice that stalls does not hold it off.
        dispatchEvent(new Event('los-read'));
      };
      // The last line ended, or speech failed or was cut off (by another page's speech, say).
      u.onend = u.onerror = (e) => {
        if (reading === r && r.token === token && (e.type === 'error' || i === r.lines.length - 1)) stopReading();
      };
      return u;
    });
    // Kept in `r` until they are done: a browser may drop an utterance nobody holds unspoken.
    for (const u of r.utterances) synth.speak(u);
  };

  root.addEventListener('click', (e) => {
    const button = e.target.closest && e.target.closest('.los-listen');
    if (!button) return;
    const mine = reading && reading.button === button;
    stopReading();
    if (mine) return;
    const card = button.closest('.los-card');
    const lines = card ? cardLines(card) : [];
    if (!lines.length) return;
    const r = { root, button, card, lines, at: 0, stop: () => watch.disconnect() };
    reading = r;
    button.textContent = STOP;
    watch.observe(root, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['hidden', 'inert', 'data-view'],
    });
    speak(r, 0);
  });
  // A new speed goes on from the line being read.
  root.addEventListener('change', (e) => {
    const r = reading;
    if (e.target !== speed() || !r || r.root !== root) return;
    r.token = null;
    synth.cancel();
    speak(r, r.at);
  });
  return (forget) => {
    if (reading && reading.root === root) stopReading();
    const s = speed();
    if (forget && s) s.selectedIndex = 0;
  };
}

/** Stops the card being read, if any, and gives its button back its word. */
function stopReading() {
  const r = reading;
  if (!r) return;
  reading = null;
  r.token = null;
  r.stop();
  r.button.textContent = LISTEN;
  window.speechSynthesis.cancel();
}

// Speech can outlive the page in some browsers: it stops when the page goes.
addEventListener('pagehide', stopReading);
