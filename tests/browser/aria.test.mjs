// ARIA state of the combobox and the live regions after each step (ARIA 1.2 combobox pattern;
// the status waits until typing pauses, alternating two live regions).

import { test } from 'node:test';
import * as H from './harness.mjs';

const { assert } = H;
const env = H.useSite();

/** Both live regions: their text and attributes. */
function regions(page) {
  return H.inShadow(page, (host) =>
    [...host.shadowRoot.querySelectorAll('.los-status')].map((s) => ({
      text: s.textContent,
      role: s.getAttribute('role'),
      live: s.getAttribute('aria-live'),
      atomic: s.getAttribute('aria-atomic'),
    })),
  );
}

test('the combobox, listbox and live regions carry the documented roles and relations', async () => {
  const { page, log } = await env.reuse('index.html');
  const a = await H.inShadow(page, (host) => {
    const root = host.shadowRoot;
    const input = root.getElementById('los-q');
    const attrs = (e) => Object.fromEntries([...e.attributes].map((x) => [x.name, x.value]));
    const label = root.querySelector('label[for="los-q"]');
    return {
      input: attrs(input),
      listbox: attrs(root.getElementById(input.getAttribute('aria-controls'))),
      hint: root.getElementById(input.getAttribute('aria-describedby'))?.textContent ?? null,
      label: label?.textContent ?? null,
      form: attrs(root.querySelector('form')),
      heading: root.getElementById(root.querySelector('form').getAttribute('aria-labelledby'))?.textContent ?? null,
      count: { tag: root.querySelector('.los-count').localName, ...attrs(root.querySelector('.los-count')) },
      statusCount: root.querySelectorAll('.los-status').length,
      selects: root.querySelectorAll('select').length,
      selectsLabelled: [...root.querySelectorAll('select')].every((s) => root.querySelector(`label[for="${s.id}"]`)),
    };
  });
  assert.equal(a.input.role, 'combobox');
  assert.equal(a.input['aria-autocomplete'], 'list');
  assert.equal(a.input['aria-expanded'], 'false');
  assert.equal(a.input['aria-activedescendant'], undefined);
  assert.equal(a.input.autocomplete, 'off');
  assert.equal(a.listbox.role, 'listbox');
  assert.equal(a.listbox.id, 'los-listbox');
  assert.ok('hidden' in a.listbox, 'the listbox starts hidden');
  assert.ok(a.listbox['aria-label'] || a.listbox['aria-labelledby'], 'the listbox has a name');
  assert.match(a.hint, /For example/);
  assert.match(a.label, /What help are you looking for\?/);
  assert.equal(a.form.role, 'search');
  assert.equal(a.heading, 'Search the Local Offer');
  // The results' heading (Enter takes focus to it) is hidden while it has nothing to say.
  assert.deepEqual([a.count.tag, a.count.tabindex, 'hidden' in a.count], ['h2', '-1', true], 'the count is the results\' heading, hidden before a search');
  assert.equal(a.statusCount, 2);
  assert.ok(a.selects >= 1, 'the filters are there to check');
  assert.ok(a.selectsLabelled, 'every select has a <label for>');
  for (const r of await regions(page)) {
    assert.deepEqual(r, { text: '', role: 'status', live: 'polite', atomic: 'true' });
  }
  H.assertClean(log);
});

test('aria-expanded and aria-activedescendant follow every key', async () => {
  const { page, log } = await env.reuse('index.html');
  await H.tabTo(page, (f) => f.id === 'los-q');
  let c = await H.comboState(page);
  assert.deepEqual([c.expanded, c.active, c.listHidden], ['false', null, true], 'initially closed');

  await H.typeText(page, 'chams');
  await H.waitFirstResult(page, /CAMHS/);
  c = await H.comboState(page);
  assert.deepEqual([c.expanded, c.active, c.listHidden, c.selected], ['true', null, false, []], 'typing opens the list, nothing active');
  assert.notEqual(c.listDisplay, 'none');
  const n = c.options;
  assert.ok(n >= 2, `several suggestions for "chams" (${n})`);

  const step = async (key, active) => {
    await page.keyboard.press(key);
    const s = await H.comboState(page);
    const want = active === null ? null : `los-option-${active}`;
    assert.equal(s.active, want, `after ${key}`);
    assert.deepEqual(s.selected, want ? [want] : [], `aria-selected after ${key}`);
    assert.equal(s.expanded, 'true', `still open after ${key}`);
  };
  await step('ArrowDown', 0);
  await step('ArrowDown', 1);
  await step('ArrowUp', 0);
  await step('ArrowUp', n - 1); // wraps
  await step('ArrowDown', 0); // wraps back
  await step('End', n - 1);
  await step('Home', 0);

  await page.keyboard.press('Escape');
  c = await H.comboState(page);
  assert.deepEqual([c.expanded, c.active, c.listHidden, c.value], ['false', null, true, 'chams'], 'Escape closes');

  await page.keyboard.press('ArrowDown');
  c = await H.comboState(page);
  assert.deepEqual([c.expanded, c.active, c.listHidden], ['true', 'los-option-0', false], 'ArrowDown reopens on the first option');

  await page.keyboard.press('Tab');
  c = await H.comboState(page);
  assert.deepEqual([c.expanded, c.active, c.listHidden], ['false', null, true], 'leaving the box closes the list');
  assert.equal((await H.focused(page)).id, 'los-kind');

  await page.keyboard.press('Shift+Tab');
  assert.equal((await H.focused(page)).id, 'los-q');
  await page.keyboard.press('Enter');
  c = await H.comboState(page);
  assert.deepEqual([c.expanded, c.active], ['false', null], 'Enter with nothing active keeps the list closed');
  assert.equal(page.url().split('#')[0], env.url('index.html'), 'Enter does not submit the form (the search is only in the fragment)');
  H.assertClean(log);
});

