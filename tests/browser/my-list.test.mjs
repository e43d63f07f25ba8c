// My list in every mode (issue #14, item 2): "Add to my list" on every card (a toggle with
// aria-pressed), "My list (N)" always there, the list kept on the device (a versioned key; a bad
// or old value is ignored), printed alone with how to get each record and its contacts, shared
// as a link whose fragment holds the record ids (opening it shows that list), and on a kiosk a
// QR code of that link and nothing kept. At 320 px and desktop, standard and easy read, with axe.

import { test } from 'node:test';
import * as H from './harness.mjs';

const { assert } = H;
const env = H.useSite();
const KEY = 'local-offer-search:my-list:v1';
const PHONE = { viewport: { width: 320, height: 640 } };
const DESKTOP = { viewport: { width: 1280, height: 900 } };

/** The list as the widget shows it: the button's words, whether it shows, its records. */
function listState(page) {
  return H.inShadow(page, (host) => {
    const root = host.shadowRoot;
    const sec = root.querySelector('.los-printout');
    return {
      button: root.querySelector('.los-list-toggle').textContent,
      shown: !sec.hidden,
      titles: [...sec.querySelectorAll('.los-printout-list > li > strong')].map((s) => s.textContent),
      lines: [...sec.querySelectorAll('.los-printout-line')].map((s) => s.textContent),
      share: sec.querySelector('.los-list-share a')?.getAttribute('href') ?? null,
      qr: !!sec.querySelector('.los-list-share svg'),
      empty: !sec.querySelector('.los-list-empty').hidden,
    };
  });
}

/** The id of the record of the `n`th result card. */
function resultId(page, n) {
  return H.inShadow(
    page,
    (host, i) => host.shadowRoot.querySelectorAll('.los-results > li.los-card')[i].id.replace(/^los-result-/, ''),
    n,
  );
}

async function search(page, q, re) {
  await H.w(page, '#los-q').fill(q);
  await H.waitFirstResult(page, re);
  await page.keyboard.press('Escape');
}

for (const [size, options] of [['desktop', DESKTOP], ['320 px', PHONE]]) {
  test(`${size}: "Add to my list" toggles with aria-pressed, "My list (N)" counts, the list shows how to get it and the contacts, and it is kept on the device`, async () => {
    const { page, log } = await env.open('index.html', options);
    assert.equal((await listState(page)).button, 'My list (0)');
    await search(page, 'SEND team contact details', /contact details/);
    const id = await resultId(page, 0);
    const pick = H.w(page, `#los-result-${id} .los-pick`);
    assert.equal(await pick.getAttribute('aria-pressed'), 'false');
    assert.equal(await pick.textContent(), 'Add to my list');
    // By keyboard: focus the button and press Space.
    await pick.focus();
    await page.keyboard.press('Space');
    assert.equal(await pick.getAttribute('aria-pressed'), 'true');
    assert.equal(await pick.textContent(), 'Remove from my list');
    let s = await listState(page);
    assert.equal(s.button, 'My list (1)');
    assert.equal(s.shown, true);
    assert.equal(s.titles.length, 1);
    assert.ok(s.lines.some((l) => /^How to get it: /.test(l)), `how to get it: ${s.lines}`);
    assert.ok(s.lines.includes('Email: sen@worcschildrenfirst.org.uk'), `contacts: ${s.lines}`);
    assert.equal(s.share, `#los-list=${id}`, 'the link to share holds the id in the fragment');
    assert.equal(s.qr, false, 'no QR code off a kiosk');
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), id);

    // Kept on the device: after a reload the list and the card's button say so.
    await page.reload();
    await H.waitState(page);
    s = await listState(page);
    assert.equal(s.button, 'My list (1)');
    assert.equal(s.titles.length, 1);
    assert.ok(s.lines.some((l) => /^How to get it: /.test(l)), 'details arrive with the second file');
    await search(page, 'SEND team contact details', /contact details/);
    assert.equal(await H.w(page, `#los-result-${id} .los-pick`).getAttribute('aria-pressed'), 'true');

    // Taking it off empties the list, and the device keeps nothing.
    await H.w(page, `#los-result-${id} .los-pick`).click();
    s = await listState(page);
    assert.equal(s.button, 'My list (0)');
    assert.equal(s.shown, false);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), null);
    const widths = await H.pageWidths(page);
    assert.ok(widths.scrollWidth <= widths.clientWidth, `no sideways scroll: ${JSON.stringify(widths)}`);
    H.assertClean(log);
  });
}

test('"My list (0)" is always there: it opens the empty list, says how to add, and takes focus there', async () => {
  const { page, log } = await env.reuse('index.html', PHONE);
  await H.w(page, '.los-list-toggle').click();
  const s = await listState(page);
  assert.equal(s.shown, true);
  assert.equal(s.empty, true);
  assert.deepEqual(await H.focused(page), { outside: false, tag: 'section', id: 'los-list', cls: 'los-printout' });
  const text = await H.w(page, '.los-list-empty').textContent();
  assert.match(text, /Add to my list/);
  H.assertClean(log);
});

