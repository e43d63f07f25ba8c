// Embedding: on embed.html (a deliberately hostile partner stylesheet) the widget looks and works
// exactly as on its own page, apart from the documented --los-* theming and the page's own font
// (which it takes, as on any host page), and does not restyle the host page. CSP: with the site's strict policy (header, and csp.html's own meta policy) nothing
// is refused.

import { test } from 'node:test';
import * as H from './harness.mjs';

const { assert } = H;
const env = H.useSite();

const PROPS = [
  'font-size', 'font-family', 'font-weight', 'font-style', 'font-variant-caps', 'color', 'text-transform',
  'letter-spacing', 'word-spacing', 'text-align', 'text-indent', 'line-height', 'white-space', 'text-shadow',
  'cursor', 'display', 'visibility', 'position', 'top', 'left', 'z-index',
  'margin-top', 'margin-right', 'margin-bottom', 'margin-left',
  'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
  'border-top-width', 'border-top-style', 'border-top-color', 'border-left-width', 'border-left-style',
  'border-top-left-radius', 'box-sizing', 'list-style-type', 'list-style-position', 'background-color',
  'outline-style', 'text-decoration-line', 'min-height', 'min-width', 'overflow-wrap', 'direction',
];
const SELECTORS = [
  '.los', '.los-heading', '.los-form', '.los-label', '.los-hint', '.los-combo', '#los-q', '#los-listbox',
  '#los-option-0', '#los-option-1', '.los-option-title', '.los-option-kind', '.los-filters', '.los-legend',
  '.los-field', '.los-field-label', '#los-kind', '#los-need', '.los-actions', '.los-easy-toggle', '.los-clear',
  '.los-status', '.los-count', '.los-results', '.los-card', '.los-title', '.los-kind', '.los-summary',
  '.los-facts', '.los-fact dt', '.los-fact dd', '.los-expansion', 'mark', 'abbr', '.los-links', '.los-link',
  '.los-easy', '.los-part', '.los-icon', '.los-part-heading', '.los-sentence', '.los-more', '.los-empty',
  '.los-empty-text', '.los-suggestion', '.los-empty-tip',
];
const THEME = { accent: 'rgb(91, 44, 111)', defaultAccent: 'rgb(29, 112, 184)' };
// The one thing the widget takes from its host page uninvited: the font of the page's text
// (docs/WIDGET.md, "Fonts"). embed-host.css sets this on every element.
const HOST_FONT = '"Comic Sans MS", "Comic Sans", cursive';

/** Computed styles of the widget's parts after `steps`. */
async function widgetStyles(file, steps) {
  const { page, log } = await env.reuse(file, { viewport: { width: 1000, height: 800 } });
  await steps(page);
  const styles = await H.inShadow(
    page,
    (host, [sels, props]) => {
      const out = {};
      for (const s of sels) {
        const e = host.shadowRoot.querySelector(s);
        if (!e) continue;
        const cs = getComputedStyle(e);
        out[s] = Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
      }
      return out;
    },
    [SELECTORS, PROPS],
  );
  H.assertClean(log);
  return { styles, page };
}

/** Differences between the widget on index.html and on embed.html that theming does not explain. */
function unexplained(own, embedded) {
  const out = [];
  for (const [sel, props] of Object.entries(own)) {
    if (!embedded[sel]) {
      out.push(`${sel}: missing on embed.html`);
      continue;
    }
    for (const [p, v] of Object.entries(props)) {
      const e = embedded[sel][p];
      if (e === v) continue;
      // The live regions are absolutely positioned with top/left auto: their used offsets depend
      // on where the host sits in its page, not on the widget's styles.
      if (sel === '.los-status' && (p === 'top' || p === 'left')) continue;
      if (p === 'border-top-left-radius' && e === '0px') continue; // --los-radius: 0
      if (p === 'font-family' && v === 'system-ui, sans-serif' && e === HOST_FONT) continue; // each page's own font
      if (v.includes(THEME.defaultAccent) && e === v.replaceAll(THEME.defaultAccent, THEME.accent)) continue; // --los-accent
      out.push(`${sel} ${p}: ${JSON.stringify(v)} on its own page, ${JSON.stringify(e)} on embed.html`);
    }
  }
  return out;
}

const states = {
  'on load': async () => {},
  'results with the suggestions list open': async (page) => {
    await H.w(page, '#los-q').focus();
    await H.w(page, '#los-q').fill('SEND team contact details');
    await H.waitFirstResult(page, /contact details/);
    await page.keyboard.press('ArrowDown');
  },
  'easy read results': async (page) => {
    await H.w(page, '.los-easy-toggle').click();
    await H.w(page, '#los-q').fill('short breaks');
    await H.waitFirstResult(page, /./);
  },
  'no results, with a suggestion and help': async (page) => {
    await H.w(page, '#los-q').fill('asq');
    await page.waitForFunction((h) => !document.querySelector(h).shadowRoot.querySelector('.los-empty').hidden, H.HOST);
  },
  'browsing a filter, with "Show more results"': async (page) => {
    await H.w(page, '#los-kind').selectOption('provision');
    await page.waitForFunction((h) => !document.querySelector(h).shadowRoot.querySelector('.los-more').hidden, H.HOST);
  },
};

