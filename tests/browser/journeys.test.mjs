// Keyboard-only journeys through the widget on index.html: page.keyboard only, never the mouse.

import { test } from 'node:test';
import * as H from './harness.mjs';

const { assert } = H;
// The keyboard as families use it: cards built ahead of typing in the page's idle time.
const env = H.useSite({ idleWarmUp: true });

/** Opens index.html and Tabs (from the top of the page) to the search box. */
async function atSearchBox() {
  const opened = await env.reuse('index.html');
  const presses = await H.tabTo(opened.page, (f) => !f.outside);
  const f = await H.focused(opened.page);
  assert.equal(f.id, 'los-q', 'the first stop inside the widget is the search box');
  assert.ok(presses <= 2, `the search box is reached with ${presses} Tab presses (skip link, then the box)`);
  return opened;
}

test('Tab reaches the search box; typing "chams" puts CAMHS first', async () => {
  const { page, log } = await atSearchBox();
  await H.typeText(page, 'chams');
  await H.waitFirstResult(page, /CAMHS/);
  const titles = await H.resultTitles(page);
  assert.match(titles[0], /CAMHS/);
  const combo = await H.comboState(page);
  assert.equal(combo.value, 'chams');
  assert.equal(combo.expanded, 'true');
  assert.ok(combo.options >= 1 && combo.options <= 6, `1 to 6 suggestions (${combo.options})`);
  assert.match(combo.optionTitles[0], /CAMHS/);
  await H.shot(page, 'journey-chams');
  H.assertClean(log);
});

test('ArrowDown selects the first suggestion; Enter takes focus to its result card and closes the list', async () => {
  const { page, log } = await atSearchBox();
  await H.typeText(page, 'chams');
  await H.waitFirstResult(page, /CAMHS/);

  await page.keyboard.press('ArrowDown');
  let combo = await H.comboState(page);
  assert.equal(combo.active, 'los-option-0');
  assert.deepEqual(combo.selected, ['los-option-0']);
  assert.equal(combo.expanded, 'true');
  assert.equal(combo.listHidden, false);
  // aria-activedescendant must point at an element in the input's own tree (the shadow root).
  const target = await H.inShadow(page, (host) => {
    const root = host.shadowRoot;
    const id = root.getElementById('los-q').getAttribute('aria-activedescendant');
    const el = root.getElementById(id);
    return el && { role: el.getAttribute('role'), inList: !!el.closest('#los-listbox') };
  });
  assert.deepEqual(target, { role: 'option', inList: true });

  await page.keyboard.press('ArrowDown');
  combo = await H.comboState(page);
  assert.equal(combo.active, 'los-option-1');
  assert.deepEqual(combo.selected, ['los-option-1']);
  await page.keyboard.press('ArrowUp');
  combo = await H.comboState(page);
  assert.equal(combo.active, 'los-option-0');
  assert.deepEqual(combo.selected, ['los-option-0']);
  const chosenTitle = combo.optionTitles[0];

  await page.keyboard.press('Enter');
  const f = await H.focused(page);
  assert.equal(f.tag, 'li', 'focus moved to a result card');
  assert.match(f.cls, /\blos-card\b/);
  const cardTitle = await H.inShadow(page, (host) => host.shadowRoot.activeElement.querySelector('.los-title').textContent);
  assert.equal(cardTitle, chosenTitle, 'the focused card is the chosen suggestion');
  combo = await H.comboState(page);
  assert.equal(combo.expanded, 'false');
  assert.equal(combo.listHidden, true);
  assert.equal(combo.active, null);
  assert.equal(page.url().split('#')[0], env.url('index.html'), 'Enter did not submit or navigate (the search is only in the fragment)');
  H.assertClean(log);
});

