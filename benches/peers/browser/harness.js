// The in-page side of the peer benchmark: loads one engine, then times searches with
// performance.now() inside the page. Every engine answers search(query, limit) with record ids.
(() => {
  const loadScript = (src) => new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(s);
  });

  const openers = {
    // Our engine as a library, as the peers are: the JavaScript API's module, its wasm, and the
    // index (the widget's own wasm has no engine class).
    // A chunked index (its manifest.lom) opens into the chunked engine, whose search returns a
    // promise: it fetches the chunks the search needs (each once; then kept in memory).
    async ours({ index }) {
      const api = await import('/site/local-offer-search-api.mjs');
      const url = new URL(index, location.href).href;
      const [make, bytes] = await Promise.all([
        api.bareEngine(),
        fetch(url).then((r) => { if (!r.ok) throw new Error(`index ${r.status}`); return r.arrayBuffer(); }),
      ]);
      const engine = make(new Uint8Array(bytes), url);
      // As the widget does once it has painted (so it counts towards the first results here).
      engine.warmUp();
      return {
        search(q, limit) {
          const ids = (s) => (s ? s.split('\n') : []);
          const s = engine.search(q, limit);
          return typeof s === 'string' ? ids(s) : s.then(ids);
        },
      };
    },
    // A JavaScript peer: its bundle (library + the adapter in peers/NAME.mjs) and its files.
    async peer({ bundle, base }) {
      await loadScript(bundle);
      const open = window.__peerOpen;
      return open((name) => fetch(base + name).then((r) => { if (!r.ok) throw new Error(`${name} ${r.status}`); return r.text(); }));
    },
    // Pagefind: its own pagefind.js API; a result's record id is in its page URL, which needs
    // the result's fragment, as showing the result does.
    async pagefind({ base }) {
      const pf = await import(base + 'pagefind.js');
      await pf.options({ basePath: base });
      await pf.init();
      return {
        async search(q, limit) {
          if (!q.trim()) return [];
          const s = await pf.search(q);
          if (!s) return [];
          const data = await Promise.all(s.results.slice(0, limit).map((r) => r.data()));
          return data.map((d) => { const m = /\/r\/([^/.]+)/.exec(d.url); return m ? m[1] : d.url; });
        },
      };
    },
  };

  let engine = null;
  window.__bench = {
    /** Loads an engine and answers `first` once; times both from the start. */
    async load(kind, opts, first) {
      const t0 = performance.now();
      engine = await openers[kind](opts);
      const ready = performance.now() - t0;
      const hits = await engine.search(first, 10);
      return { readyMs: ready, firstResultsMs: performance.now() - t0, firstHits: hits };
    },
    /** One search, timed (ms). */
    async searchOnce(query, limit) {
      const t = performance.now();
      await engine.search(query, limit);
      return performance.now() - t;
    },
    wasmBytes() {
      return self.__wasmBytes();
    },
    /**
     * Types each query one character at a time; returns the time of each search (ms) and how
     * many queries were begun. Stops after `budgetMs` of searching, or `maxKeystrokes`.
     */
    async type(queries, limit, budgetMs, maxKeystrokes = Infinity) {
      const times = [];
      let spent = 0;
      let typed = 0;
      typing: for (const q of queries) {
        typed++;
        for (let i = 1; i <= q.length; i++) {
          const t = performance.now();
          await engine.search(q.slice(0, i), limit);
          const dt = performance.now() - t;
          times.push(dt);
          spent += dt;
          if (spent > budgetMs || times.length >= maxKeystrokes) break typing;
        }
      }
      return { times, queries: typed };
    },
    /** The top `limit` ids for each query. */
    async top(queries, limit) {
      const out = [];
      for (const q of queries) out.push((await engine.search(q, limit)).slice(0, limit));
      return out;
    },
  };
})();
