// axe-core (WCAG 2.0/2.1 A and AA, 2.2 AA) on one page that embeds the widget: zero violations in
// standard and easy-read views, with results (and the suggestions list open) and with none. Each
// scan logs how many rules it checked, for the accessibility notes. One test file per page
// (a11y-index, a11y-embed, a11y-kiosk) registers a test per scenario, so the three pages are
// scanned in parallel. A file's scans share one browser context and page (`env.reuse`): each
// scenario still starts from a new load of the page with the site's storage cleared, so each
// test stands alone.

import * as H from './harness.mjs';

const { assert } = H;

export const scenarios = [
  { name: 'on load', query: null, easy: false },
  { name: 'standard view, results with the suggestions list open', query: 'autism', easy: false, arrow: true },
  { name: 'easy read, results', query: 'short breaks', easy: true },
  { name: 'standard view, no results', query: 'zzqxv', easy: false },
  { name: 'easy read, no results', query: 'zzqxv', easy: true },
  // Issue 11: chips, the "What this means" panel and "Other results" (folded, then expanded).
  { name: 'standard view, chips, answer panel and folded other results', query: 'ehcp for my 9 year old in redditch', easy: false, expect: '.los-answer' },
  { name: 'easy read, chips, answer panel and other results expanded', query: 'ehcp for my 9 year old in redditch', easy: true, expect: '.los-answer', expand: true },
  { name: 'standard view, unknown acronym with words to try', query: 'EBSA', easy: false, expect: '.los-unknown' },
];

/** What the scans of one page found, for `summarise`. */
export function newTotals() {
  return { scans: 0, rules: new Set(), passed: new Set(), incomplete: new Set() };
}

/** One scan: loads `file` (a page in target/site), sets up scenario `sc`, runs axe, asserts. */
export async function scan(env, file, sc, totals) {
  const { page, log } = await env.reuse(file);
  if (sc.easy) {
    await H.w(page, '.los-easy-toggle').click();
    await page.waitForFunction((h) => document.querySelector(h).shadowRoot.querySelector('.los').dataset.view === 'easy', H.HOST);
  }
  if (sc.query) {
    // The query is filled in at once, not typed key by key: a scan checks the state the widget
    // ends in, and each key costs a search and a render (the keyboard itself is journeys.test.mjs's
    // and aria.test.mjs's).
    await H.w(page, '#los-q').focus();
    await H.w(page, '#los-q').fill(sc.query);
    if (sc.query === 'zzqxv') {
      await page.waitForFunction((h) => !document.querySelector(h).shadowRoot.querySelector('.los-empty').hidden, H.HOST);
    } else if (sc.expect) {
      await page.waitForFunction(([h, sel]) => !document.querySelector(h).shadowRoot.querySelector(sel).hidden, [H.HOST, sc.expect]);
    } else {
      await H.waitFirstResult(page, /./);
    }
    if (sc.arrow) {
      await page.keyboard.press('ArrowDown');
      assert.equal((await H.comboState(page)).active, 'los-option-0');
    } else if ((await H.comboState(page)).expanded === 'true') {
      await page.keyboard.press('Escape'); // close the list so the results are scanned uncovered
      assert.equal((await H.comboState(page)).expanded, 'false');
    }
    if (sc.expand) {
      await H.w(page, '.los-other-toggle').focus();
      await page.keyboard.press('Enter');
      assert.equal(await H.w(page, '.los-other-toggle').getAttribute('aria-expanded'), 'true');
    }
  }
  const results = await H.axe(page);
  const counts = {
    passes: results.passes.length,
    violations: results.violations.length,
    incomplete: results.incomplete.length,
    inapplicable: results.inapplicable.length,
  };
  const checked = counts.passes + counts.violations + counts.incomplete + counts.inapplicable;
  console.log(
    `axe ${results.testEngine.version}: ${file}, ${sc.name}: ${checked} rules checked ` +
      `(${counts.passes} passed, ${counts.violations} violations, ${counts.incomplete} incomplete, ` +
      `${counts.inapplicable} inapplicable)` +
      (counts.incomplete ? `; needs review: ${results.incomplete.map((r) => r.id).join(', ')}` : ''),
  );
  totals.scans++;
  for (const kind of ['passes', 'violations', 'incomplete', 'inapplicable']) {
    for (const r of results[kind]) totals.rules.add(r.id);
  }
  for (const r of results.passes) totals.passed.add(r.id);
  for (const r of results.incomplete) totals.incomplete.add(r.id);
  assert.ok(checked > 50, `axe ran its WCAG rule set (${checked} rules)`);
  const inShadow = results.passes.flatMap((r) => r.nodes).filter((n) => Array.isArray(n.target[0]) && n.target[0][0] === H.HOST);
  assert.ok(inShadow.length > 10, `axe checked nodes inside the widget's shadow root (${inShadow.length})`);
  assert.equal(results.violations.length, 0, `axe violations:\n${H.describeViolations(results.violations)}`);
  await H.shot(page, `axe-${file.replace('.html', '')}-${sc.name.replace(/[^a-z]+/gi, '-').toLowerCase()}`, { fullPage: false });
  H.assertClean(log);
}

/** Logs what the scans of `file` covered. */
export function summarise(file, totals) {
  console.log(
    `axe summary (${file}): ${totals.scans} scans; ${totals.rules.size} distinct rules checked, ` +
      `${totals.passed.size} passed in at least one scan; needing manual review: ${[...totals.incomplete].join(', ') || 'none'}`,
  );
}