test('Escape closes the list, and a second Escape clears the box', async () => {
  const { page, log } = await atSearchBox();
  await H.typeText(page, 'autism');
  await H.waitFirstResult(page, /./);
  await page.keyboard.press('ArrowDown');
  assert.equal((await H.comboState(page)).expanded, 'true');

  await page.keyboard.press('Escape');
  let combo = await H.comboState(page);
  assert.equal(combo.expanded, 'false');
  assert.equal(combo.listHidden, true);
  assert.equal(combo.active, null);
  assert.equal(combo.value, 'autism', 'the first Escape keeps the query');
  assert.equal((await H.focused(page)).id, 'los-q', 'focus stays in the box');
  assert.ok((await H.resultIds(page)).length > 0, 'results stay');

  await page.keyboard.press('Escape');
  combo = await H.comboState(page);
  assert.equal(combo.value, '');
  assert.deepEqual(await H.resultIds(page), []);
  H.assertClean(log);
});

test('filters chosen by keyboard (area, then age) narrow the results exactly as the engine does', async () => {
  const { page, log } = await atSearchBox();
  await H.typeText(page, 'chams');
  await H.waitFirstResult(page, /CAMHS/);
  const before = await H.resultIds(page);

  await H.tabTo(page, (f) => f.id === 'los-district');
  await page.keyboard.type('Wyre'); // type-ahead in a closed select
  assert.equal(await H.w(page, '#los-district').inputValue(), 'wyre_forest');
  await page.keyboard.press('Tab');
  assert.equal((await H.focused(page)).id, 'los-age');
  await page.keyboard.type('7');
  assert.equal(await H.w(page, '#los-age').inputValue(), '7');

  const expected = H.cliSearch(['--district', 'wyre_forest', '--age', '7', '--limit', '1000', 'chams']);
  await page.waitForFunction(
    ([h, n]) => document.querySelector(h).shadowRoot.querySelectorAll('.los-results > li.los-card').length === n,
    [H.HOST, Math.min(expected.length, 20)],
  );
  const ids = await H.resultIds(page);
  assert.deepEqual(ids, expected.slice(0, 20).map((r) => r.id), 'same results, same order as `index-builder search`');
  assert.ok(ids.length < before.length, `filters narrowed ${before.length} results to ${ids.length}`);
  assert.equal(await H.countText(page), `${expected.length} ${expected.length === 1 ? 'result' : 'results'} for “chams”`);
  H.assertClean(log);
});

test('"Clear search" clears the query, the filters and the results, and returns focus to the box', async () => {
  const { page, log } = await atSearchBox();
  await H.typeText(page, 'speech');
  await H.waitFirstResult(page, /./);
  await H.tabTo(page, (f) => f.id === 'los-kind');
  await page.keyboard.type('Serv');
  assert.equal(await H.w(page, '#los-kind').inputValue(), 'service');
  await H.tabTo(page, (f) => /\blos-clear\b/.test(f.cls));
  await page.keyboard.press('Enter');

  const combo = await H.comboState(page);
  assert.equal(combo.value, '');
  for (const id of ['los-kind', 'los-district', 'los-age', 'los-need']) {
    assert.equal(await H.w(page, `#${id}`).inputValue(), '', `${id} is back to "any"`);
  }
  assert.deepEqual(await H.resultIds(page), []);
  assert.equal(await H.countText(page), '');
  assert.equal((await H.focused(page)).id, 'los-q');
  H.assertClean(log);
});

test('Easy read toggle (aria-pressed) switches data-view, and the choice survives a reload', async () => {
  const { page, log } = await atSearchBox();
  await H.typeText(page, 'autism');
  await H.waitFirstResult(page, /./);
  const view = () =>
    H.inShadow(page, (host) => {
      const root = host.shadowRoot;
      const card = root.querySelector('.los-card');
      return {
        view: root.querySelector('.los').getAttribute('data-view'),
        pressed: root.querySelector('.los-easy-toggle').getAttribute('aria-pressed'),
        easyShown: card ? getComputedStyle(card.querySelector('.los-easy')).display !== 'none' : null,
        summaryShown: card ? getComputedStyle(card.querySelector('.los-summary')).display !== 'none' : null,
      };
    });
  assert.deepEqual(await view(), { view: 'standard', pressed: 'false', easyShown: false, summaryShown: true });

  await H.tabTo(page, (f) => /\blos-easy-toggle\b/.test(f.cls));
  await page.keyboard.press('Space');
  assert.deepEqual(await view(), { view: 'easy', pressed: 'true', easyShown: true, summaryShown: false });
  await H.shot(page, 'journey-easy-read');

  await page.reload();
  await H.waitState(page);
  const afterReload = await view();
  assert.equal(afterReload.view, 'easy', 'easy read remembered after reload');
  assert.equal(afterReload.pressed, 'true');

  await H.tabTo(page, (f) => /\blos-easy-toggle\b/.test(f.cls));
  await page.keyboard.press('Enter');
  assert.equal((await view()).view, 'standard');
  assert.equal((await view()).pressed, 'false');
  await page.reload();
  await H.waitState(page);
  assert.equal((await view()).view, 'standard', 'switching back is remembered too');
  H.assertClean(log);
});

