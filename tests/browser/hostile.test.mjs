// Hostile records: an index built by the real index-builder from records full of markup, script,
// event-handler text, a right-to-left override, a name as long as `check` allows (200 characters,
// one unbroken word), emoji, Welsh and Polish. Everything must show as literal text, nothing may
// run, and the layout must hold. The builder itself must refuse a javascript: address and a
// 10,000-character name.

import { after, before, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as H from './harness.mjs';

const { assert } = H;
const env = H.useSite();

const INDEX = 'test-hostile.idx';
const PAGE = 'test-hostile.html';
const KIOSK = 'test-hostile-kiosk.html';
const RLO = '\u202E';
const PDF = '\u202C';
const LONG_NAME = ('Wombat ' + 'wombatlongname'.repeat(20)).slice(0, 200);
const HUGE_NAME = ('Wombat ' + 'wombatlongname'.repeat(800)).slice(0, 10_000);

const URL_HOSTILE = `https://example.org/zebra?q="><script>alert('url')</script>&x=<img/src=x/onerror=alert(9)>`;
const R = {
  script: {
    id: 'hostile-script',
    kind: 'service',
    name: '<script>alert(1)</script> Zebrafinch club',
    summary: `<script>alert("summary")</script> Zebrafinch summary with ZQX inside.`,
    description:
      '<img src=x onerror=alert(1)> javascript:alert(1) <a href="javascript:alert(2)">x</a> ' +
      'onmouseover=alert(3) onclick="alert(4)" <svg onload=alert(5)> zebrafinch',
    easy_read: ['You can <b>get</b> help here.', 'It is a test club.'],
    keywords: ['<b>bold</b>', 'onerror=alert(1)'],
    contacts: [{ kind: 'web', value: URL_HOSTILE }],
    districts: ['countywide'],
    minimum_age: 0,
    maximum_age: 25,
  },
  glossary: {
    id: 'glossary-zqx',
    kind: 'glossary',
    term: 'ZQX',
    expansion: `<script>alert('expansion')</script> Zed Queue X-ray`,
    plain_meaning: '<img src=x onerror=alert(8)> " onfocus="alert(6)" autofocus x=" a made-up word for this test.',
    easy_read: ['This is a made up word.', 'It is for a test.'],
  },
  rtl: {
    id: 'hostile-rtl',
    kind: 'service',
    name: `Quokka ${RLO}gnp.exe${PDF} help group`,
    summary: `Quokka summary ${RLO}this part runs the other way ZQX`,
    easy_read: ['You can get help here.', 'It is a test group.'],
    districts: ['redditch'],
  },
  long: {
    id: 'hostile-long',
    kind: 'service',
    name: LONG_NAME,
    summary: 'Wombat: a record with a very long name.',
    easy_read: ['This help has a long name.', 'It is a test.'],
  },
  emoji: {
    id: 'hostile-emoji',
    kind: 'service',
    name: 'Narwhal 🦄 family 👨‍👩‍👧‍👦 group 🏳️‍🌈',
    summary: 'Emoji test 😀 with a skin tone 👍🏽 and a flag 🏴󠁧󠁢󠁷󠁬󠁳󠁿.',
    easy_read: ['This is a group for families.', 'It is a test.'],
  },
  welsh: {
    id: 'hostile-welsh',
    kind: 'service',
    name: 'Grŵp cymorth Tŷ Hapus',
    summary: 'Cefnogaeth i deuluoedd: ŵ ŷ Ŵ Ŷ, dŵr a tŷ.',
    easy_read: ['This is a group in Welsh.', 'It is a test.'],
  },
  polish: {
    id: 'hostile-polish',
    kind: 'provision',
    name: 'Zażółć gęślą jaźń: pomoc ąęłżź',
    summary: 'Pomoc dla rodzin: ąęłżźćńóś.',
    easy_read: ['This is a school in Polish.', 'It is a test.'],
  },
};

function toml(records) {
  const out = [];
  for (const r of records) {
    out.push('[[record]]');
    const full = { source: 'browser test § hostile records', last_reviewed: '2025-10', ...r };
    for (const [k, v] of Object.entries(full)) {
      const item = (x) =>
        x && typeof x === 'object'
          ? `{ ${Object.entries(x).map(([a, b]) => `${a} = ${JSON.stringify(b)}`).join(', ')} }`
          : JSON.stringify(x);
      const value = Array.isArray(v) ? `[${v.map(item).join(', ')}]` : typeof v === 'number' ? String(v) : JSON.stringify(v);
      out.push(`${k} = ${value}`);
    }
    out.push('');
  }
  return out.join('\n');
}

function build(dataDir, out) {
  return spawnSync(
    'cargo',
    ['run', '-q', '--release', '-p', 'index-builder', '--', 'build', '--data', dataDir, '--out', out, '--today', '2025-11-01'],
    { cwd: H.ROOT, encoding: 'utf8', timeout: 240_000 },
  );
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'los-hostile-'));

