// The search lives in the address (issue #14, item 3): the query, the filters and the chosen
// card are kept in the page's fragment under `los-` keys, beside the host page's own fragment;
// a copied address opens the same search in a fresh page; Back and Forward step through
// searches (one entry per settled search, not per keystroke); a kiosk keeps nothing there.
// At 320 px and desktop, with axe.

import { test } from 'node:test';
import * as H from './harness.mjs';

const { assert } = H;
// Real timers: the address replaces its entry while typing for the status delay, which these tests
// exercise, so the harness does not shorten it here.
const env = H.useSite({ realTimers: true });
const PHONE = { viewport: { width: 320, height: 640 } };
const DESKTOP = { viewport: { width: 1280, height: 900 } };

/** The page's address: its fragment's parts, and the rest. */
function address(page) {
  return page.evaluate(() => ({
    base: location.href.split('#')[0],
    parts: location.hash.slice(1).split('&').filter(Boolean),
    history: history.length,
  }));
}

/**
 * The address once it holds `want` (its fragment's parts), or after the wait, whatever it holds
 * then: typing is written to the address once the keys pause, after the results are drawn.
 */
async function settled(page, want) {
  const same = (w) => JSON.stringify(location.hash.slice(1).split('&').filter(Boolean)) === w;
  await page.waitForFunction(same, JSON.stringify(want), { timeout: 5000 }).catch(() => {});
  return address(page);
}

/** What the widget shows: the box, the filters, the results. */
function shown(page) {
  return H.inShadow(page, (host) => {
    const root = host.shadowRoot;
    const v = (id) => root.getElementById(id).value;
    return {
      q: v('los-q'),
      kind: v('los-kind'),
      district: v('los-district'),
      age: v('los-age'),
      need: v('los-need'),
      ids: [...root.querySelectorAll('.los-results > li.los-card')].map((li) => li.id),
    };
  });
}

/** Waits until the box holds `q`. */
function waitQuery(page, q) {
  return page.waitForFunction(([h, want]) => document.querySelector(h).shadowRoot.getElementById('los-q').value === want, [H.HOST, q]);
}

for (const [size, options] of [['desktop', DESKTOP], ['320 px', PHONE]]) {
  test(`${size}: the query and filters go in the fragment beside the page's own; a copied address opens the same search`, async () => {
    const { page, log, context } = await env.open(null, options);
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    await page.goto(env.url('index.html#section-2'));
    await H.waitState(page);
    const start = await address(page);
    const loaded = requests.length;
    await H.w(page, '#los-q').focus();
    await H.typeText(page, 'short breaks');
    await H.waitFirstResult(page, /./);
    let a = await settled(page, ['section-2', 'los-q=short+breaks']);
    assert.deepEqual(a.parts, ['section-2', 'los-q=short+breaks'], 'the host\'s fragment is kept, the query is added');
    assert.equal(a.base, start.base, 'only the fragment changes');
    assert.equal(a.history, start.history + 1, 'typing a search adds one history entry, not one per key');

    if (size === '320 px') await H.w(page, '.los-filters-toggle').click();
    await H.w(page, '#los-age').selectOption('12');
    await H.w(page, '#los-district').selectOption('wyre_forest');
    await H.waitStatus(page, /match|results? for/);
    a = await address(page);
    assert.deepEqual(a.parts, ['section-2', 'los-q=short+breaks&los-district=wyre_forest&los-age=12'].join('&').split('&'));
    const there = await shown(page);
    assert.ok(there.ids.length > 0);
    assert.deepEqual(requests.slice(loaded), [], 'nothing is sent: the search stays in the fragment');

    // A copied link, in a fresh page of its own.
    const link = await page.evaluate(() => location.href);
    const other = await env.open(null, options);
    await other.page.goto(link);
    await H.waitState(other.page);
    await waitQuery(other.page, 'short breaks');
    assert.deepEqual(await shown(other.page), there, 'the same search: box, filters and results');
    assert.deepEqual((await address(other.page)).parts, a.parts, 'opening it leaves the address as it was');
    const { violations } = await H.axe(other.page);
    assert.deepEqual(violations, [], H.describeViolations(violations));

    // Clearing the search leaves only the page's own fragment.
    await H.w(page, '.los-clear').click();
    assert.deepEqual((await address(page)).parts, ['section-2']);
    H.assertClean(log);
    H.assertClean(other.log);
  });
}

