// What a family meets around the results (issue #14): the combobox's choice goes in the box, the
// status says how to reach the suggestions and that the box was cleared, one helpful message
// when nothing matches, and a kiosk reset that leaves no trace of the last family's list.

import { after, before, test } from 'node:test';
import * as H from './harness.mjs';

const { assert } = H;
const env = H.useSite();
const IDLE_PAGE = 'test-ux-kiosk-idle.html';

before(() => {
  H.writeSiteFile(
    IDLE_PAGE,
    H.pageWith('kiosk.html', 'mode="kiosk" idle-timeout="60" idle-warning="20"', { dropScripts: ['kiosk.js'] }),
  );
});
after(() => H.removeSiteFiles(IDLE_PAGE));

/**
 * The file's shared page (`env.reuse`: loaded afresh, storage cleared), focus in the search box.
 * Its tests fill the query in at once (one input event): they test what follows it.
 */
async function searchBox(file = 'index.html') {
  const opened = await env.reuse(file);
  await H.w(opened.page, '#los-q').focus();
  return opened;
}

test('Enter on a suggestion puts its title in the box, shows its card first and focuses it', async () => {
  const { page, log } = await searchBox();
  await H.w(page, '#los-q').fill('chams');
  await H.waitFirstResult(page, /CAMHS/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  // The title as the record writes it: without the acronyms' spelled-out meanings.
  const chosen = await H.inShadow(page, (host) => {
    const c = host.shadowRoot.querySelectorAll('#los-listbox [role=option] .los-option-title')[1].cloneNode(true);
    c.querySelectorAll('.los-expansion').forEach((x) => x.remove());
    return c.textContent;
  });
  await page.keyboard.press('Enter');
  const combo = await H.comboState(page);
  assert.equal(combo.value, chosen, 'the chosen title is in the box');
  assert.equal(combo.expanded, 'false');
  const focused = await H.inShadow(page, (host) => {
    const c = host.shadowRoot.activeElement.querySelector('.los-title').cloneNode(true);
    c.querySelectorAll('.los-expansion').forEach((x) => x.remove());
    return c.textContent;
  });
  assert.equal(focused, chosen, 'focus is on the chosen card');
  H.assertClean(log);
});

test('the status says how many suggestions there are and how to reach them', async () => {
  const { page, log } = await searchBox();
  await H.w(page, '#los-q').fill('autism');
  await H.waitFirstResult(page, /./);
  const options = (await H.comboState(page)).options;
  assert.ok(options > 1, `suggestions are offered (${options})`);
  await H.waitStatus(page, new RegExp(`results? for “autism”.*\\b${options} suggestions: use the up and down arrow keys to choose\\.$`));
  // The visible count stays short: the hint is for those who cannot see the list.
  const count = await H.inShadow(page, (host) => host.shadowRoot.querySelector('.los-count').textContent);
  assert.doesNotMatch(count, /arrow keys/);
  H.assertClean(log);
});

test('at 1000×900 a press on a filter or a button while the suggestions are open closes them and does what was pressed', async () => {
  const { page, log } = await env.open('index.html', { viewport: { width: 1000, height: 900 } });
  await H.w(page, '#los-q').focus();
  await H.typeText(page, 'autism');
  await H.waitFirstResult(page, /./);
  // Where the family sees `selector` now, and what is drawn there.
  const spot = (selector) => H.inShadow(page, (host, sel) => {
    const e = host.shadowRoot.querySelector(sel);
    e.scrollIntoView({ block: 'center' });
    const r = e.getBoundingClientRect();
    const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
    return { x, y, there: host.shadowRoot.elementFromPoint(x, y).closest('select, button, li')?.className };
  }, selector);
  let combo = await H.comboState(page);
  assert.ok(combo.expanded === 'true' && combo.options > 1, 'the suggestions are open');
  const kind = await spot('#los-kind');
  assert.equal(kind.there, 'los-select', 'the open list does not cover the filters');
  await page.mouse.click(kind.x, kind.y);
  await page.keyboard.press('Escape'); // the select's own popup
  combo = await H.comboState(page);
  assert.deepEqual([combo.expanded, combo.listHidden, combo.value], ['false', true, 'autism'], 'closed, and no suggestion was picked');
  assert.equal((await H.focused(page)).id, 'los-kind', 'the press went to the select');

  await H.w(page, '#los-q').focus();
  await H.replaceQuery(page, 'autism');
  await page.waitForFunction((h) => !document.querySelector(h).shadowRoot.getElementById('los-listbox').hidden, H.HOST);
  const easy = await spot('.los-easy-toggle');
  assert.match(easy.there, /los-easy-toggle/);
  // The list closes as the press starts: the button must not move away before it ends.
  await page.mouse.click(easy.x, easy.y);
  assert.equal(await H.w(page, '.los-easy-toggle').getAttribute('aria-pressed'), 'true', 'the button was pressed');
  combo = await H.comboState(page);
  assert.deepEqual([combo.expanded, combo.value], ['false', 'autism']);
  H.assertClean(log);
});

test('the Clear button says that the search was cleared', async () => {
  const { page, log } = await searchBox();
  await H.w(page, '#los-q').fill('short breaks');
  await H.waitFirstResult(page, /./);
  await H.w(page, '.los-clear').click();
  await H.waitStatus(page, /^Search cleared\. Type to search again\.$/);
  assert.equal((await H.comboState(page)).value, '');
  H.assertClean(log);
});

test('Tab after the last card goes on to the page after the widget, not back to the top', async () => {
  const { page, log } = await searchBox();
  await H.w(page, '#los-q').fill('SEND team contact details');
  await H.waitFirstResult(page, /contact details/);
  await page.keyboard.press('Escape');
  await H.w(page, '.los-results > li.los-card:last-child .los-pick').focus();
  await H.tabTo(page, (f) => f.outside, 40);
  const next = await page.evaluate(() => {
    const a = document.activeElement;
    const host = document.querySelector('local-offer-search');
    return { href: a.getAttribute('href'), after: !!(host.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING) };
  });
  assert.deepEqual(next, { href: 'embed.html', after: true }, 'the first link after the widget');
  H.assertClean(log);
});

/** The no-results box: its text, its links, and whether it shows. */
function emptyBox(page) {
  return H.inShadow(page, (host) => {
    const e = host.shadowRoot.querySelector('.los-empty');
    return {
      shown: !e.hidden,
      text: e.textContent,
      links: [...e.querySelectorAll('a')].map((a) => a.getAttribute('href')),
    };
  });
}

test('no results: one message, what to try (the filters only when some are set), and the Local Offer team to ask', async () => {
  const { page, log } = await searchBox();
  await H.w(page, '#los-q').fill('zzqxv');
  await page.waitForFunction((h) => !document.querySelector(h).shadowRoot.querySelector('.los-empty').hidden, H.HOST);
  let box = await emptyBox(page);
  assert.match(box.text, /We could not find anything for “zzqxv”\./);
  assert.match(box.text, /Try fewer words, or check the spelling\./);
  assert.doesNotMatch(box.text, /filters/, 'no filter is set, so none to clear');
  assert.match(box.text, /ask the Local Offer team/);
  assert.deepEqual(box.links, ['mailto:localoffer@worcschildrenfirst.org.uk']);
  const unknownShown = await H.inShadow(page, (host) => !host.shadowRoot.querySelector('.los-unknown').hidden);
  assert.equal(unknownShown, false, 'one message, not two');
  assert.equal(await H.countText(page), '', 'the count line does not say it again in other words');
  // A screen reader hears the box's own words.
  await H.waitStatus(page, /^We could not find anything for “zzqxv”\. Try fewer words, or check the spelling\.$/);

  await H.w(page, '#los-kind').selectOption('provision');
  await page.waitForFunction((h) => /clear the filters/.test(document.querySelector(h).shadowRoot.querySelector('.los-empty').textContent), H.HOST);
  box = await emptyBox(page);
  assert.match(box.text, /Try fewer words, check the spelling, or clear the filters\./);
  H.assertClean(log);
});

test('an unknown acronym with nothing found shows its own notice only', async () => {
  const { page, log } = await searchBox();
  await H.w(page, '#los-q').fill('EBSA');
  await page.waitForFunction((h) => !document.querySelector(h).shadowRoot.querySelector('.los-unknown').hidden, H.HOST);
  const total = await H.resultIds(page);
  const box = await emptyBox(page);
  if (total.length === 0) {
    assert.equal(box.shown, false, 'the notice already says what to try and whom to tell');
  }
  assert.doesNotMatch(box.shown ? box.text : '', /We don't know/);
  H.assertClean(log);
});

test('kiosk: after an idle reset, the next family sees every card as not on the list', { timeout: 60_000 }, async () => {
  const { page, log } = await env.open(null);
  await page.clock.install();
  await page.goto(env.url(IDLE_PAGE));
  await H.waitState(page);
  await H.w(page, '#los-q').focus();
  await H.typeText(page, 'autism');
  await H.waitFirstResult(page, /./);
  await H.w(page, '.los-pick').first().click();
  const picked = () => H.inShadow(page, (host) => [...host.shadowRoot.querySelectorAll('.los-results .los-pick')]
    .map((b) => `${b.getAttribute('aria-pressed')} ${b.textContent}`));
  assert.equal((await picked())[0], 'true Remove from my list');
  // The idle timeout, then the warning's 20 s unanswered: the reset.
  await page.clock.runFor(60_000 + 20_000 + 2_000);
  await page.waitForFunction((h) => document.querySelector(h).shadowRoot.getElementById('los-q').value === '', H.HOST);
  await page.clock.resume();
  await H.w(page, '#los-q').focus();
  await H.typeText(page, 'autism');
  await H.waitFirstResult(page, /./);
  const after = await picked();
  assert.ok(after.length > 0);
  assert.deepEqual(after.filter((p) => p !== 'false Add to my list'), [], 'no card still says it is on the list');
  H.assertClean(log);
});

test('on a phone (320×640) the filters fold behind "Filters", the first result is on the first screen, and Enter takes focus to the results', async () => {
  const { page, log } = await env.open('index.html', { viewport: { width: 320, height: 640 } });
  const layout = () => H.inShadow(page, (host) => {
    const root = host.shadowRoot;
    const toggle = root.querySelector('.los-filters-toggle');
    const first = root.querySelector('.los-results > li');
    return {
      filtersShown: getComputedStyle(root.querySelector('.los-filters')).display !== 'none',
      toggleShown: getComputedStyle(toggle).display !== 'none',
      toggle: { text: toggle.textContent, expanded: toggle.getAttribute('aria-expanded'), controls: toggle.getAttribute('aria-controls') },
      // From the top of the search box: typing scrolls the box into view, so that is where
      // the family's screen starts.
      firstTop: first ? first.getBoundingClientRect().top - root.getElementById('los-q').getBoundingClientRect().top : null,
      focus: root.activeElement ? root.activeElement.className : null,
      headingTop: root.querySelector('.los-count').getBoundingClientRect().top,
      heading: root.querySelector('.los-count').textContent,
      headingTag: root.querySelector('.los-count').localName,
    };
  });
  let l = await layout();
  assert.deepEqual([l.filtersShown, l.toggleShown], [false, true], 'the filters are folded behind the button');
  assert.deepEqual(l.toggle, { text: 'Filters', expanded: 'false', controls: 'los-filters' });

  await H.w(page, '#los-q').focus();
  await H.typeText(page, 'autism');
  await H.waitFirstResult(page, /./);
  l = await layout();
  assert.ok(l.firstTop !== null && l.firstTop < 640, `the first result starts within a screen of the search box (${l.firstTop} px below its top)`);

  await page.keyboard.press('Enter');
  l = await layout();
  assert.equal(l.focus, 'los-count', 'Enter (a phone keyboard\'s Go) moves focus to the results\' heading');
  assert.equal(l.headingTag, 'h2');
  assert.match(l.heading, /\d+ results? for “autism”/, 'the heading says how many results there are');
  assert.ok(l.headingTop >= -1 && l.headingTop < 100, `the results' heading is scrolled to the top of the screen (${l.headingTop})`);

  await H.w(page, '.los-filters-toggle').click();
  l = await layout();
  assert.equal(l.filtersShown, true, 'the button opens the filters');
  assert.equal(l.toggle.expanded, 'true');
  await H.w(page, '#los-kind').selectOption('service');
  await page.waitForFunction((h) => document.querySelector(h).shadowRoot.querySelector('.los-filters-toggle').textContent === 'Filters (1 set)', H.HOST);
  await H.w(page, '.los-filters-toggle').click();
  l = await layout();
  assert.deepEqual([l.filtersShown, l.toggle.text], [false, 'Filters (1 set)'], 'folded again, it still says a filter is set');
  H.assertClean(log);
});

test('on a wide screen the filters show and there is no "Filters" button', async () => {
  const { page, log } = await env.open('index.html', { viewport: { width: 1280, height: 900 } });
  const shown = await H.inShadow(page, (host) => {
    const root = host.shadowRoot;
    return [
      getComputedStyle(root.querySelector('.los-filters')).display !== 'none',
      getComputedStyle(root.querySelector('.los-filters-toggle')).display !== 'none',
    ];
  });
  assert.deepEqual(shown, [true, false]);
  H.assertClean(log);
});
