// Cards a family can trust and act on (issue 12): a status badge in words on anything not open,
// "Last checked", a "Tell us this is out of date" email naming the record, and on every card of
// a service, setting or support a way to get it and at least one contact, labelled when it is a
// general one. What each card should say is read from the built index by `index-builder show
// --json` (the same view code the widget runs), never written into this file.

import { test } from 'node:test';
import * as H from './harness.mjs';

const { assert } = H;
// The cards are checked as families get them: built ahead of typing in the page's idle time.
const env = H.useSite({ idleWarmUp: true });

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** The Local Offer team's address, as the source documents print it. */
const LOCAL_OFFER = 'localoffer@worcschildrenfirst.org.uk';


/** "2026-12" → "December 2026", as the card words it. */
function monthWords(yyyyMm) {
  const [y, m] = yyyyMm.split('-');
  return `${MONTHS[Number(m) - 1]} ${y}`;
}

/** What every card shown says about status, contacts, next step, last checked and reporting. */
function shownCards(page) {
  return H.inShadow(page, (host) =>
    [...host.shadowRoot.querySelectorAll('.los-results > li.los-card')].map((li) => {
      const title = li.querySelector('.los-title').cloneNode(true);
      for (const e of title.querySelectorAll('.los-expansion')) e.remove();
      const report = li.querySelector('.los-report');
      const a = report?.querySelector('a');
      const badge = li.querySelector('.los-badge');
      const shown = (e) => !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
      return {
        id: li.id.replace(/^los-result-/, ''),
        kind: li.dataset.kind,
        title: title.textContent,
        badge: badge ? { text: badge.textContent, status: badge.dataset.status, shown: shown(badge) } : null,
        replaced: li.querySelector('.los-replaced')?.textContent ?? null,
        facts: [...li.querySelectorAll('.los-fact dt')].map((d) => d.textContent),
        links: [...li.querySelectorAll('.los-links a')].map((l) => l.getAttribute('href')),
        whose: [...li.querySelectorAll('.los-links .los-whose')].map((s) => s.textContent),
        checked: li.querySelector('.los-checked')?.textContent ?? null,
        checkedShown: shown(li.querySelector('.los-checked')),
        report: a ? { text: a.textContent, href: a.getAttribute('href'), shown: shown(a) } : null,
      };
    }),
  );
}

async function search(page, q) {
  await H.w(page, '#los-q').fill(q);
  await page.waitForFunction(
    ([h, want]) => document.querySelector(h).shadowRoot.getElementById('los-q').value === want &&
      document.querySelector(h).shadowRoot.querySelectorAll('.los-results > li.los-card').length > 0,
    [H.HOST, q],
  );
  await page.keyboard.press('Escape');
}

const QUERIES = ['autism', 'short breaks', 'speech therapy', 'ehcp', 'nursery', 'wheelchair', 'mental health', 'college'];