for (const [name, steps] of Object.entries(states)) {
  test(`embed.html: the widget's computed styles match its own page (${name}), apart from --los-* theming`, async () => {
    const own = await widgetStyles('index.html', steps);
    const embedded = await widgetStyles('embed.html', steps);
    assert.ok(Object.keys(own.styles).length >= 10, 'styles were read');
    assert.deepEqual(unexplained(own.styles, embedded.styles), []);
    await H.shot(embedded.page, `embed-${name.replace(/[^a-z]+/gi, '-').toLowerCase()}`, { fullPage: false });
  });
}

test('embed.html: the widget is readable and works under the hostile host CSS', async () => {
  const { page, log } = await env.reuse('embed.html');
  const look = () =>
    H.inShadow(page, (host) => {
      const root = host.shadowRoot;
      const cs = (s) => getComputedStyle(root.querySelector(s));
      const input = root.getElementById('los-q');
      const r = input.getBoundingClientRect();
      return {
        inputFont: parseFloat(cs('#los-q').fontSize),
        labelFont: parseFloat(cs('.los-label').fontSize),
        inputVisible: cs('#los-q').visibility,
        inputBox: [r.width, r.height],
        listboxHidden: root.getElementById('los-listbox').hidden,
        listboxDisplay: cs('#los-listbox').display,
        listboxPosition: cs('#los-listbox').position,
        transform: cs('.los-label').textTransform,
        family: cs('.los-label').fontFamily,
        align: cs('.los').textAlign,
        style: cs('.los-hint').fontStyle,
        shadow: cs('.los-hint').textShadow,
      };
    });
  const l = await look();
  assert.ok(l.inputFont >= 16, `input font-size ${l.inputFont}px`);
  assert.ok(l.labelFont >= 16, `label font-size ${l.labelFont}px`);
  assert.equal(l.inputVisible, 'visible');
  assert.ok(l.inputBox[0] >= 200 && l.inputBox[1] >= 44, `input is ${l.inputBox.join('x')}`);
  assert.equal(l.listboxHidden, true);
  assert.equal(l.listboxDisplay, 'none', 'the [hidden] listbox stays hidden');
  assert.equal(l.transform, 'none');
  assert.doesNotMatch(l.family, /Comic/);
  assert.equal(l.align, 'left');
  assert.equal(l.style, 'normal');
  assert.equal(l.shadow, 'none');

  await H.w(page, '#los-q').focus();
  await H.w(page, '#los-q').fill('chams');
  await H.waitFirstResult(page, /CAMHS/);
  const open = await H.inShadow(page, (host) => {
    const root = host.shadowRoot;
    const list = root.getElementById('los-listbox');
    const input = root.getElementById('los-q').getBoundingClientRect();
    const lr = list.getBoundingClientRect();
    const card = root.querySelector('.los-card');
    const cr = card.getBoundingClientRect();
    return {
      position: getComputedStyle(list).position,
      display: getComputedStyle(list).display,
      belowInput: Math.abs(lr.top - input.bottom) < 4 && Math.abs(lr.left - input.left) < 4,
      card: [cr.width, cr.height, getComputedStyle(card).display, getComputedStyle(card.querySelector('.los-summary')).display],
    };
  });
  assert.equal(open.position, 'static', 'the list is in the widget\'s flow, covering nothing');
  assert.notEqual(open.display, 'none');
  assert.ok(open.belowInput, 'the open list sits under the box');
  assert.ok(open.card[0] > 200 && open.card[1] > 40, `result card is visible (${open.card.slice(0, 2).join('x')})`);
  assert.equal(open.card[2], 'list-item');
  assert.notEqual(open.card[3], 'none', 'the summary is shown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  assert.match((await H.focused(page)).cls, /los-card/);
  H.assertClean(log);
});

test('embed.html: the widget does not restyle the host page (#host-* markers as embed-host.css says)', async () => {
  const { page, log } = await env.reuse('embed.html');
  await H.w(page, '#los-q').fill('chams');
  await H.waitFirstResult(page, /CAMHS/);
  const m = await page.evaluate(() => {
    const cs = (id) => getComputedStyle(document.getElementById(id));
    const p = cs('host-marker');
    return {
      marker: {
        fontSize: p.fontSize,
        fontFamily: p.fontFamily,
        color: p.color,
        textTransform: p.textTransform,
        display: p.display,
        margin: [p.marginTop, p.marginRight, p.marginBottom, p.marginLeft],
        padding: [p.paddingTop, p.paddingRight, p.paddingBottom, p.paddingLeft],
        border: [p.borderTopWidth, p.borderTopStyle, p.borderTopColor, p.borderLeftWidth, p.borderLeftStyle, p.borderLeftColor],
        backgroundColor: p.backgroundColor,
        lineHeight: p.lineHeight,
        letterSpacing: p.letterSpacing,
        boxSizing: p.boxSizing,
        fontWeight: p.fontWeight,
        fontStyle: p.fontStyle,
      },
      hidden: cs('host-hidden').display,
      mark: cs('host-mark').display,
      los: cs('host-los').display,
      documentSheets: document.adoptedStyleSheets.length,
      styleElements: document.querySelectorAll('style').length,
      sheets: [...document.styleSheets].map((s) => (s.href ? new URL(s.href).pathname : 'inline')),
    };
  });
  assert.deepEqual(m.marker, {
    fontSize: '9px',
    fontFamily: '"Comic Sans MS", "Comic Sans", cursive',
    color: 'rgb(128, 0, 128)',
    textTransform: 'uppercase',
    display: 'inline',
    margin: ['40px', '40px', '40px', '40px'],
    padding: ['0px', '0px', '0px', '0px'],
    border: ['3px', 'dashed', 'rgb(255, 0, 0)', '3px', 'dashed', 'rgb(255, 0, 0)'],
    backgroundColor: 'rgb(255, 255, 0)',
    lineHeight: '9px',
    letterSpacing: '2px',
    boxSizing: 'content-box',
    fontWeight: '400',
    fontStyle: 'italic',
  });
  assert.equal(m.hidden, 'block');
  assert.equal(m.mark, 'none');
  assert.equal(m.los, 'none');
  assert.equal(m.documentSheets, 0, 'no stylesheet adopted into the host document');
  assert.equal(m.styleElements, 0, 'no <style> added to the host document');
  assert.deepEqual(m.sheets, ['/embed-host.css'], "the host's only stylesheet is its own");
  H.assertClean(log);
});

// ---------------------------------------------------------------------------------------------
// Content-Security-Policy

/** Opens `file` recording securitypolicyviolation events (the listener is injected by the test
 * driver, which CSP does not govern). */
async function openWithCspLog(file) {
  const { context, page, log } = await env.open(null);
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => window.__csp.push(`${e.effectiveDirective || e.violatedDirective} blocked ${e.blockedURI}`),
      true,
    );
  });
  const response = await page.goto(env.url(file));
  await H.waitState(page);
  return { context, page, log, response };
}

