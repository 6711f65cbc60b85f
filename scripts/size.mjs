// Bundle sizes as a page pays for them: each entry bundled with everything it
// imports (lit, zod ...), minified, then gzip -9 and brotli -11. Lazy chunks
// (loaded only when used) are listed apart. Entries with a `brotliMax` are
// budgets: exceeding one exits non-zero, so CI enforces it.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, defaultClientConditions } from 'vite';

const entries = [
  { name: 'lit alone (anchor)', code: "import { LitElement, html } from 'lit'; customElements.define('x-a', class extends LitElement { render() { return html`a`; } });" },
  { name: '@kith/core (whole SDK)', code: "export * from '@kith/core';" },
  { name: '@kith/adapters/memory', code: "export * from '@kith/adapters/memory';" },
  { name: '@kith/adapters/indexeddb (+ idb)', code: "export * from '@kith/adapters/indexeddb';" },
  { name: '@kith/adapters/rest', code: "export * from '@kith/adapters/rest';" },
  { name: '<kith-lifecycle-badge> standalone', code: "import '@kith/elements/lifecycle-badge/define.js';" },
  { name: '<kith-crm> standalone', code: "import '@kith/elements/crm/define.js';" },
  // Budgets named by issues join this list with their element: lead form <= 12 KB brotli, board <= 30 KB.
];

// Entries are written under node_modules/.cache so they resolve packages like a consumer's code.
const cacheDir = resolve('node_modules/.cache/kith-size');
mkdirSync(cacheDir, { recursive: true });
let n = 0;
async function measure(code) {
  const entry = join(cacheDir, `entry-${n++}.js`);
  writeFileSync(entry, code);
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { conditions: [...defaultClientConditions] },
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      lib: { entry, formats: ['es'], fileName: 'entry' },
      rolldownOptions: { output: { minify: true } },
    },
  });
  const chunks = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output).filter((c) => c.type === 'chunk');
  return chunks.map((c) => {
    const buf = Buffer.from(c.code);
    return {
      entry: c.isEntry,
      file: c.fileName,
      raw: buf.length,
      gzip: gzipSync(buf, { level: 9 }).length,
      brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
}

const kb = (n) => (n / 1024).toFixed(2).padStart(7);
let over = 0;
console.log(`${'bundle'.padEnd(40)} ${'min KB'.padStart(7)} ${'gzip KB'.padStart(7)} ${'br KB'.padStart(7)}  budget`);
for (const e of entries) {
  const chunks = await measure(e.code);
  const main = chunks.filter((c) => c.entry);
  const sum = (k) => main.reduce((a, c) => a + c[k], 0);
  const budget = e.brotliMax ? `${(e.brotliMax / 1024).toFixed(1)} KB ${sum('brotli') <= e.brotliMax ? 'ok' : 'OVER'}` : '-';
  if (e.brotliMax && sum('brotli') > e.brotliMax) over++;
  console.log(`${e.name.padEnd(40)} ${kb(sum('raw'))} ${kb(sum('gzip'))} ${kb(sum('brotli'))}  ${budget}`);
  for (const lazy of chunks.filter((c) => !c.entry)) console.log(`${`  + lazy ${lazy.file}`.padEnd(40)} ${kb(lazy.raw)} ${kb(lazy.gzip)} ${kb(lazy.brotli)}`);
}
if (over) {
  console.error(`size: ${over} bundle(s) over budget`);
  process.exit(1);
}