test('Back and Forward step through settled searches, replacing while typing', async () => {
  const { page, log } = await env.open('index.html', DESKTOP);
  const start = await address(page);
  const box = H.w(page, '#los-q');
  await box.focus();
  await H.typeText(page, 'autism');
  await H.waitFirstResult(page, /./);
  await page.keyboard.press('Enter'); // the search has settled
  const autism = await shown(page);
  await box.focus();
  await H.replaceQuery(page, 'speech');
  await H.waitFirstResult(page, /./);
  await page.keyboard.press('Enter');
  const speech = await shown(page);
  await H.w(page, '#los-kind').selectOption('service');
  await H.waitStatus(page, /results? for “speech”/);
  const service = await shown(page);
  assert.equal((await address(page)).history, start.history + 3, 'three searches, three entries');

  const back = async (q) => {
    await page.evaluate(() => history.back());
    await waitQuery(page, q);
  };
  await back('speech');
  assert.deepEqual(await shown(page), speech, 'Back: the filter is gone');
  await back('autism');
  assert.deepEqual(await shown(page), autism);
  await back('');
  assert.deepEqual((await shown(page)).ids, [], 'Back to the page as it was opened');
  assert.deepEqual((await address(page)).parts, []);
  await page.evaluate(() => history.forward());
  await waitQuery(page, 'autism');
  assert.deepEqual(await shown(page), autism, 'Forward');
  await page.evaluate(() => history.go(2));
  await page.waitForFunction((h) => document.querySelector(h).shadowRoot.getElementById('los-kind').value === 'service', H.HOST);
  assert.deepEqual(await shown(page), service);
  H.assertClean(log);
});

test('the chosen card is in the address, and a copied link opens it with focus on it', async () => {
  const { page, log } = await env.open('index.html', PHONE);
  await H.w(page, '#los-q').focus();
  await H.typeText(page, 'chams');
  await H.waitFirstResult(page, /CAMHS/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const id = await H.inShadow(page, (host) => host.shadowRoot.activeElement.id);
  assert.match(id, /^los-result-/);
  const { parts } = await address(page);
  const q = (await shown(page)).q;
  assert.deepEqual(parts, [`los-q=${new URLSearchParams([['', q]]).toString().slice(1)}`, `los-card=${id.replace('los-result-', '')}`]);

  const other = await env.open(null, PHONE);
  await other.page.goto(await page.evaluate(() => location.href));
  await H.waitState(other.page);
  await waitQuery(other.page, q);
  const focus = await H.inShadow(other.page, (host) => {
    const a = host.shadowRoot.activeElement;
    const r = a.getBoundingClientRect();
    return { id: a.id, top: r.top };
  });
  assert.equal(focus.id, id, 'focus is on the card');
  // Scrolled to the top edge, give or take a fraction of a pixel of layout rounding.
  assert.ok(focus.top >= -1 && focus.top < 640, `the card is on screen (${focus.top})`);

  // Changing the search drops the card from the address.
  await H.w(page, '#los-q').focus();
  await H.replaceQuery(page, 'autism');
  await H.waitFirstResult(page, /./);
  assert.deepEqual((await settled(page, ['los-q=autism'])).parts, ['los-q=autism']);
  H.assertClean(log);
  H.assertClean(other.log);
});

test('the page\'s own fragment links (an anchor, the list\'s share link) leave the search as it is', async () => {
  const { page, log } = await env.reuse('index.html');
  await H.w(page, '#los-q').focus();
  await H.typeText(page, 'short breaks');
  await H.waitFirstResult(page, /./);
  assert.deepEqual((await settled(page, ['los-q=short+breaks'])).parts, ['los-q=short+breaks']);
  const before = await shown(page);
  await page.evaluate(() => {
    location.hash = 'section-3'; // as a click on the page's <a href="#section-3"> does
  });
  await page.waitForFunction(() => location.hash === '#section-3');
  await page.waitForTimeout(300);
  assert.deepEqual(await shown(page), before, 'the search stays');
  await page.evaluate(() => history.back());
  await page.waitForFunction(() => location.hash === '#los-q=short+breaks');
  assert.deepEqual(await shown(page), before);
  await page.evaluate(() => history.back());
  await waitQuery(page, '');
  assert.deepEqual((await shown(page)).ids, [], 'Back to the page as opened empties the search');
  H.assertClean(log);
});

test('a hand-made fragment with unknown values opens with those filters at "Any"', async () => {
  const { page, log } = await env.reuse('index.html#los-q=autism&los-kind=nonsense&los-age=99');
  await waitQuery(page, 'autism');
  const s = await shown(page);
  assert.deepEqual([s.kind, s.age], ['', '']);
  assert.ok(s.ids.length > 0);
  H.assertClean(log);
});

test('a kiosk keeps nothing in the address: no fragment, no history entries, nothing read from a link', async () => {
  const { page, log } = await env.open('kiosk.html#los-q=autism', DESKTOP);
  const start = await address(page);
  assert.equal((await shown(page)).q, '', 'a kiosk does not open a search from its address');
  await H.w(page, '#los-q').focus();
  await H.typeText(page, 'speech');
  await H.waitFirstResult(page, /./);
  await page.keyboard.press('Enter');
  await H.w(page, '#los-kind').selectOption('service');
  await H.waitStatus(page, /results? for “speech”/);
  assert.deepEqual(await address(page), start, 'the address and history are as the kiosk was opened');
  H.assertClean(log);
});
