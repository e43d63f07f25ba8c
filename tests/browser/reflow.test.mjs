// Reflow (WCAG 1.4.10) and target size (2.5.8; kiosk: 2.5.5's 44 px): at 320 CSS px wide, and at
// 1280 px with 200% zoom (a 640 CSS px viewport at device scale factor 2), nothing scrolls
// sideways, nothing in the widget sticks out past the right edge, and every button, input,
// select, suggestion and link is at least 24 by 24 CSS px (44 by 44 on the kiosk).

import { after, test } from 'node:test';
import * as H from './harness.mjs';

const { assert } = H;
const env = H.useSite();

const viewports = [
  { name: '320px', viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 },
  { name: '1280px-at-200pc', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
];
const pages = [
  { file: 'index.html', min: 24 },
  { file: 'kiosk.html', min: 44 },
  { file: 'embed.html', min: 24 },
];
const smallest = {};

async function checkLayout(page, label, min) {
  const widths = await H.pageWidths(page);
  assert.ok(widths.scrollWidth <= widths.clientWidth, `${label}: the page scrolls sideways (scrollWidth ${widths.scrollWidth} > clientWidth ${widths.clientWidth})`);
  const over = await H.overflowingElements(page);
  assert.deepEqual(over, [], `${label}: widget elements past the viewport's edge`);
  const sizes = await H.targetSizes(page);
  assert.ok(sizes.length > 0, `${label}: found targets to measure`);
  const small = sizes.filter((s) => s.width < min || s.height < min || s.minLineHeight < min || s.minLineWidth < min);
  const fmt = (s) => `${s.label}: ${s.width.toFixed(1)}x${s.height.toFixed(1)} (smallest line box ${s.minLineWidth.toFixed(1)}x${s.minLineHeight.toFixed(1)})`;
  assert.deepEqual(small.map(fmt), [], `${label}: targets smaller than ${min}x${min} CSS px`);
  return sizes;
}

/** Keeps the smallest width and height seen per kind of target (input, select, button, option, a). */
function record(key, sizes) {
  const agg = (smallest[key] ??= {});
  for (const s of sizes) {
    const kind = s.label.startsWith('li#los-option') ? 'option' : s.label.split(/[.#" ]/)[0];
    const a = (agg[kind] ??= { width: Infinity, height: Infinity });
    a.width = Math.min(a.width, s.width, s.minLineWidth);
    a.height = Math.min(a.height, s.height, s.minLineHeight);
  }
}

for (const { file, min } of pages) {
  for (const vp of viewports) {
    test(`reflow and target size: ${file} at ${vp.name}`, async () => {
      const { page, log } = await env.reuse(file, { viewport: vp.viewport, deviceScaleFactor: vp.deviceScaleFactor });
      const name = `${file.replace('.html', '')}-${vp.name}`;
      const key = `${file} ${vp.name}`;
      record(key, await checkLayout(page, `${key}, on load`, min));

      await H.w(page, '#los-q').focus();
      await H.w(page, '#los-q').fill('autism');
      await H.waitFirstResult(page, /./);
      await page.keyboard.press('ArrowDown');
      assert.equal((await H.comboState(page)).expanded, 'true');
      record(key, await checkLayout(page, `${key}, suggestions open`, min));
      await H.shot(page, `reflow-${name}-suggestions`, { fullPage: false });

      await page.keyboard.press('Escape');
      record(key, await checkLayout(page, `${key}, results`, min));
      await H.shot(page, `reflow-${name}-results`);

      await H.w(page, '.los-easy-toggle').press('Enter');
      await page.waitForFunction((h) => document.querySelector(h).shadowRoot.querySelector('.los').dataset.view === 'easy', H.HOST);
      record(key, await checkLayout(page, `${key}, easy read results`, min));
      await H.shot(page, `reflow-${name}-easy-read`);

      await H.w(page, '#los-q').fill('asq'); // no results, with a "Search for … instead" button
      await page.waitForFunction((h) => !document.querySelector(h).shadowRoot.querySelector('.los-empty').hidden, H.HOST);
      record(key, await checkLayout(page, `${key}, no results`, min));
      await H.shot(page, `reflow-${name}-no-results`, { fullPage: false });

      // The records with contact details: email and phone links (text and no links on a kiosk).
      await H.w(page, '.los-easy-toggle').press('Enter');
      await H.w(page, '#los-q').fill('SEND team contact details');
      await H.waitFirstResult(page, /contact details/);
      await page.keyboard.press('Escape');
      const sizes = await checkLayout(page, `${key}, contact details`, min);
      record(key, sizes);
      const links = sizes.filter((x) => x.label.startsWith('a.'));
      if (file === 'kiosk.html') assert.equal(links.length, 0, 'a kiosk shows no links');
      else assert.ok(links.length >= 2, `email and phone links measured (${links.length})`);
      await H.w(page, '.los-card').first().scrollIntoViewIfNeeded();
      await H.shot(page, `reflow-${name}-contacts`, { fullPage: false });
      H.assertClean(log);
    });
  }
}

after(() => {
  for (const [key, kinds] of Object.entries(smallest)) {
    const parts = Object.entries(kinds).map(([k, v]) => `${k} ${v.width.toFixed(1)}x${v.height.toFixed(1)}`);
    console.log(`smallest targets (CSS px, width x height), ${key}: ${parts.join(', ')}`);
  }
});