test('"ehcp" shows the EHCP glossary entry in the "What this means" panel, with its meaning', async () => {
  const { page, log } = await atSearchBox();
  await H.typeText(page, 'ehcp');
  await H.waitFirstResult(page, /./);
  const first = await H.inShadow(page, (host) => {
    const card = host.shadowRoot.querySelector('.los-answer .los-card');
    return {
      id: card.id,
      kind: card.getAttribute('data-kind'),
      title: card.querySelector('.los-title').textContent,
      kindLabel: card.querySelector('.los-kind').textContent,
      text: card.textContent,
      abbr: card.querySelector('abbr')?.getAttribute('title'),
    };
  });
  assert.equal(first.id, 'los-result-glossary-ehcp');
  assert.equal(first.kind, 'glossary');
  assert.match(first.title, /EHCP/);
  assert.equal(first.abbr, 'Education, Health and Care Plan');
  assert.match(first.text, /Education, Health and Care Plan/);
  assert.match(first.text, /legal document/i, 'its plain meaning is shown');
  assert.ok(!(await H.resultIds(page)).includes('glossary-ehcp'), 'and not again among the results');
  H.assertClean(log);
});

test('browsing with filters and no query: "School or setting" lists every provision, with a count and "Show more"', async () => {
  const { page, log } = await atSearchBox();
  await H.tabTo(page, (f) => f.id === 'los-kind');
  await page.keyboard.type('School');
  assert.equal(await H.w(page, '#los-kind').inputValue(), 'provision');
  const expected = H.cliSearch(['--kind', 'provision', '--limit', '1000']);
  assert.ok(expected.length > 0);
  await page.waitForFunction((h) => document.querySelector(h).shadowRoot.querySelectorAll('.los-card').length > 0, H.HOST);
  assert.equal(await H.countText(page), `${expected.length} ${expected.length === 1 ? 'result' : 'results'} match your choices`);
  let ids = await H.resultIds(page);
  assert.deepEqual(ids, expected.slice(0, 20).map((r) => r.id));
  const kinds = await H.inShadow(page, (host) => [...new Set([...host.shadowRoot.querySelectorAll('.los-card')].map((c) => c.dataset.kind))]);
  assert.deepEqual(kinds, ['provision']);
  await H.waitStatus(page, /results? match your choices/);

  if (expected.length > 20) {
    await H.tabTo(page, (f) => /\blos-more\b/.test(f.cls), 200);
    await page.keyboard.press('Enter');
    ids = await H.resultIds(page);
    assert.deepEqual(ids, expected.slice(0, 40).map((r) => r.id), '"Show more results" adds the next page');
  }
  H.assertClean(log);
});

test(
  '"Show more results" keeps keyboard focus in the widget when it reveals the last results',
  async () => {
    const { page, log } = await atSearchBox();
    await H.tabTo(page, (f) => f.id === 'los-kind');
    await page.keyboard.type('School');
    const total = H.cliSearch(['--kind', 'provision', '--limit', '1000']).length;
    assert.ok(total > 20 && total <= 40, `one "Show more" shows the rest (${total} provisions)`);
    await H.tabTo(page, (f) => /\blos-more\b/.test(f.cls), 200);
    await page.keyboard.press('Enter');
    assert.equal((await H.resultIds(page)).length, total);
    const f = await H.focused(page);
    assert.ok(f && !f.outside, `focus is still in the widget (it is on <${f?.tag}>)`);
    H.assertClean(log);
  },
);