test('easy read: every card has "Add to my list", and the list works the same', async () => {
  const { page, log } = await env.reuse('index.html', PHONE);
  await H.w(page, '.los-easy-toggle').click();
  await page.waitForFunction((h) => document.querySelector(h).shadowRoot.querySelector('.los').dataset.view === 'easy', H.HOST);
  await search(page, 'autism', /./);
  const counts = await H.inShadow(page, (host) => {
    const cards = [...host.shadowRoot.querySelectorAll('.los-results > li.los-card')];
    return { cards: cards.length, picks: cards.filter((c) => c.querySelector('.los-pick')).length };
  });
  assert.ok(counts.cards > 0);
  assert.equal(counts.picks, counts.cards, 'a button on every card');
  await H.w(page, '.los-results .los-pick').first().click();
  assert.equal((await listState(page)).button, 'My list (1)');
  H.assertClean(log);
});

test('a bad, old or foreign stored list is ignored, never an error; ids this index has are kept', async () => {
  const { page, log } = await env.open('index.html', DESKTOP);
  await search(page, 'SEND team contact details', /contact details/);
  const id = await resultId(page, 0);
  await page.evaluate(([k, good]) => {
    localStorage.setItem(k, `no-such-record\n\u0000<img src=x onerror=alert(1)>\n${good}\n${good}\n${'x'.repeat(5000)}`);
    localStorage.setItem('local-offer-search:my-list:v0', '{"ids":["sendiass"]}');
  }, [KEY, id]);
  await page.reload();
  await H.waitState(page);
  const s = await listState(page);
  assert.equal(s.button, 'My list (1)', 'only the real record, once');
  assert.equal(s.titles.length, 1);
  assert.deepEqual(log.dialogs, []);
  H.assertClean(log);
});

test('a shared link opens that list (the ids in the fragment), sends nothing, and a partner page\'s own fragment part is left alone', async () => {
  const first = await env.open('index.html', DESKTOP);
  await search(first.page, 'autism', /./);
  const ids = [await resultId(first.page, 0), await resultId(first.page, 1)];
  for (const n of [0, 1]) await H.w(first.page, `#los-result-${ids[n]} .los-pick`).click();
  const href = (await listState(first.page)).share;
  assert.equal(href, `#los-list=${ids.join('.')}`);

  // Someone else opens the link: a new context, nothing stored.
  const { page, log } = await env.open(null, PHONE);
  await page.goto(env.url(`index.html#partner-section&${href.slice(1)}`));
  await H.waitState(page);
  const s = await listState(page);
  assert.equal(s.shown, true, 'the list is open');
  assert.equal(s.titles.length, 2);
  assert.equal(s.button, 'My list (2)');
  assert.ok(log.requests.every((u) => u.startsWith(env.base) && !u.includes('los-list')), 'nothing sent anywhere');
  assert.match(await page.evaluate(() => location.hash), /^#partner-section&/);
  H.assertClean(log);
});

test('printing with the list open prints only the list: each record, how to get it and its contacts', async () => {
  const { page, log } = await env.open(null, DESKTOP);
  await page.addInitScript(() => {
    window.__printed = 0;
    window.print = () => {
      window.__printed++;
    };
  });
  await page.goto(env.url('index.html'));
  await H.waitState(page);
  await search(page, 'SEND team contact details', /contact details/);
  await H.w(page, '.los-results .los-pick').first().click();
  await H.w(page, '.los-print').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => window.__printed), 1);
  await page.emulateMedia({ media: 'print' });
  const printed = await H.inShadow(page, (host) => {
    const root = host.shadowRoot;
    const shown = (s) => getComputedStyle(root.querySelector(s)).display !== 'none';
    return {
      form: shown('.los-form'),
      count: shown('.los-count'),
      results: shown('.los-results'),
      list: shown('.los-printout'),
      print: shown('.los-print'),
      share: shown('.los-list-share'),
      lines: [...root.querySelectorAll('.los-printout-line')].filter((l) => getComputedStyle(l).display !== 'none').map((l) => l.textContent),
    };
  });
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(
    { ...printed, lines: undefined },
    { form: false, count: false, results: false, list: true, print: false, share: false, lines: undefined },
  );
  assert.ok(printed.lines.some((l) => /^How to get it: /.test(l)));
  assert.ok(printed.lines.some((l) => /^Phone: /.test(l)));
  H.assertClean(log);
});

test('kiosk: the list is the printout; it shows its link as a QR code, keeps nothing on the device, and the reset empties it', async () => {
  const { page, log } = await env.open('kiosk.html', DESKTOP);
  await search(page, 'SEND team contact details', /contact details/);
  await H.w(page, '.los-results .los-pick').first().click();
  const s = await listState(page);
  assert.equal(s.button, 'My list (1)');
  assert.equal(s.share, null, 'no link on a kiosk');
  assert.equal(s.qr, true, 'a QR code of the link instead');
  const label = await H.w(page, '.los-list-share svg').getAttribute('aria-label');
  assert.ok(label);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), null, 'a kiosk keeps no list on the device');
  H.assertClean(log);
});

for (const [name, file, easy] of [
  ['standard', 'index.html', false],
  ['easy read', 'index.html', true],
  ['kiosk', 'kiosk.html', false],
]) {
  test(`axe: the list open with a record on it (${name})`, async () => {
    const { page, log } = await env.reuse(file, DESKTOP);
    if (easy) {
      await H.w(page, '.los-easy-toggle').click();
      await page.waitForFunction((h) => document.querySelector(h).shadowRoot.querySelector('.los').dataset.view === 'easy', H.HOST);
    }
    await search(page, 'autism', /./);
    await H.w(page, '.los-results .los-pick').first().click();
    const r = await H.axe(page);
    assert.deepEqual(r.violations, [], H.describeViolations(r.violations));
    H.assertClean(log);
  });
}
