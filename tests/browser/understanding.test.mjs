// What the widget understood, shown and undoable (issue 11), by keyboard: chips for an age and a
// place ("Age 17 ×", "Kidderminster ×") that re-rank when taken back and keep focus; the "What
// this means" panel for an acronym or a "what does X mean" question; the notice for an acronym
// the Local Offer does not know; and "Other results (N)", folded under the best matches. Also on
// the embed page (hostile host CSS) and the kiosk (44 px targets), and in easy read.

import { test } from 'node:test';
import * as H from './harness.mjs';

const { assert } = H;
const env = H.useSite();

/**
 * Opens `file`, focuses the search box and puts `q` in it (filled in at once, one input event:
 * what is tested is what follows the question, by keyboard; typing itself is journeys' and
 * aria's); waits for the results to settle.
 */
async function ask(q, file = 'index.html', options = {}) {
  const opened = await env.reuse(file, options);
  await H.w(opened.page, '#los-q').focus();
  await H.w(opened.page, '#los-q').fill(q);
  await opened.page.waitForFunction(
    (h) => document.querySelector(h).shadowRoot.querySelector('.los-count').textContent !== '',
    H.HOST,
  );
  // Close the suggestions list, keeping the query (Escape with the list closed clears it).
  if ((await H.comboState(opened.page)).expanded === 'true') await opened.page.keyboard.press('Escape');
  return opened;
}

/** What the parts of issue 11 show now. */
function parts(page) {
  return H.inShadow(page, (host) => {
    const root = host.shadowRoot;
    const shown = (e) => !!e && !e.closest('[hidden]') && getComputedStyle(e).display !== 'none';
    const toggle = root.querySelector('.los-other-toggle');
    const region = root.getElementById(toggle.getAttribute('aria-controls'));
    return {
      chips: [...root.querySelectorAll('.los-chip')].filter(shown).map((b) => ({
        text: b.textContent,
        name: b.getAttribute('aria-label'),
      })),
      chipsLabel: root.getElementById(root.querySelector('.los-chips').getAttribute('aria-labelledby'))?.textContent,
      answer: shown(root.querySelector('.los-answer'))
        ? {
            heading: root.getElementById(root.querySelector('.los-answer').getAttribute('aria-labelledby')).textContent,
            ids: [...root.querySelectorAll('.los-answer .los-card')].map((c) => c.id.replace(/^los-result-/, '')),
            abbr: [...root.querySelectorAll('.los-answer abbr')].map((a) => [a.textContent, a.getAttribute('title')]),
            easyShown: [...root.querySelectorAll('.los-answer .los-easy')].some(shown),
          }
        : null,
      unknown: shown(root.querySelector('.los-unknown')) ? root.querySelector('.los-unknown').textContent : null,
      tries: [...root.querySelectorAll('.los-unknown .los-suggestion')].map((b) => b.dataset.suggestion),
      report: root.querySelector('.los-unknown a[href^="mailto:"]')?.getAttribute('href') ?? null,
      toggle: shown(toggle)
        ? { text: [...toggle.childNodes].filter((n) => n.nodeType !== 1 || getComputedStyle(n).display !== 'none').map((n) => n.textContent).join(''), expanded: toggle.getAttribute('aria-expanded') }
        : null,
      regionShown: shown(region),
      best: [...root.querySelectorAll('ol.los-results:not(.los-other-results) > li.los-card')].map((c) => c.id.replace(/^los-result-/, '')),
      others: [...root.querySelectorAll('.los-other-results > li.los-card')].map((c) => c.id.replace(/^los-result-/, '')),
      othersShown: [...root.querySelectorAll('.los-other-results > li.los-card')].filter(shown).length,
      kinds: [...root.querySelectorAll('.los-results > li.los-card')].map((c) => c.dataset.kind),
      count: root.querySelector('.los-count').textContent,
    };
  });
}

const QUESTION = 'my 17 year old in kidderminster needs help finding work';

