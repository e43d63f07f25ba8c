// Listen (issue #14, item 4): "Listen" on each card reads it aloud with the browser's speech
// synthesis, in standard and easy read and on a kiosk, at 320 px and on a desktop. The browser's
// speechSynthesis is replaced by a stub (an init script) that records what it is asked to say,
// at what speed, and each cancel, and reports the voices a test gives it: headless Chromium here
// has no voice, so without the stub the controls stay hidden (as they must). The stub speaks
// nothing and ends an utterance only when the test says so (`__speech.finish()`).

import { test } from 'node:test';
import * as H from './harness.mjs';

const { assert } = H;
const env = H.useSite();
const PHONE = { viewport: { width: 320, height: 640 } };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const IDLE_PAGE = 'test-listen-kiosk-idle.html';

/**
 * The stub, run before the page's scripts. `voices`: what getVoices() lists (`later`: none until
 * a `voiceschanged` a moment after load); `none`: no speechSynthesis at all.
 */
function stub({ voices, none }) {
  if (none) {
    Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
    return;
  }
  const log = (window.__speech = { said: [], cancels: 0 });
  let list = voices === 'later' ? [] : voices;
  let queue = [];
  let current = null;
  const fire = (u, type) => {
    const e = new Event(type);
    u.dispatchEvent(e);
    if (u['on' + type]) u['on' + type](e);
  };
  const next = () => {
    current = queue.shift() || null;
    if (!current) return;
    log.said.push({ text: current.text, rate: current.rate, lang: current.lang, voice: current.voice ? current.voice.name : null });
    fire(current, 'start');
  };
  class Utterance extends EventTarget {
    constructor(text) {
      super();
      Object.assign(this, { text, rate: 1, lang: '', voice: null });
    }
  }
  const synth = new (class extends EventTarget {
    getVoices() {
      return list;
    }
    speak(u) {
      queue.push(u);
      if (!current) next();
    }
    cancel() {
      log.cancels++;
      const was = current;
      queue = [];
      current = null;
      // As browsers do: the utterance cut off ends a moment later.
      if (was) setTimeout(() => fire(was, 'end'), 0);
    }
  })();
  // Ends the utterance being spoken (all of them with `all`); the next starts.
  log.finish = (all) => {
    do {
      const u = current;
      if (!u) return;
      next();
      fire(u, 'end');
    } while (all);
  };
  log.speaking = () => !!current;
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
  if (voices === 'later') {
    setTimeout(() => {
      list = [{ name: 'Test British', lang: 'en-GB' }];
      synth.dispatchEvent(new Event('voiceschanged'));
    }, 200);
  }
}

const VOICES = [
  { name: 'Test American', lang: 'en-US' },
  { name: 'Test British', lang: 'en-GB' },
];

async function openWith(file, options, stubbed = { voices: VOICES }) {
  const opened = await env.open(null, options);
  await opened.page.addInitScript(stub, stubbed);
  if (file) {
    await opened.page.goto(env.url(file));
    await H.waitState(opened.page);
  }
  return opened;
}

async function search(page, q) {
  await H.w(page, '#los-q').fill(q);
  await H.waitFirstResult(page, /./);
  await page.keyboard.press('Escape');
}

/** The first result card's id, its Listen button's words, and the lines it shows, as drawn. */
function firstCard(page) {
  return H.inShadow(page, (host) => {
    const card = host.shadowRoot.querySelector('.los-results > li.los-card');
    const b = card.querySelector('.los-listen');
    return { id: card.id, button: b.textContent, shown: getComputedStyle(b).display !== 'none', text: card.innerText.replace(/\s+/g, ' ') };
  });
}

const said = (page) => page.evaluate(() => window.__speech.said);
const cancels = (page) => page.evaluate(() => window.__speech.cancels);