test('every card shown for several queries has how to get it, a contact, "Last checked" and the out-of-date email', async () => {
  const { page, log } = await env.reuse('index.html');
  let cards = 0;
  const sampled = new Set();
  for (const q of QUERIES) {
    await search(page, q);
    // Open "Other results" (folded under the best matches), so every card is shown and checked.
    await H.inShadow(page, (host) => {
      const t = host.shadowRoot.querySelector('.los-other-toggle');
      if (t && !t.hidden && t.getAttribute('aria-expanded') === 'false') t.click();
    });
    for (const c of await shownCards(page)) {
      cards++;
      const where = `"${q}": ${c.id}`;
      // Out of date: a mailto to the Local Offer team whose subject names this record.
      assert.ok(c.report, `${where}: an out-of-date link`);
      assert.equal(c.report.text, 'Tell us this is out of date', where);
      assert.ok(c.report.shown, `${where}: the out-of-date link is visible`);
      const m = /^mailto:([^?]+)\?subject=([^&#]*)$/.exec(c.report.href);
      assert.ok(m, `${where}: a mailto with a subject and nothing else (${c.report.href})`);
      assert.equal(m[1], LOCAL_OFFER, where);
      assert.match(m[2], /^[A-Za-z0-9%._~-]*$/, `${where}: the subject is percent-encoded`);
      assert.equal(decodeURIComponent(m[2]), `Out of date: ${c.title} (${c.id})`, where);
      // Last checked, in words.
      assert.match(c.checked ?? '', new RegExp(`^Last checked: (${MONTHS.join('|')}) 20\\d\\d$`), where);
      assert.ok(c.checkedShown, `${where}: "Last checked" is visible`);
      if (c.kind === 'glossary') continue;
      // A next step and a way to get in touch, on every service, setting and support.
      assert.ok(c.facts.includes('How to get it'), `${where}: "How to get it" (${c.facts.join(', ')})`);
      assert.ok(c.links.length >= 1, `${where}: at least one contact`);
      for (const href of c.links) assert.match(href, /^(https:|mailto:|tel:)/, where);
      // The first card of each query against the builder's own view of the record.
      if (!sampled.has(q)) {
        sampled.add(q);
        const want = H.cliShow(c.id);
        assert.equal(c.checked, `Last checked: ${monthWords(want.last_checked)}`, where);
        assert.equal(c.links.length, want.contacts.length, `${where}: every contact is shown`);
        const general = [...new Set(want.contacts.filter((k) => k.general).map((k) => k.label.replace(/\s*\(general contact\)$/, '')))];
        for (const label of general) {
          assert.ok(c.whose.includes(`General contact: ${label}`), `${where}: "General contact: ${label}" among ${JSON.stringify(c.whose)}`);
        }
        if (want.contacts.every((k) => k.general)) assert.ok(c.whose.length >= 1, `${where}: its general contacts say so`);
      }
    }
  }
  assert.ok(cards >= 40, `enough cards were looked at (${cards})`);
  assert.ok(sampled.size >= 4, `the builder's view was compared for several queries (${sampled.size})`);
  H.assertClean(log);
});

test('status badges: planned and ended in words (with what replaced it), in both views; open records have none; easy read counts in plain words', async () => {
  const { page, log } = await env.reuse('index.html');
  const ids = ['umbrella-16-plus-independent-assessment', 'enterprise-academy-malvern', 'batchley-nursery-plus'];
  for (const id of ids) {
    const want = H.cliShow(id);
    assert.notEqual(want.status, 'active', `${id} is a record that is not open`);
    await search(page, want.title);
    const c = (await shownCards(page)).find((k) => k.id === id);
    assert.ok(c, `${id} is among the results for its own title`);
    assert.ok(c.badge, `${id}: a badge`);
    assert.equal(c.badge.text, want.status_text, id);
    assert.equal(c.badge.status, want.status, id);
    assert.ok(c.badge.shown, `${id}: the badge is visible`);
    assert.match(c.badge.text, /^(Planned|Ended|Paused)/, `${id}: the status is in words`);
    if (want.status === 'ended' && want.ends) assert.ok(c.badge.text.endsWith(want.ends.slice(0, 4)), `${id}: says when it ended`);
    if (want.replaced_by) assert.equal(c.replaced, `What replaced it: ${want.replaced_by}`, id);
    else assert.equal(c.replaced, null, id);
    assert.ok(!c.facts.includes('Status'), `${id}: the status is said once, in the badge`);
  }
  // The planned school gives its expected start in words.
  const planned = H.cliShow('enterprise-academy-malvern');
  assert.equal(planned.status_text, `Planned: expected ${monthWords(planned.starts)}`);
  // Open records need no badge.
  await search(page, 'autism');
  const standardCount = await H.countText(page);
  const total = /^(\d+) results? for “autism”$/.exec(standardCount)?.[1];
  assert.ok(total, `the standard count (${standardCount})`);
  const open = (await shownCards(page)).filter((k) => H.cliShow(k.id).status === 'active');
  assert.ok(open.length >= 5, `several open records (${open.length})`);
  for (const c of open) assert.equal(c.badge, null, `${c.id}: an open record has no badge`);
  // Easy read keeps the badge.
  await search(page, H.cliShow(ids[0]).title);
  await H.w(page, '.los-easy-toggle').click();
  await page.waitForFunction((h) => document.querySelector(h).shadowRoot.querySelector('.los').dataset.view === 'easy', H.HOST);
  // Turning easy read on rewords the count at once, before any new search.
  assert.match(await H.countText(page), /^We found \d+ things? that can help\.$/);
  const easy = (await shownCards(page)).find((k) => k.id === ids[0]);
  assert.ok(easy.badge?.shown, 'the badge shows in easy read too');
  assert.ok(easy.report?.shown && easy.checkedShown, 'so do the out-of-date link and "Last checked"');
  // Easy read counts in plain words.
  await search(page, 'autism');
  assert.equal(await H.countText(page), `We found ${total} things that can help.`);
  await H.shot(page, 'cards-badge-easy');
  H.assertClean(log);
});
