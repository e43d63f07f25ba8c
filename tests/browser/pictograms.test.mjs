// Easy read's pictures and words (issue 12, item 7): each part of a card shows a picture of what
// it is about (an OpenMoji pictogram chosen by topic: a school, a doctor, a phone, a calendar,
// money, a house, …), the picture the builder chose for that part (`index-builder show`), drawn
// only as paths in the text's colour, so it shows in forced colours and dark modes; and the
// filters' labels and buttons say things in easy words.

import { test } from 'node:test';
import * as H from './harness.mjs';

const { assert } = H;
const env = H.useSite();

/** `index-builder show ID` (the text an editor reads): each easy-read part's picture, in order. */
function cliPictures(id) {
  const out = H.cliShow(id, { json: false });
  const easy = out.slice(out.indexOf('\nEasy read:\n'), out.indexOf('\nEvidence ('));
  return [...easy.matchAll(/^ {2}\S.*?(?: \[picture: ([a-z]+)\])?$/gm)].map((m) => m[1] ?? null);
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

async function easyReadOn(page) {
  await H.w(page, '.los-easy-toggle').click();
  await page.waitForFunction((h) => document.querySelector(h).shadowRoot.querySelector('.los').dataset.view === 'easy', H.HOST);
}

/**
 * Every shown card's parts (the "What this means" panel's, then the results'): heading, picture
 * topic, what the picture is made of, its colours.
 */
function shownParts(page) {
  return H.inShadow(page, (host) =>
    [...host.shadowRoot.querySelectorAll('.los-answer-list > li.los-card, .los-results > li.los-card')].map((li) => ({
      id: li.id.replace(/^los-result-/, ''),
      parts: [...li.querySelectorAll('.los-part')].map((sec) => {
        const svgs = sec.querySelectorAll('svg');
        const svg = svgs[0];
        const heading = sec.querySelector('.los-part-heading');
        const size = svg && getComputedStyle(svg);
        return {
          heading: heading.textContent,
          textColour: getComputedStyle(heading).color,
          svgs: svgs.length,
          topic: svg?.getAttribute('data-topic') ?? null,
          hidden: svg?.getAttribute('aria-hidden') ?? null,
          // As laid out (cards off screen are not drawn yet, so their boxes are empty).
          size: size ? [parseFloat(size.width), parseFloat(size.height)] : null,
          drawing: svg ? [...svg.querySelectorAll('path')].map((p) => p.getAttribute('d')).join(' ') : '',
          // Anything in the picture but <path>s with d, fill, stroke and stroke-width.
          odd: svg
            ? [...svg.querySelectorAll('*')].flatMap((e) =>
              e.tagName !== 'path'
                ? [`<${e.tagName}>`]
                : [...e.attributes].map((a) => a.name).filter((n) => !['d', 'fill', 'stroke', 'stroke-width'].includes(n)))
            : [],
          // The colour each path is drawn in: its stroke if stroked, else its fill.
          ink: svg
            ? [...svg.querySelectorAll('path')].map((p) => {
              const cs = getComputedStyle(p);
              return cs.stroke !== 'none' ? cs.stroke : cs.fill;
            })
            : [],
        };
      }),
    })),
  );
}

const QUERIES = ['special school', 'short breaks', 'nursery', 'speech therapy', 'while you wait', 'college', 'what does ehcp mean'];

test('in easy read each part shows the picture the builder chose for it, and different topics look different', async () => {
  const { page, log } = await env.reuse('index.html');
  await easyReadOn(page);
  const drawings = new Map(); // topic → drawing
  let parts = 0;
  let compared = 0;
  for (const q of QUERIES) {
    await search(page, q);
    const cards = await shownParts(page);
    for (const [n, c] of cards.entries()) {
      const want = n < 2 ? cliPictures(c.id) : null;
      if (want) {
        assert.deepEqual(c.parts.map((p) => p.topic), want, `"${q}": ${c.id}: the builder's pictures, part by part`);
        compared++;
      }
      for (const p of c.parts) {
        parts++;
        const where = `"${q}": ${c.id}: ${p.heading}`;
        assert.equal(p.svgs, 1, `${where}: one picture`);
        assert.match(p.topic ?? '', /^[a-z]+$/, `${where}: names its topic`);
        assert.equal(p.hidden, 'true', `${where}: decoration beside its heading, hidden from screen readers`);
        assert.deepEqual(p.odd, [], `${where}: nothing but paths`);
        assert.ok(p.drawing.length > 20, `${where}: draws something`);
        assert.ok(p.size[0] >= 40 && p.size[1] >= 40, `${where}: shown at its size (${p.size})`);
        for (const ink of p.ink) assert.equal(ink, p.textColour, `${where}: drawn in the text's colour`);
        if (drawings.has(p.topic)) assert.equal(drawings.get(p.topic), p.drawing, `${where}: one picture per topic`);
        drawings.set(p.topic, p.drawing);
      }
    }
  }
  assert.ok(parts >= 60, `enough parts were looked at (${parts})`);
  assert.ok(compared >= 10, `the builder's choice was compared for enough cards (${compared})`);
  // The topics the issue names, and the parts' own.
  for (const topic of ['school', 'health', 'phone', 'money', 'house', 'nursery', 'waiting', 'person', 'place', 'word']) {
    assert.ok(drawings.has(topic), `a ${topic} was shown (shown: ${[...drawings.keys()].join(', ')})`);
  }
  // Different topics, different pictures.
  const byDrawing = new Map();
  for (const [topic, drawing] of drawings) {
    assert.ok(!byDrawing.has(drawing), `${topic} and ${byDrawing.get(drawing)} look the same`);
    byDrawing.set(drawing, topic);
  }
  // A planned record says when, beside a calendar.
  await search(page, 'Enterprise Academy Malvern');
  const planned = (await shownParts(page)).find((c) => c.id === 'enterprise-academy-malvern');
  assert.ok(planned, 'the planned school is found');
  const when = planned.parts.find((p) => p.heading === 'Is it open?');
  assert.equal(when?.topic, 'calendar', 'a planned school: "Is it open?" with a calendar');
  assert.equal(planned.parts[0].topic, 'school', 'and it is a school');
  await H.shot(page, 'pictograms-easy');
  const result = await H.axe(page);
  assert.equal(result.violations.length, 0, H.describeViolations(result.violations));
  H.assertClean(log);
});

test('in forced colours on a dark screen the pictures are drawn in the text colour, and axe finds nothing else', async () => {
  const { page, log } = await env.open(null);
  await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
  await page.goto(env.url('index.html'));
  await H.waitState(page);
  await easyReadOn(page);
  for (const q of ['special school', 'short breaks']) {
    await search(page, q);
    const cards = await shownParts(page);
    const background = await H.inShadow(page, (host) => getComputedStyle(host.shadowRoot.querySelector('.los')).backgroundColor);
    let inks = 0;
    for (const c of cards) {
      for (const p of c.parts) {
        const where = `forced colours, "${q}": ${c.id}: ${p.heading}`;
        assert.notEqual(p.textColour, 'rgb(11, 12, 12)', `${where}: the text is in the system's colour`);
        assert.notEqual(p.textColour, background, `${where}: the text stands out`);
        for (const ink of p.ink) {
          inks++;
          assert.equal(ink, p.textColour, `${where}: the picture too (not #0b0c0c on black)`);
        }
      }
    }
    assert.ok(inks > 20, `paths were checked (${inks})`);
  }
  await H.shot(page, 'pictograms-forced-dark', { fullPage: false });
  // axe reads the page's own colours, not the ones forced colours draw (it finds the whole
  // page's text #0b0c0c on black), so contrast is checked above, on what is drawn; every other
  // rule runs.
  await H.scrollThrough(page);
  const result = await (await H.axeBuilder(page)).withTags(H.AXE_TAGS).disableRules(['color-contrast']).analyze();
  assert.equal(result.violations.length, 0, H.describeViolations(result.violations));
  H.assertClean(log);
});

test('easy read words the filters and buttons plainly, for the eye and for a screen reader', async () => {
  const { page, log } = await env.reuse('index.html');
  const STANDARD = { group: 'Narrow your results', kind: 'Type of help', district: 'Area', age: 'Age of your child or young person', need: 'Need', clear: 'Clear search' };
  const EASY = { group: 'Choose what help to show', kind: 'What kind of help', district: 'Where you live', age: 'How old your child is', need: 'What your child needs help with', clear: 'Start again' };
  /** What the labels show, and what each control is called (its accessible name). */
  const words = async (want) => {
    const shown = await H.inShadow(page, (host) => {
      const root = host.shadowRoot;
      const label = (id) => root.querySelector(`label[for=los-${id}]`).innerText.trim();
      return {
        group: root.querySelector('.los-legend').innerText.trim(),
        kind: label('kind'),
        district: label('district'),
        age: label('age'),
        need: label('need'),
        clear: root.querySelector('.los-clear').innerText.trim(),
      };
    });
    assert.deepEqual(shown, want, 'what the labels show');
    const named = async (role, name) => page.getByRole(role, { name, exact: true }).count();
    assert.equal(await named('group', want.group), 1, `the filters are called "${want.group}"`);
    for (const k of ['kind', 'district', 'age', 'need']) {
      assert.equal(await named('combobox', want[k]), 1, `a select is called "${want[k]}"`);
    }
    assert.equal(await named('button', want.clear), 1, `a button is called "${want.clear}"`);
  };
  await words(STANDARD);
  await easyReadOn(page);
  await words(EASY);
  // Short, as easy read asks.
  for (const w of Object.values(EASY)) assert.ok(w.split(' ').length <= 6, w);
  // Back to the standard words.
  await H.w(page, '.los-easy-toggle').click();
  await page.waitForFunction((h) => document.querySelector(h).shadowRoot.querySelector('.los').dataset.view === 'standard', H.HOST);
  await words(STANDARD);
  H.assertClean(log);
});

test('easy read credits the pictures (OpenMoji, CC BY-SA 4.0) wherever the widget is; the standard view shows no credit', async () => {
  for (const file of ['index.html', 'embed.html']) {
    const { page, log } = await env.reuse(file);
    const credit = () => H.inShadow(page, (host) => {
      const c = host.shadowRoot.querySelector('.los-credit');
      return { shown: getComputedStyle(c).display !== 'none', text: c.textContent };
    });
    assert.equal((await credit()).shown, false, `${file}: no credit in the standard view`);
    await easyReadOn(page);
    const c = await credit();
    assert.equal(c.shown, true, `${file}: the credit shows in easy read`);
    assert.match(c.text, /OpenMoji \(openmoji\.org\), licence CC BY-SA 4\.0/);
    H.assertClean(log);
  }
});
