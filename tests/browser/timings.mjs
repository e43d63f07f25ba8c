// A node:test reporter that writes how long each test file's tests took, one line a file:
// seconds, a tab, the file's name. `cargo xtask test` passes it beside the usual TAP reporter and
// starts the slowest files first next time, so the parallel workers finish together.

import path from 'node:path';

export default async function* timings(source) {
  const files = {};
  for await (const event of source) {
    const d = event.data;
    if ((event.type === 'test:pass' || event.type === 'test:fail') && d?.file && d.nesting === 0) {
      const name = path.basename(d.file);
      files[name] = (files[name] ?? 0) + (d.details?.duration_ms ?? 0) / 1000;
    }
  }
  for (const [name, secs] of Object.entries(files).sort((a, b) => b[1] - a[1])) {
    yield `${secs.toFixed(1)}\t${name}\n`;
  }
}