before(() => {
  const data = path.join(tmp, 'good');
  fs.mkdirSync(path.join(data, 'services'), { recursive: true });
  fs.writeFileSync(path.join(data, 'services', 'hostile.toml'), toml(Object.values(R)));
  // The council whose area keys the records name.
  fs.copyFileSync(path.join(H.ROOT, 'data', 'council.toml'), path.join(data, 'council.toml'));
  const res = build(data, path.join(H.SITE, INDEX));
  if (res.status !== 0) throw new Error(`index-builder refused the hostile records:\n${res.stdout}\n${res.stderr}`);
  H.writeSiteFile(PAGE, H.pageWith('index.html', `index="${INDEX}"`));
  H.writeSiteFile(KIOSK, H.pageWith('kiosk.html', `mode="kiosk" index="${INDEX}"`, { dropScripts: ['kiosk.js'] }));
});

after(() => {
  H.removeSiteFiles(INDEX, INDEX.replace(/\.idx$/, '.easy'), INDEX.replace(/\.idx$/, '.evidence'), PAGE, KIOSK);
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('the index builder refuses a javascript: address (and data: and a bad email), and writes nothing', () => {
  const data = path.join(tmp, 'bad');
  fs.mkdirSync(data, { recursive: true });
  const base = { kind: 'service', summary: 'A test.', easy_read: ['It is a test.'] };
  fs.writeFileSync(
    path.join(data, 'bad.toml'),
    toml([
      { ...base, id: 'bad-js', name: 'Bad js', contacts: [{ kind: 'web', value: 'javascript:alert(1)' }] },
      { ...base, id: 'bad-data', name: 'Bad data', contacts: [{ kind: 'web', value: 'data:text/html,<script>alert(1)</script>' }] },
      { ...base, id: 'bad-email', name: 'Bad email', contacts: [{ kind: 'email', value: '"><script>alert(1)</script>@example.org' }] },
    ]),
  );
  const out = path.join(tmp, 'bad.idx');
  const res = build(data, out);
  assert.notEqual(res.status, 0, 'the build fails');
  assert.match(res.stderr + res.stdout, /contacts: item 1: "javascript:alert\(1\)" is not an https:\/\/ address/);
  assert.match(res.stderr + res.stdout, /contacts: item 1: "data:text\/html,<script>alert\(1\)<\/script>" is not an https:\/\/ address/);
  assert.match(res.stderr + res.stdout, /contacts: item 1: .* is not an email address/);
  assert.equal(fs.existsSync(out), false, 'no index was written');
});

test('the index builder refuses a 10,000-character name, naming the limit, and writes nothing', () => {
  const data = path.join(tmp, 'huge');
  fs.mkdirSync(data, { recursive: true });
  fs.writeFileSync(
    path.join(data, 'huge.toml'),
    toml([{ id: 'huge-name', kind: 'service', name: HUGE_NAME, summary: 'A test.', easy_read: ['It is a test.'] }]),
  );
  const out = path.join(tmp, 'huge.idx');
  const res = build(data, out);
  assert.notEqual(res.status, 0, 'the build fails');
  assert.match(res.stderr + res.stdout, /name: is 10000 characters long; the limit for name is 200 characters/);
  assert.equal(fs.existsSync(out), false, 'no index was written');
});

/** Everything in the shadow root that could run or load something. */
function dangers(page) {
  return H.inShadow(page, (host) => {
    const root = host.shadowRoot;
    const out = [];
    for (const e of root.querySelectorAll('script, img, iframe, object, embed, link, style, base, meta, form[action], input[type=image]')) {
      out.push(`<${e.tagName.toLowerCase()}>`);
    }
    for (const e of root.querySelectorAll('*')) {
      for (const a of e.attributes) {
        if (/^on/i.test(a.name) || a.name === 'autofocus' || a.name === 'srcdoc') out.push(`${e.tagName.toLowerCase()}[${a.name}]`);
        if (/^(href|src|action|formaction|xlink:href)$/i.test(a.name) && !/^(https:|mailto:|tel:)/.test(a.value)) {
          out.push(`${e.tagName.toLowerCase()}[${a.name}=${a.value}]`);
        }
      }
      if (e.namespaceURI === 'http://www.w3.org/2000/svg' && e.tagName.toLowerCase() === 'svg' && !e.closest('.los-icon, .los-qr') && !e.classList.contains('los-icon')) {
        out.push('<svg> not from the widget');
      }
    }
    return out;
  });
}

test('the danger check finds what it looks for (so its empty answers mean something)', async () => {
  const { page } = await env.reuse(PAGE);
  assert.deepEqual(await dangers(page), [], 'the widget as shown has none');
  await H.inShadow(page, (host) => {
    const root = host.shadowRoot;
    const img = document.createElement('img');
    img.setAttribute('onerror', 'void 0');
    const a = document.createElement('a');
    a.setAttribute('href', 'javascript:void 0');
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    root.append(img, a, svg);
  });
  assert.deepEqual(await dangers(page), ['<img>', 'img[onerror]', 'a[href=javascript:void 0]', '<svg> not from the widget']);
});

async function search(page, q) {
  await H.w(page, '#los-q').fill(q);
  await page.waitForFunction(
    ([h, q]) => {
      const root = document.querySelector(h).shadowRoot;
      return root.querySelector('.los-count').textContent.includes(`“${q}”`);
    },
    [H.HOST, q],
  );
}

function card(page, id) {
  return H.inShadow(
    page,
    (host, id) => {
      const c = host.shadowRoot.getElementById(`los-result-${id}`);
      if (!c) return null;
      const t = (s) => c.querySelector(s)?.textContent ?? null;
      return {
        rank: [...c.parentElement.children].indexOf(c),
        title: t('.los-title'),
        summary: t('.los-summary'),
        facts: t('.los-facts'),
        easy: [...c.querySelectorAll('.los-sentence')].map((s) => s.textContent),
        abbr: [...c.querySelectorAll('abbr')].map((a) => a.getAttribute('title')),
        links: [...c.querySelectorAll('a')].filter((a) => !a.closest('.los-report')).map((a) => a.getAttribute('href')),
        report: c.querySelector('.los-report a')?.getAttribute('href') ?? null,
        children: c.querySelector('.los-title').children.length,
      };
    },
    id,
  );
}

test('markup, script and handler text in records is shown literally and never runs', async () => {
  const { page, log } = await env.reuse(PAGE);
  await search(page, 'zebrafinch');
  let c = await card(page, R.script.id);
  assert.ok(c, 'the record is found');
  assert.equal(c.rank, 0);
  assert.equal(c.title, R.script.name, 'the title is the name, character for character');
  assert.ok(c.summary.startsWith(`<script>alert("summary")</script> Zebrafinch summary with ZQX`), c.summary);
  assert.ok(c.summary.includes(R.glossary.expansion), 'the glossary expansion is shown as text');
  assert.deepEqual(c.abbr, [R.glossary.expansion], 'the expansion is the abbr title, unchanged');
  assert.deepEqual(c.links, [URL_HOSTILE], 'the checked https address is the href, unchanged');
  const subject = /^mailto:localoffer@worcschildrenfirst\.org\.uk\?subject=([A-Za-z0-9%._~-]+)$/.exec(c.report ?? '');
  assert.ok(subject, `the out-of-date email's subject is percent-encoded (${c.report})`);
  assert.equal(decodeURIComponent(subject[1]), `Out of date: ${R.script.name} (${R.script.id})`);
  assert.deepEqual(await dangers(page), []);

  await H.w(page, '.los-easy-toggle').click();
  c = await card(page, R.script.id);
  for (const sentence of R.script.easy_read) assert.ok(c.easy.includes(sentence), `easy read shows "${sentence}" literally`);
  await H.w(page, '.los-easy-toggle').click();

  for (const q of ['onerror', 'javascript', 'alert', 'script', 'img', 'bold']) {
    await search(page, q);
    assert.deepEqual(await dangers(page), [], `after searching "${q}"`);
  }

  await search(page, 'zqx');
  c = await card(page, R.glossary.id);
  assert.ok(c, 'the glossary entry is found');
  assert.equal(c.summary, R.glossary.expansion);
  assert.ok(c.facts.includes(R.glossary.plain_meaning), 'the meaning is literal');
  assert.deepEqual(await dangers(page), []);

  // The suggestions list renders titles too.
  await H.w(page, '#los-q').fill('');
  await H.w(page, '#los-q').focus();
  await H.w(page, '#los-q').fill('zebrafinch');
  await page.keyboard.press('ArrowDown');
  const option = await H.inShadow(page, (host) => host.shadowRoot.getElementById('los-option-0').querySelector('.los-option-title').textContent);
  assert.equal(option, R.script.name);
  assert.deepEqual(await dangers(page), []);
  await page.keyboard.press('Enter');
  await H.shot(page, 'hostile-script', { fullPage: false });

  await page.waitForTimeout(300); // give any injected handler (onerror of a broken image) its chance
  assert.deepEqual(log.dialogs, [], 'no alert() ran');
  H.assertClean(log);
});

/**
 * For each [name, selector] in the shadow root: its text nodes, and whether each is laid out left
 * to right (no two neighbouring characters on one line in reverse order).
 */
function layoutDirection(page, parts) {
  return H.inShadow(
    page,
    (host, parts) => {
      const root = host.shadowRoot;
      const out = {};
      for (const [name, selector] of parts) {
        const el = root.querySelector(selector);
        if (!el) {
          out[name] = null;
          continue;
        }
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        const nodes = [];
        while (walker.nextNode()) if (walker.currentNode.textContent.trim().length > 1) nodes.push(walker.currentNode);
        out[name] = nodes.map((n) => {
          const text = n.textContent;
          const r = document.createRange();
          const rects = [];
          for (let i = 0; i < text.length; i++) {
            if (/\s/.test(text[i])) {
              rects.push(null);
              continue;
            }
            r.setStart(n, i);
            r.setEnd(n, i + 1);
            rects.push(r.getBoundingClientRect());
          }
          let reversed = 0;
          for (let i = 0; i + 1 < rects.length; i++) {
            const a = rects[i];
            const b = rects[i + 1];
            if (!a || !b || a.width === 0 || b.width === 0 || Math.abs(a.top - b.top) > 2) continue;
            if (b.left < a.left) reversed++;
          }
          return { text: text.trim().slice(0, 50), ltr: reversed === 0 };
        });
      }
      return out;
    },
    parts,
  );
}

test('a right-to-left override stays inside its own field', async () => {
  const { page, log } = await env.reuse(PAGE);
  await search(page, 'quokka');
  const c = await card(page, R.rtl.id);
  assert.ok(c, 'found');
  assert.equal(c.title, R.rtl.name, 'the title keeps its control characters, literally');
  const dir = await layoutDirection(page, [
    ['kind label', '#los-result-hostile-rtl .los-kind'],
    ['facts', '#los-result-hostile-rtl .los-facts'],
    ['count', '.los-count'],
    ['heading', '.los-heading'],
    ['filters', '.los-filters'],
  ]);
  for (const [part, nodes] of Object.entries(dir)) {
    assert.ok(nodes && nodes.length > 0, `${part}: text found`);
    for (const n of nodes) assert.ok(n.ltr, `${part}: "${n.text}" is laid out left to right`);
  }
  // Control: the overridden part of the summary itself is laid out right to left.
  const summary = await layoutDirection(page, [['summary', '#los-result-hostile-rtl .los-summary']]);
  assert.ok(summary.summary.some((n) => !n.ltr), 'the check does see reversed text');
  H.assertClean(log);
});

test(
  "a right-to-left override in a summary does not reverse the widget's own text after it",
  async () => {
    const { page, log } = await env.reuse(PAGE);
    await search(page, 'quokka');
    const dir = await layoutDirection(page, [['expansion', '#los-result-hostile-rtl .los-summary .los-expansion']]);
    assert.ok(dir.expansion && dir.expansion.length > 0, 'the expansion is shown');
    for (const n of dir.expansion) assert.ok(n.ltr, `"${n.text}" is laid out left to right`);
    H.assertClean(log);
  },
);

test('a 10,000-character name, emoji, Welsh and Polish: found, shown whole, and the layout holds at 320px', async () => {
  const { page, log } = await env.reuse(PAGE, { viewport: { width: 320, height: 640 } });
  const cases = [
    ['wombat', R.long],
    ['narwhal', R.emoji],
    ['grŵp', R.welsh],
    ['grwp', R.welsh], // diacritics folded
    ['tŷ hapus', R.welsh],
    ['gęślą', R.polish],
    ['zazolc gesla', R.polish],
    ['ąęłżź', R.polish],
  ];
  for (const [q, rec] of cases) {
    await search(page, q);
    const c = await card(page, rec.id);
    assert.ok(c, `"${q}" finds ${rec.id}`);
    assert.equal(c.rank, 0, `"${q}" puts ${rec.id} first`);
    assert.equal(c.title, rec.name, `${rec.id}: the name is shown whole and unchanged`);
    assert.equal(c.summary, rec.summary);
    const widths = await H.pageWidths(page);
    assert.ok(widths.scrollWidth <= widths.clientWidth, `"${q}": no sideways scroll (${widths.scrollWidth} > ${widths.clientWidth})`);
    assert.deepEqual(await H.overflowingElements(page), [], `"${q}": nothing past the right edge`);
  }
  await search(page, 'wombat');
  assert.equal((await card(page, R.long.id)).title.length, 200);
  await page.keyboard.press('Escape');
  await H.shot(page, 'hostile-long-name-320px', { fullPage: false });
  await search(page, 'narwhal');
  await H.shot(page, 'hostile-emoji-320px', { fullPage: false });
  assert.deepEqual(await dangers(page), []);
  H.assertClean(log);
});

test('on a kiosk, the hostile address is text with a QR code, never a link', async () => {
  const { page, log } = await env.reuse(KIOSK);
  await search(page, 'zebrafinch');
  const k = await H.inShadow(page, (host) => {
    const c = host.shadowRoot.getElementById('los-result-hostile-script');
    const qr = c.querySelector('.los-qr svg');
    return {
      links: c.querySelectorAll('a').length,
      contact: [...c.querySelectorAll('.los-contact')].map((s) => s.textContent),
      qr: qr && {
        role: qr.getAttribute('role'),
        label: qr.getAttribute('aria-label'),
        children: [...qr.children].map((e) => e.tagName),
        pathOk: /^[Mhvz0-9,-]+$/.test(qr.querySelector('path').getAttribute('d')),
      },
    };
  });
  assert.equal(k.links, 0);
  assert.deepEqual(k.contact, [URL_HOSTILE]);
  assert.deepEqual(k.qr, { role: 'img', label: 'QR code of the web address', children: ['rect', 'path'], pathOk: true });
  assert.deepEqual(await dangers(page), []);
  await H.shot(page, 'hostile-kiosk-qr', { fullPage: false });
  H.assertClean(log);
});