test('chips show the age and place understood; taking one back re-ranks, updates the status and keeps focus', async () => {
  const { page, log } = await ask(QUESTION);
  let p = await parts(page);
  assert.deepEqual(p.chips, [
    { text: 'Age 17×', name: 'Remove: age 17' },
    { text: 'Kidderminster×', name: 'Remove: Kidderminster' },
  ]);
  assert.equal(p.chipsLabel, 'We looked for:');
  await H.waitStatus(page, /results? for “my 17 year old.*”, for age 17, in Kidderminster/);
  const before = [...p.best, ...p.others];
  const beforeCount = p.count;
  assert.ok(before.length > 0, 'results are shown');
  await H.shot(page, 'understanding-chips');

  // Tab from the box to the first chip (the filters and buttons come first), take the age back.
  await H.tabTo(page, (f) => /\blos-chip\b/.test(f.cls), 40);
  assert.equal(await H.inShadow(page, (host) => host.shadowRoot.activeElement.getAttribute('aria-label')), 'Remove: age 17');
  await page.keyboard.press('Enter');
  p = await parts(page);
  assert.deepEqual(p.chips.map((c) => c.name), ['Remove: Kidderminster'], 'the age chip is gone');
  let f = await H.focused(page);
  assert.ok(f && !f.outside && /\blos-chip\b/.test(f.cls), `focus moved to the next chip (it is on <${f?.tag}>)`);
  assert.equal(await H.inShadow(page, (host) => host.shadowRoot.activeElement.getAttribute('aria-label')), 'Remove: Kidderminster');
  const after = [...p.best, ...p.others];
  const total = (count) => Number(/(\d+) results? for/.exec(count)?.[1]);
  assert.equal(total(p.count), total(beforeCount), 'as many records: the age ranked, it never filtered');
  assert.notEqual(p.count, beforeCount, 'the count line changed');
  assert.notDeepEqual(after, before, 'without the age the records are ranked again');
  await H.waitStatus(page, /for “my 17 year old.*”, in Kidderminster/);
  assert.doesNotMatch(await H.statusText(page), /age 17/);
  assert.equal((await H.comboState(page)).value, QUESTION, 'the question itself is unchanged');

  // The last chip: focus goes back to the search box.
  await page.keyboard.press('Enter');
  p = await parts(page);
  assert.deepEqual(p.chips, []);
  f = await H.focused(page);
  assert.equal(f?.id, 'los-q', 'with no chip left, focus is back in the search box');
  await H.waitStatus(page, /results? for “my 17 year old[^”]*”(\.|$)/);
  assert.doesNotMatch(await H.statusText(page), /Kidderminster/);

  // Typing on keeps what was taken back while the question still states it…
  await page.keyboard.press('End');
  await H.typeText(page, ' now');
  assert.deepEqual((await parts(page)).chips, []);
  // …and a new question starts afresh.
  await H.replaceQuery(page, 'college for my 17 year old');
  assert.deepEqual((await parts(page)).chips.map((c) => c.name), ['Remove: age 17']);
  H.assertClean(log);
});

