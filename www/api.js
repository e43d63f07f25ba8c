// The partner example (api.html): a search of the partner's own design, built only from the
// Local Offer's JavaScript API (`window.LocalOfferSearch`, from local-offer-search.js).
// Everything is drawn with createElement and textContent: no text ever becomes HTML.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);

  function el(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (className) e.className = className;
    return e;
  }

  // `text` with its highlighted spans ([start, end) in UTF-16 units) wrapped in <mark>.
  function marked(text, spans) {
    const out = document.createDocumentFragment();
    let at = 0;
    for (const [start, end] of spans) {
      if (start < at) continue;
      out.append(text.slice(at, start), el('mark', text.slice(start, end)));
      at = end;
    }
    out.append(text.slice(at));
    return out;
  }

  // A card's segments: acronyms as <abbr title>, spelled out the first time.
  function segments(list) {
    const out = document.createDocumentFragment();
    for (const s of list) {
      let node = s.mark ? el('mark', s.text) : document.createTextNode(s.text);
      if (s.abbr) {
        const abbr = el('abbr');
        abbr.title = s.abbr;
        abbr.append(node);
        node = abbr;
      }
      out.append(node);
      if (s.abbr && s.explain) out.append(` (${s.abbr})`);
    }
    return out;
  }

  const SAFE_LINK = /^(https:|mailto:|tel:)/;

  // A checked link (only https:, mailto: and tel: ever reach the page), or nothing.
  function link(l, text) {
    if (!SAFE_LINK.test(l.href)) return null;
    const a = el('a', text);
    a.href = l.href;
    return a;
  }

  function showRecord(card) {
    const box = $('record');
    box.querySelector('#record-title').replaceChildren(segments(card.title));
    box.querySelector('.record-kind').textContent = card.kindLabel;
    const badge = box.querySelector('.record-badge');
    badge.textContent = card.badge ?? '';
    badge.hidden = !card.badge;
    box.querySelector('.record-summary').replaceChildren(segments(card.summary));
    const facts = box.querySelector('.record-facts');
    facts.replaceChildren();
    for (const f of card.facts) facts.append(el('dt', f.label), el('dd'));
    [...facts.querySelectorAll('dd')].forEach((dd, i) => dd.append(segments(card.facts[i].value)));
    const links = box.querySelector('.record-links');
    links.replaceChildren();
    for (const l of card.links) {
      const a = link(l, l.text);
      if (!a) continue;
      const li = el('li');
      // Whose contact it is, when it is not the service's own.
      if (l.label) li.append(`${l.label}: `);
      li.append(a);
      links.append(li);
    }
    const checked = box.querySelector('.record-checked');
    checked.textContent = card.lastChecked ? `Last checked ${card.lastChecked}.` : '';
    const report = box.querySelector('.record-report');
    report.replaceChildren();
    const a = link(card.report, card.report.text);
    if (a) report.append(a);
    const easy = box.querySelector('.record-easy');
    easy.replaceChildren();
    for (const part of card.easy.parts) {
      easy.append(el('h4', part.heading));
      for (const s of part.sentences) easy.append(el('p', s));
    }
    box.hidden = false;
  }

  function fill(select, facets) {
    for (const f of facets) {
      const o = el('option', `${f.label} (${f.count})`);
      o.value = f.key;
      select.append(o);
    }
  }

  async function main() {
    const form = $('search');
    const status = $('status');
    let engine;
    try {
      engine = await window.LocalOfferSearch.open({ index: 'local-offer.idx' });
    } catch (e) {
      status.textContent = `Sorry, the search could not start: ${e.message}`;
      form.dataset.state = 'error';
      return;
    }
    const facets = engine.facets();
    fill($('area'), facets.areas);
    fill($('need'), facets.needAreas.concat(facets.needs));
    fill($('kind'), facets.kinds);

    let latest = 0;
    let shown = '';
    async function update() {
      const query = $('q').value;
      const options = { limit: 20 };
      for (const name of ['area', 'need', 'kind']) {
        if ($(name).value) options[name] = $(name).value;
      }
      const age = $('age').value;
      if (age !== '' && Number.isInteger(Number(age))) options.age = Number(age);
      // The same search again (a "change" after "input") keeps the list, and what is clicked.
      const key = JSON.stringify([query, options]);
      if (key === shown) return;
      shown = key;
      const asked = ++latest;
      let hits = [];
      let message = '';
      try {
        hits = await engine.search(query, options);
        if (query.trim() || Object.keys(options).length > 1) {
          message = `${hits.length} ${hits.length === 1 ? 'result' : 'results'}`;
        }
      } catch (e) {
        message = `Sorry, that search did not work: ${e.message}`;
      }
      if (asked !== latest) return;
      status.textContent = message;
      const list = $('results');
      list.replaceChildren();
      for (const h of hits) {
        const li = el('li');
        li.dataset.id = h.id;
        const title = el('button');
        title.type = 'button';
        title.dataset.id = h.id;
        title.append(marked(h.title, h.highlights.title));
        const summary = el('span', undefined, 'summary');
        summary.append(marked(h.summary, h.highlights.summary));
        li.append(title, el('span', `${h.kind.replace('_', ' ')}, ages ${h.ages[0]} to ${h.ages[1]}`, 'meta'), summary);
        list.append(li);
      }
    }
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    form.addEventListener('submit', (e) => e.preventDefault());

    $('results').addEventListener('click', async (e) => {
      const b = e.target.closest('button[data-id]');
      if (!b) return;
      try {
        showRecord(await engine.record(b.dataset.id));
      } catch (err) {
        status.textContent = `Sorry, that record could not be shown: ${err.message}`;
      }
    });

    $('glossary').addEventListener('submit', (e) => {
      e.preventDefault();
      const term = $('term').value;
      const out = $('meanings');
      out.replaceChildren();
      const meanings = engine.define(term);
      if (!meanings.length) out.append(el('dt', `The glossary does not have “${term}”.`));
      for (const m of meanings) out.append(el('dt', `${m.term}: ${m.expansion}`), el('dd', m.meaning));
    });
    form.dataset.state = 'ready';
  }

  main();
})();