for (const [size, options] of [['desktop', DESKTOP], ['320 px', PHONE]]) {
  test(`${size}: Listen reads the card it is on, line by line, and says "Stop" while it does; the speed control changes the rate; a new search stops it; axe`, async () => {
    const { page, log } = await openWith('index.html', options);
    await page.waitForSelector(`${H.HOST}[data-speech]`, { state: 'attached' });
    await search(page, 'SEND team contact details');
    let card = await firstCard(page);
    assert.equal(card.shown, true, 'Listen shows where the device has a voice');
    assert.equal(card.button, 'Listen');
    const rate = H.w(page, '#los-rate');
    assert.equal(await rate.isVisible(), true, 'the speed control shows');
    assert.deepEqual(
      await H.inShadow(page, (host) => {
        const s = host.shadowRoot.getElementById('los-rate');
        return { label: s.labels[0].textContent, options: [...s.options].map((o) => o.textContent) };
      }),
      { label: 'Listening speed', options: ['Normal', 'Slower'] },
    );
    const listen = H.w(page, `#${card.id} .los-listen`);
    // By keyboard.
    await listen.focus();
    await page.keyboard.press('Enter');
    assert.equal(await listen.textContent(), 'Stop', 'the button says what pressing it now does');
    let lines = await said(page);
    assert.equal(lines.length, 1, 'one line at a time');
    const title = await H.inShadow(page, (host, id) => host.shadowRoot.querySelector(`#${id} .los-title`).textContent, card.id);
    assert.equal(lines[0].text, title, 'it starts with the title');
    assert.equal(lines[0].lang, 'en-GB');
    assert.equal(lines[0].voice, 'Test British', "the device's British voice");
    assert.equal(lines[0].rate, 1);
    await page.evaluate(() => window.__speech.finish());
    await page.evaluate(() => window.__speech.finish());
    // Slower, while it reads: it goes on from the line being read, slower.
    const at = (await said(page)).length - 1;
    const current = (await said(page))[at].text;
    const before = await cancels(page);
    await rate.selectOption({ label: 'Slower' });
    lines = await said(page);
    assert.equal(await cancels(page), before + 1, 'the line being read stops');
    assert.deepEqual(lines.at(-1), { ...lines[at], rate: 0.75 }, `and starts again slower (${current})`);
    await page.evaluate(() => window.__speech.finish(true));
    assert.equal(await listen.textContent(), 'Listen', 'back to "Listen" once the card is read');
    lines = (await said(page)).map((l) => l.text);
    const unique = [...new Set(lines)];
    // Every line is words the card shows, none a control's; the card's contacts among them.
    card = await firstCard(page);
    for (const l of unique) {
      assert.ok(card.text.includes(l.replace(/: /, ' ')) || card.text.includes(l), `"${l}" is on the card`);
      assert.doesNotMatch(l, /^(Listen|Stop|Add to my list|Remove from my list)$/, 'no button is read');
    }
    const show = H.cliShow(card.id.replace(/^los-result-/, ''));
    assert.ok(unique.some((l) => l.includes(show.summary.slice(0, 30))), 'the summary is read');
    assert.ok(unique.some((l) => /^(Phone|Email|Website): /.test(l)), `a contact is read (${unique.join(' | ')})`);
    assert.ok(unique.some((l) => /^Ages: /.test(l)) || !/Ages/.test(card.text), 'a fact is read as "term: value"');

    // Reading again, then a new search: the card goes, and so does the speech.
    await listen.click();
    assert.equal(await listen.textContent(), 'Stop');
    const button = await listen.elementHandle();
    const c0 = await cancels(page);
    await H.w(page, '#los-q').fill('speech and language therapy');
    await H.waitFirstResult(page, /./);
    await page.waitForFunction((n) => window.__speech.cancels > n, c0);
    assert.equal(await button.evaluate((b) => b.isConnected), false, 'the card left the results');
    assert.equal(await button.evaluate((b) => b.textContent), 'Listen', 'its button says "Listen" again');
    assert.equal(await page.evaluate(() => window.__speech.speaking()), false, 'nothing is being said');
    // Another card's Listen stops the first.
    await page.keyboard.press('Escape');
    const buttons = H.w(page, '.los-results > li.los-card .los-listen');
    await buttons.nth(0).click();
    await buttons.nth(1).click();
    assert.deepEqual([await buttons.nth(0).textContent(), await buttons.nth(1).textContent()], ['Listen', 'Stop']);
    await buttons.nth(1).click();
    assert.equal(await buttons.nth(1).textContent(), 'Listen', '"Stop" stops');
    assert.equal(await page.evaluate(() => window.__speech.speaking()), false);

    if (size === '320 px') {
      const wide = await H.overflowingElements(page);
      assert.deepEqual(wide, [], 'nothing wider than 320 px');
    }
    const results = await H.axe(page);
    assert.equal(results.violations.length, 0, `axe with the Listen controls:\n${H.describeViolations(results.violations)}`);
    H.assertClean(log);
  });
}

test('easy read: Listen reads the easy-read sentences, and turning easy read on or off while it reads stops it', async () => {
  const { page, log } = await openWith('index.html', DESKTOP);
  await page.waitForSelector(`${H.HOST}[data-speech]`, { state: 'attached' });
  await search(page, 'autism');
  const card = await firstCard(page);
  const listen = H.w(page, `#${card.id} .los-listen`);
  await listen.click();
  await H.w(page, '.los-easy-toggle').click();
  await page.waitForFunction(() => window.__speech.cancels > 0);
  assert.equal(await listen.textContent(), 'Listen', 'the view changed: reading stopped');
  const standard = (await said(page)).map((l) => l.text);
  await listen.click();
  await page.evaluate(() => window.__speech.finish(true));
  const easy = (await said(page)).slice(standard.length).map((l) => l.text);
  const parts = await H.inShadow(
    page,
    (host, id) => [...host.shadowRoot.querySelectorAll(`#${id} .los-easy :is(.los-part-heading,.los-sentence)`)].map((e) => e.textContent),
    card.id,
  );
  assert.ok(parts.length > 2, 'the card has easy-read parts');
  for (const p of parts) assert.ok(easy.includes(p), `"${p}" is read in easy read`);
  const summary = await H.inShadow(page, (host, id) => host.shadowRoot.querySelector(`#${id} .los-summary`).textContent, card.id);
  assert.ok(!easy.includes(summary) || parts.includes(summary), 'the standard summary, hidden in easy read, is not read');
  const results = await H.axe(page);
  assert.equal(results.violations.length, 0, `axe in easy read with Listen:\n${H.describeViolations(results.violations)}`);
  H.assertClean(log);
});