for (const file of ['csp.html', 'index.html', 'embed.html', 'kiosk.html']) {
  test(`CSP: ${file} reaches ready and searches with no policy violation`, async () => {
    const { page, log, response } = await openWithCspLog(file);
    const header = response.headers()['content-security-policy'] ?? '';
    assert.match(header, /script-src 'self' 'wasm-unsafe-eval'/, 'served with the strict policy');
    assert.doesNotMatch(header, /unsafe-inline|'unsafe-eval'/);
    if (file === 'csp.html') {
      const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      assert.match(meta, /default-src 'none'/);
    }
    await H.w(page, '#los-q').focus();
    await H.w(page, '#los-q').fill('autism');
    await H.waitFirstResult(page, /./);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    await H.w(page, '.los-easy-toggle').click();
    await H.w(page, '#los-q').fill('SEND team contact details');
    await H.waitFirstResult(page, /contact details/);
    if (file === 'kiosk.html') await H.w(page, '.los-pick').first().click();
    await H.waitStatus(page, /results?|things? that can help/);
    // The widget's stylesheet did apply (a refused stylesheet would leave the browser defaults).
    const applied = await H.inShadow(page, (host) => getComputedStyle(host.shadowRoot.getElementById('los-q')).minHeight);
    assert.ok(parseFloat(applied) >= 44, `widget styles applied (min-height ${applied})`);
    assert.deepEqual(await page.evaluate(() => window.__csp), [], 'securitypolicyviolation events');
    assert.deepEqual(log.csp, [], 'console messages about Content Security Policy');
    H.assertClean(log);

    if (file === 'csp.html') {
      // Control: the detectors do see a violation when there is one.
      await page.evaluate(() => {
        const s = document.createElement('style');
        s.textContent = 'body { color: red }';
        document.head.append(s);
      });
      await page.waitForFunction(() => window.__csp.length > 0);
      assert.match((await page.evaluate(() => window.__csp)).join(), /style-src/);
    }
  });
}
