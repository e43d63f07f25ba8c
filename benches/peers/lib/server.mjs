// A tiny static server on 127.0.0.1 (a free port) for the browser runs. It maps URL prefixes to
// folders, sends the right MIME types (application/wasm for streaming compilation) and makes the
// page cross-origin isolated (COOP/COEP), which gives performance.now() its fine resolution.
// Like a CDN far away, it can hold every answer for a while: requests that carry the cookie
// DELAY_COOKIE (set on a browser context that is to be measured that way) wait `delayMs` first.

import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.idx': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

/** The cookie that asks for the delay; the harness page itself (under /harness/) is never delayed. */
export const DELAY_COOKIE = 'bench-cdn-delay=1';

/** The delay per request (ms): `--delay MS`, else the env var PEERS_DELAY_MS, else 80. */
export function delayFrom(args, env = process.env) {
  const i = args.indexOf('--delay');
  const text = i >= 0 ? args[i + 1] : env.PEERS_DELAY_MS ?? '80';
  const ms = Number(text);
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`--delay / PEERS_DELAY_MS: expected milliseconds (a number ≥ 0), got ${JSON.stringify(text)}`);
  return ms;
}

/**
 * Starts the server. `routes` maps a URL prefix ("/site/") to a folder; `delayMs` is how long a
 * request carrying DELAY_COOKIE waits. Resolves to { url, close(), fileFor(urlPath), delayMs }
 * where fileFor maps a served URL path back to its file.
 */
export function serve(routes, { delayMs = 0 } = {}) {
  const prefixes = Object.keys(routes).sort((a, b) => b.length - a.length);
  const fileFor = (path) => {
    const p = decodeURIComponent(path.split('?')[0]);
    for (const prefix of prefixes) {
      if (!p.startsWith(prefix)) continue;
      const root = normalize(routes[prefix]);
      const file = normalize(join(root, p.slice(prefix.length)));
      if (file !== root && !file.startsWith(root + sep)) return null;
      return file;
    }
    return null;
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const delayed = delayMs > 0 && !path.startsWith('/harness/') && (req.headers.cookie ?? '').split(/;\s*/).includes(DELAY_COOKIE);
    if (delayed) setTimeout(() => answer(req, res, path), delayMs);
    else answer(req, res, path);
  });
  const answer = (req, res, path) => {
    const file = fileFor(path);
    let st;
    try {
      st = file && statSync(file);
    } catch {
      st = null;
    }
    if (!st || !st.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Length': st.size,
      'Cache-Control': 'no-store',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        fileFor,
        delayMs,
        close: () => new Promise((r) => {
          server.closeAllConnections?.();
          server.close(() => r());
        }),
      });
    });
  });
}