test('the live region speaks only after typing pauses (~1.4 s), once per pause, for the final text', async () => {
  const { page, log } = await env.open(null);
  // The status timer runs on Playwright's clock: the test stops it after typing and moves it on
  // by hand, so "not before 1.4 s, and just after it" is checked exactly, with no real wait.
  await page.clock.install();
  await page.goto(env.url('index.html'));
  await H.waitState(page);
  await H.tabTo(page, (f) => f.id === 'los-q');
  // Stopped while typing: every key restarts the timer at the same instant, the last key's.
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
  await H.typeText(page, 'chams');
  // The visible count updates at once; the spoken status waits.
  assert.match(await H.countText(page), /\d+ results? for “chams”/);
  assert.equal(await H.statusText(page), '', 'nothing is announced while typing');
  await page.clock.runFor(H.STATUS_DELAY_MS - 100);
  assert.equal(await H.statusText(page), '', `still quiet ${H.STATUS_DELAY_MS - 100} ms after the last key`);
  await page.clock.runFor(200);
  assert.match(await H.statusText(page), /\d+ results? for “chams”/, 'announced once the pause reached the delay');
  await page.clock.resume();
  const r = await regions(page);
  assert.equal(r.filter((x) => x.text).length, 1, 'one region speaks');
  // The spoken status is the visible count, then how to reach the suggestions (heard only).
  const spoken = r.find((x) => x.text).text;
  const shown = await H.countText(page);
  assert.ok(spoken.startsWith(shown), `the spoken and visible counts agree (${spoken} / ${shown})`);
  assert.match(spoken.slice(shown.length), /^\. \d+ suggestions?: use the up and down arrow keys to choose\.$/);

  // A burst of keys gives one announcement, for the final text.
  await H.replaceQuery(page, '');
  await H.typeText(page, 'short breaks');
  await page.clock.runFor(H.STATUS_DELAY_MS + 200);
  await H.waitStatus(page, /results? for “short breaks”/, 4000);
  assert.equal((await regions(page)).filter((x) => x.text).length, 1);

  // A no-results query is announced with advice.
  await H.replaceQuery(page, 'zzqxv');
  await page.clock.runFor(H.STATUS_DELAY_MS + 200);
  await H.waitStatus(page, /^We could not find anything for “zzqxv”\. Try fewer words, or check the spelling\.$/, 4000);
  H.assertClean(log);
});

test(
  'consecutive announcements alternate between the two live regions, so a repeated message is read again',
  async () => {
    const { page, log } = await env.reuse('index.html');
    await H.tabTo(page, (f) => f.id === 'los-q');
    await H.typeText(page, 'autism');
    await H.waitStatus(page, /results? for “autism”/, 4000);
    let r = await regions(page);
    const first = r.findIndex((x) => x.text);
    const message = r[first].text;

    // Two keys that come back to the same query: the same message must be announced again,
    // in the other region (a region whose text does not change is not re-read).
    await page.keyboard.type('x');
    await page.keyboard.press('Backspace');
    await page.waitForFunction(
      ([h, i]) => document.querySelector(h).shadowRoot.querySelectorAll('.los-status')[i].textContent !== '',
      [H.HOST, 1 - first],
      { timeout: 4000 },
    );
    r = await regions(page);
    assert.equal(r[1 - first].text, message, 'the repeat is in the other region');
    assert.equal(r[first].text, '', 'the previous region was emptied');
    H.assertClean(log);
  },
);

test('choosing a filter announces the new count', async () => {
  const { page, log } = await env.reuse('index.html');
  await H.tabTo(page, (f) => f.id === 'los-district');
  await page.keyboard.type('Red'); // Redditch
  assert.equal(await H.w(page, '#los-district').inputValue(), 'redditch');
  await H.waitStatus(page, /^\d+ results? match your choices$/, 4000);
  const expected = H.cliSearch(['--district', 'redditch', '--limit', '1000']);
  assert.equal(await H.statusText(page), `${expected.length} ${expected.length === 1 ? 'result' : 'results'} match your choices`);
  H.assertClean(log);
});
