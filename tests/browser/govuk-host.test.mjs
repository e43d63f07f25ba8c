// At home on a real council page (issue #14, item 8). Most council sites are built with GOV.UK
// Frontend: this file builds such a page from the `govuk-frontend` npm package (its compiled
// stylesheet and its page template's classes: skip link, the generic header that services
// outside GOV.UK use, width container, grid, headings, body text, footer), puts the widget in its main column with the one snippet a partner uses, and
// checks that the widget takes the page's font, passes axe, and fits at 320 px and at 200% zoom.
//
// The stylesheet is used as published, less its @font-face rules: GDS Transport is only for
// GOV.UK's own services, so a council's build leaves it out and the text falls back to Arial, as
// here. The page's font-family is still the one GOV.UK Frontend sets.

import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import * as H from './harness.mjs';

const { assert } = H;
const env = H.useSite();
const PAGE = 'test-govuk.html';
const CSS = 'test-govuk-frontend.css';
const BARE = 'test-govuk-bare.html';
const GOVUK = path.join(H.ROOT, 'node_modules', 'govuk-frontend', 'dist', 'govuk', 'govuk-frontend.min.css');

function page() {
  return `<!DOCTYPE html>
<html lang="en-GB" class="govuk-template">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>Find SEND help – A council (GOV.UK Frontend test page)</title>
<link rel="stylesheet" href="${CSS}">
<script src="local-offer-search.js" defer></script>
</head>
<body class="govuk-template__body">
<a href="#main-content" class="govuk-skip-link">Skip to main content</a>
<header class="govuk-generic-header">
  <div class="govuk-generic-header__container govuk-width-container">
    <div class="govuk-generic-header__logo"><a href="index.html" class="govuk-generic-header__homepage-link">A council</a></div>
  </div>
</header>
<div class="govuk-width-container">
  <main class="govuk-main-wrapper" id="main-content">
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <h1 class="govuk-heading-l">Find help for children with SEND</h1>
        <p class="govuk-body" id="host-text">This is a test page built with GOV.UK Frontend, as most council websites are. It adds the Local Offer search with the same snippet as every partner.</p>
        <local-offer-search index="local-offer.idx"></local-offer-search>
        <p class="govuk-body">If you cannot find what you need, contact the Local Offer team.</p>
      </div>
    </div>
  </main>
</div>
<footer class="govuk-footer">
  <div class="govuk-width-container"><p class="govuk-footer__meta-custom">A test page.</p></div>
</footer>
</body>
</html>
`;
}

before(() => {
  const css = fs.readFileSync(GOVUK, 'utf8');
  const withoutFonts = css.replace(/@font-face\{[^}]*\}/g, '');
  assert.ok(withoutFonts.length < css.length, 'the stylesheet had @font-face rules to leave out');
  assert.doesNotMatch(withoutFonts, /url\([^)]*fonts/, 'no font file is asked for');
  H.writeSiteFile(CSS, withoutFonts);
  H.writeSiteFile(PAGE, page());
  H.writeSiteFile(
    BARE,
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A page with no styles</title>' +
      '<script src="local-offer-search.js" defer></script></head><body><main><h1>No styles</h1><p>Plain text.</p>' +
      '<local-offer-search index="local-offer.idx"></local-offer-search></main></body></html>\n',
  );
});
after(() => H.removeSiteFiles(PAGE, CSS, BARE));

/** The computed font-family of the host page's paragraph and of the widget's parts. */
function fonts(page) {
  return page.evaluate((host) => {
    const root = document.querySelector(host).shadowRoot;
    const f = (e) => getComputedStyle(e).fontFamily;
    return {
      page: f(document.querySelector('#host-text')),
      widget: f(root.querySelector('.los')),
      input: f(root.querySelector('#los-q')),
      select: f(root.querySelector('#los-kind')),
      title: root.querySelector('.los-title') ? f(root.querySelector('.los-title')) : null,
    };
  }, H.HOST);
}

async function search(page, query) {
  await H.w(page, '#los-q').fill(query);
  await H.waitFirstResult(page, /./);
}

test('on a GOV.UK Frontend page the widget draws in the page font, not its own', async () => {
  const { page, log } = await env.open(PAGE);
  await search(page, 'short breaks');
  const f = await fonts(page);
  assert.match(f.page, /GDS Transport/, 'the host page uses GOV.UK Frontend font stack');
  assert.deepEqual(
    { widget: f.widget, input: f.input, select: f.select, title: f.title },
    { widget: f.page, input: f.page, select: f.page, title: f.page },
  );
  H.assertClean(log);
});

test('--los-font, when the page sets it, wins over the page font', async () => {
  const { page, log } = await env.open(PAGE);
  await page.evaluate((host) => document.querySelector(host).style.setProperty('--los-font', 'Georgia, serif'), H.HOST);
  const f = await fonts(page);
  assert.equal(f.widget, 'Georgia, serif');
  assert.equal(f.input, 'Georgia, serif');
  H.assertClean(log);
});

test('on its own pages the widget keeps the site font; on a page that sets no font, its own', async () => {
  const own = await env.open('index.html');
  const ownFont = await own.page.evaluate((host) => getComputedStyle(document.querySelector(host).shadowRoot.querySelector('.los')).fontFamily, H.HOST);
  assert.equal(ownFont, 'system-ui, sans-serif', 'site.css sets system-ui on <body>');
  H.assertClean(own.log);
  // A page that styles nothing has only the browser's default font (a serif here): there is no
  // page font to take, so the widget keeps its own.
  const bare = await env.open(BARE);
  const f = await bare.page.evaluate((host) => {
    const root = document.querySelector(host).shadowRoot;
    return { page: getComputedStyle(document.querySelector('p')).fontFamily, widget: getComputedStyle(root.querySelector('.los')).fontFamily };
  }, H.HOST);
  assert.notEqual(f.page, 'system-ui, sans-serif');
  assert.equal(f.widget, 'system-ui, sans-serif');
  H.assertClean(bare.log);
});

for (const [name, options] of Object.entries({
  '320 px': { viewport: { width: 320, height: 640 } },
  '1280 px at 200%': { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 },
})) {
  test(`on a GOV.UK Frontend page at ${name}: no sideways scroll, targets of 24 px, no axe violation`, async () => {
    const { page, log } = await env.open(PAGE, options);
    await search(page, 'autism');
    const widths = await H.pageWidths(page);
    assert.ok(widths.scrollWidth <= widths.clientWidth, `page scrolls sideways: ${JSON.stringify(widths)}`);
    assert.deepEqual(await H.overflowingElements(page), []);
    const sizes = await H.targetSizes(page);
    assert.ok(sizes.length > 0, 'found targets to measure');
    const small = sizes.filter((s) => s.width < 24 || s.height < 24 || s.minLineHeight < 24 || s.minLineWidth < 24);
    assert.deepEqual(small.map((s) => `${s.label}: ${s.width.toFixed(1)}x${s.height.toFixed(1)}`), []);
    const results = await H.axe(page);
    assert.equal(results.violations.length, 0, `axe violations:\n${H.describeViolations(results.violations)}`);
    await H.shot(page, `govuk-host-${name.replace(/[^a-z0-9]+/gi, '-')}`);
    H.assertClean(log);
  });
}