test('"what does ehcp mean" and "SENCO" answer in a "What this means" panel, not in the results', async () => {
  let { page, log } = await ask('what does ehcp mean');
  let p = await parts(page);
  assert.ok(p.answer, 'the panel is shown');
  assert.equal(p.answer.heading, 'What this means');
  assert.deepEqual(p.answer.ids, ['glossary-ehcp']);
  assert.ok(p.answer.abbr.some(([t, title]) => t === 'EHCP' && title === 'Education, Health and Care Plan'), 'the acronym is an <abbr> with its meaning');
  assert.ok(![...p.best, ...p.others].includes('glossary-ehcp'), 'the meaning does not also take a result slot');
  await H.waitStatus(page, /EHCP means Education, Health and Care Plan\./);
  await H.shot(page, 'understanding-answer-ehcp');
  // Easy read shows the panel's easy-read view.
  await H.tabTo(page, (f) => /\blos-easy-toggle\b/.test(f.cls), 20);
  await page.keyboard.press('Enter');
  await page.waitForFunction((h) => document.querySelector(h).shadowRoot.querySelector('.los').dataset.view === 'easy', H.HOST);
  p = await parts(page);
  assert.ok(p.answer && p.answer.easyShown, 'the panel is there in easy read, in its easy-read view');
  H.assertClean(log);

  ({ page, log } = await ask('SENCO'));
  p = await parts(page);
  assert.deepEqual(p.answer?.ids, ['glossary-senco']);
  assert.ok(!p.kinds.includes('glossary'), 'no glossary entry among the results');
  assert.match(p.count, /^SENCO means Special Educational Needs Co-ordinator\./);
  H.assertClean(log);

  // A question that is not about a word's meaning: no glossary entry takes a result slot.
  ({ page, log } = await ask('help with speech for my son'));
  p = await parts(page);
  assert.ok(p.best.length + p.others.length > 0);
  assert.ok(!p.kinds.includes('glossary'), `no glossary entries among the results: ${p.kinds.join(', ')}`);
  H.assertClean(log);
});