test('hidden where the browser cannot speak: no speechSynthesis, or no voice (until one arrives); the Listen script is fetched only then', async () => {
  {
    const { page, log } = await openWith('index.html', DESKTOP, { none: true });
    await search(page, 'autism');
    assert.equal((await firstCard(page)).shown, false, 'no Listen without speechSynthesis');
    assert.equal(await H.w(page, '.los-rate-field').isVisible(), false, 'nor the speed control');
    assert.ok(!log.requests.some((u) => u.includes('listen')), 'the Listen script is not fetched');
    H.assertClean(log);
  }
  const { page, log } = await openWith(null, DESKTOP, { voices: 'later' });
  await page.goto(env.url('index.html'));
  await H.waitState(page);
  await search(page, 'autism');
  const shown = await page.evaluate((h) => document.querySelector(h).hasAttribute('data-speech'), H.HOST);
  if (!shown) assert.equal((await firstCard(page)).shown, false, 'no Listen before the device lists a voice');
  await page.waitForSelector(`${H.HOST}[data-speech]`, { state: 'attached' });
  assert.equal((await firstCard(page)).shown, true, 'Listen once a voice arrives');
  assert.ok(log.requests.some((u) => u.endsWith('/local-offer-search-listen.mjs')), 'its script came then');
  H.assertClean(log);
});

test('kiosk, 320 px and desktop: Listen and the speed control are 44 px targets; reading counts as activity, the idle warning stops it, and the reset puts the speed back, even when it was all a family changed', { timeout: 90_000 }, async () => {
  H.writeSiteFile(IDLE_PAGE, H.pageWith('kiosk.html', 'mode="kiosk" idle-timeout="60"', { dropScripts: ['kiosk.js'] }));
  try {
    for (const options of [PHONE, DESKTOP]) {
      const { page, log } = await openWith(null, options);
      await page.clock.install();
      await page.goto(env.url(IDLE_PAGE));
      await H.waitState(page);
      await page.waitForSelector(`${H.HOST}[data-speech]`, { state: 'attached' });
      await search(page, 'autism');
      const sizes = (await H.targetSizes(page)).filter((t) => /los-listen|los-rate/.test(t.label));
      assert.ok(sizes.length > 2, 'Listen buttons and the speed control are there');
      for (const t of sizes) assert.ok(t.width >= 44 && t.height >= 44, `${t.label}: ${t.width}×${t.height}`);
      if (options === PHONE) assert.deepEqual(await H.overflowingElements(page), [], 'nothing wider than 320 px');
      // axe now, on a clock that runs as the wall clock does: the scan ends long before the
      // 60 s idle timeout (a paused clock would stop the scan's own frames).
      const results = await H.axe(page);
      assert.equal(results.violations.length, 0, `axe on the kiosk with Listen:\n${H.describeViolations(results.violations)}`);
      await H.w(page, '#los-rate').selectOption({ label: 'Slower' });
      const card = await firstCard(page);
      const listen = H.w(page, `#${card.id} .los-listen`);
      await listen.click();
      assert.equal((await said(page))[0].rate, 0.75);
      const warned = () => H.inShadow(page, (host) => !host.shadowRoot.querySelector('.los-idle').hidden);
      // A family listening is still there: each line begun counts as activity, so 100 s with
      // no touch but a new line at 50 s brings no warning...
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
      await page.clock.runFor(50_000);
      await page.evaluate(() => window.__speech.finish());
      await page.clock.runFor(50_000);
      assert.equal(await warned(), false, 'no warning while a card is read line by line');
      assert.equal(await listen.textContent(), 'Stop');
      // ...but a line that never ends (a stalled voice) holds it off no longer: the warning
      // comes, and stops the reading; then the reset clears the search and the speed.
      await page.clock.runFor(12_000);
      assert.equal(await warned(), true, 'the warning is up');
      assert.equal(await page.evaluate(() => window.__speech.speaking()), false, 'reading stopped for the warning');
      assert.equal(await listen.textContent(), 'Listen');
      await page.clock.runFor(31_000);
      assert.equal(await H.w(page, '#los-q').inputValue(), '', 'the search was cleared');
      assert.equal(await H.w(page, '#los-rate').inputValue(), '1', 'the speed is back to normal');
      // A speed chosen and nothing else is still a trace of the last family: it is reset too.
      await H.w(page, '#los-rate').selectOption({ label: 'Slower' });
      await page.clock.runFor(62_000);
      assert.equal(await warned(), true, 'a speed chosen alone brings the warning');
      await page.clock.runFor(31_000);
      assert.equal(await H.w(page, '#los-rate').inputValue(), '1', 'and the reset puts the speed back');
      await page.clock.resume();
      H.assertClean(log);
    }
  } finally {
    H.removeSiteFiles(IDLE_PAGE);
  }
});