test('every control reached by keyboard shows a visible focus indicator', async () => {
  const { page, log } = await atSearchBox();
  const indicator = () =>
    H.inShadow(page, (host) => {
      const a = host.shadowRoot.activeElement;
      const cs = getComputedStyle(a);
      return {
        what: `${a.tagName.toLowerCase()}${a.id ? '#' + a.id : ''}.${String(a.className).replace(/ /g, '.')}`,
        outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 ? `${cs.outlineWidth} ${cs.outlineStyle} ${cs.outlineColor}` : null,
        shadow: cs.boxShadow !== 'none' ? cs.boxShadow : null,
      };
    });
  const seen = [];
  const check = async () => {
    const i = await indicator();
    seen.push(i.what);
    assert.ok(i.outline || i.shadow, `${i.what} shows no focus indicator`);
  };
  await check(); // the search box
  await H.typeText(page, 'SEND team contact details');
  await H.waitFirstResult(page, /contact details/);
  await page.keyboard.press('Escape');
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab'); // four selects, Easy read, Clear search
    await check();
  }
  // Back to the box, choose the first suggestion: the result card gets focus, then its links.
  await H.tabTo(page, (f) => f.id === 'los-q', 10, 'Shift+Tab');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await check();
  await page.keyboard.press('Tab');
  await check();
  await page.keyboard.press('Tab');
  await check();
  assert.ok(seen.filter((w) => w.startsWith('a.')).length >= 2, `links were reached: ${seen.join(', ')}`);
  H.assertClean(log);
});

test('a query with no results shows the no-results help', async () => {
  const { page, log } = await atSearchBox();
  await H.typeText(page, 'zzqxv');
  await page.waitForFunction((h) => !document.querySelector(h).shadowRoot.querySelector('.los-empty').hidden, H.HOST);
  const empty = await H.inShadow(page, (host) => {
    const e = host.shadowRoot.querySelector('.los-empty');
    return { text: e.textContent, display: getComputedStyle(e).display };
  });
  assert.notEqual(empty.display, 'none');
  assert.match(empty.text, /We could not find anything for “zzqxv”/);
  assert.match(empty.text, /Try fewer words, or check the spelling\./);
  assert.deepEqual(await H.resultIds(page), []);
  const combo = await H.comboState(page);
  assert.equal(combo.expanded, 'false', 'no suggestions, so the list is closed');
  assert.equal(combo.listHidden, true);
  await H.waitStatus(page, /^We could not find anything for “zzqxv”\. Try fewer words, or check the spelling\.$/);
  await H.shot(page, 'journey-no-results');
  H.assertClean(log);
});

test('a misspelling with a suggestion offers a "Search for … instead" button that works by keyboard', async () => {
  const { page, log } = await atSearchBox();
  // Short slips the fuzzy search does not match (three letters) but the suggester corrects
  // ("asq" → "asd"); the first that gives no results and a suggestion is used.
  const candidates = ['asq', 'sne', 'snd'];
  let used = null;
  for (const q of candidates) {
    await H.replaceQuery(page, q);
    const state = await H.inShadow(page, (host) => {
      const root = host.shadowRoot;
      return { total: root.querySelectorAll('.los-card').length, suggestion: root.querySelector('.los-suggestion')?.dataset.suggestion ?? null };
    });
    if (state.total === 0 && state.suggestion) {
      used = { q, suggestion: state.suggestion };
      break;
    }
  }
  assert.ok(used, `one of ${candidates.join(', ')} gives no results and a suggestion`);
  const status = new RegExp(`We could not find anything for “${used.q}”. Try “${used.suggestion}”.`);
  await H.waitStatus(page, status);
  await H.tabTo(page, (f) => /\blos-suggestion\b/.test(f.cls));
  await page.keyboard.press('Enter');
  assert.equal((await H.comboState(page)).value, used.suggestion);
  assert.ok((await H.resultIds(page)).length > 0);
  assert.equal((await H.focused(page)).id, 'los-q');
  H.assertClean(log);
});