test('"EBSA" says it is not known yet, offers everyday words that search, and keeps the report link', async () => {
  const { page, log } = await ask('EBSA');
  const p = await parts(page);
  assert.match(p.unknown ?? '', /We don't know EBSA yet\./);
  assert.ok(p.tries.length >= 1, 'at least one everyday word is offered');
  assert.equal(p.report, 'mailto:localoffer@worcschildrenfirst.org.uk');
  assert.equal(p.answer, null, 'no meaning is made up');
  await H.waitStatus(page, /We don't know EBSA yet\./);
  await H.shot(page, 'understanding-unknown-ebsa');

  // Each offered word is a button that runs its search (by keyboard).
  await H.tabTo(page, (f) => /\blos-suggestion\b/.test(f.cls), 40);
  await page.keyboard.press('Enter');
  assert.equal((await H.comboState(page)).value, p.tries[0]);
  assert.equal((await H.focused(page)).id, 'los-q');
  assert.equal((await parts(page)).unknown, null, 'the everyday words are known');
  assert.ok((await H.resultIds(page)).length > 0);
  H.assertClean(log);
});

// A broad question whose best matches are few and whose other results fill more than a page.
// ("transport to school" was it until records that cover much less of a question than the best
// one were left out: the Local Offer has nothing on transport, and it now says so with one
// result rather than 70.)
const BROAD = 'health and school support for autism';

test('a broad question folds the other results under "Other results (N)", opened and closed by keyboard', async () => {
  const { page, log } = await ask(BROAD);
  let p = await parts(page);
  const total = Number(/(\d+) results? for/.exec(p.count)?.[1]);
  assert.ok(total > 20, `a broad question (${total} results)`);
  assert.ok(p.best.length > 0 && p.best.length < 10, `a few best matches (${p.best.length})`);
  assert.equal(p.toggle?.text, `Other results (${total - p.best.length})`);
  assert.equal(p.toggle.expanded, 'false');
  assert.equal(p.regionShown, false, 'folded');
  assert.equal(p.othersShown, 0);
  assert.equal(p.best.length + p.others.length, 20, 'one page of results in all');
  await H.waitStatus(page, new RegExp(`Best ${p.best.length} first; ${total - p.best.length} more under “Other results”`));

  await H.tabTo(page, (f) => /\blos-other-toggle\b/.test(f.cls), 60);
  await page.keyboard.press('Enter');
  p = await parts(page);
  assert.equal(p.toggle.expanded, 'true');
  assert.ok(p.regionShown && p.othersShown === p.others.length, 'expanded: the other results are shown');
  assert.ok(/\blos-other-toggle\b/.test((await H.focused(page)).cls), 'focus stays on the button');
  await H.shot(page, 'understanding-other-results');

  // "Show more results" is inside the region and adds to it; focus goes to the first new card.
  await H.tabTo(page, (f) => /\blos-more\b/.test(f.cls), 400);
  await page.keyboard.press('Enter');
  p = await parts(page);
  assert.equal(p.best.length + p.others.length, Math.min(40, total));
  const f = await H.focused(page);
  assert.equal(f.id, `los-result-${p.others[20 - p.best.length]}`, 'focus is on the first new result');

  await H.tabTo(page, (x) => /\blos-other-toggle\b/.test(x.cls), 400, 'Shift+Tab');
  await page.keyboard.press(' ');
  p = await parts(page);
  assert.equal(p.toggle.expanded, 'false');
  assert.equal(p.regionShown, false, 'Space folds them again');

  // Easy read words.
  await H.tabTo(page, (x) => /\blos-easy-toggle\b/.test(x.cls), 40, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction((h) => document.querySelector(h).shadowRoot.querySelector('.los').dataset.view === 'easy', H.HOST);
  assert.match((await parts(page)).toggle.text, /^Things that might help less \(\d+\)$/);
  H.assertClean(log);
});

test('a suggestion whose card was folded: Enter puts its title in the box and takes focus to its card', async () => {
  const { page, log } = await env.reuse('index.html');
  await H.w(page, '#los-q').focus();
  await H.w(page, '#los-q').fill(BROAD);
  await H.waitFirstResult(page, /./);
  const p = await parts(page);
  const c = await H.comboState(page);
  const i = c.optionTitles.length - 1;
  assert.ok(i >= p.best.length, 'a suggestion beyond the best matches');
  const chosen = p.others[i - p.best.length];
  for (let k = 0; k <= i; k++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const f = await H.focused(page);
  assert.equal(f.id, `los-result-${chosen}`, 'focus is on the chosen card, wherever it now is');
  assert.notEqual((await H.comboState(page)).value, BROAD, 'the box holds the chosen title');
  const visible = await H.inShadow(page, (host) => {
    const li = host.shadowRoot.activeElement;
    return li.getClientRects().length > 0;
  });
  assert.ok(visible, 'the focused card is shown, not inside a closed "Other results"');
  H.assertClean(log);
});

for (const { file, min } of [
  { file: 'embed.html', min: 24 },
  { file: 'kiosk.html', min: 44 },
]) {
  test(`${file}: chips, answer panel and folded results work, reflow at 320 px and have ${min} px targets`, async () => {
    const { page, log } = await ask('ehcp for my 9 year old in redditch', file, { viewport: { width: 320, height: 640 } });
    let p = await parts(page);
    assert.deepEqual(p.chips.map((c) => c.name), ['Remove: age 9', 'Remove: Redditch']);
    assert.deepEqual(p.answer?.ids, ['glossary-ehcp']);
    assert.match(p.toggle?.text ?? '', /^Other results \(\d+\)$/);
    await H.tabTo(page, (f) => /\blos-other-toggle\b/.test(f.cls), 60);
    await page.keyboard.press('Enter');
    p = await parts(page);
    assert.equal(p.toggle.expanded, 'true');
    const widths = await H.pageWidths(page);
    assert.ok(widths.scrollWidth <= widths.clientWidth, 'no sideways scroll');
    assert.deepEqual(await H.overflowingElements(page), []);
    const small = (await H.targetSizes(page)).filter(
      (s) => /los-(chip|other-toggle|suggestion)/.test(s.label) && (s.width < min || s.height < min),
    );
    assert.deepEqual(small, [], `chips and the fold button are at least ${min} px`);
    // Back to the last chip (Redditch): taken back, focus goes to the chip before it.
    await H.tabTo(page, (f) => /\blos-chip\b/.test(f.cls), 60, 'Shift+Tab');
    await page.keyboard.press('Enter');
    assert.deepEqual((await parts(page)).chips.map((c) => c.name), ['Remove: age 9']);
    assert.equal(await H.inShadow(page, (host) => host.shadowRoot.activeElement?.getAttribute('aria-label')), 'Remove: age 9');
    await H.shot(page, `understanding-${file.replace('.html', '')}-320`);
    H.assertClean(log);
  });
}
