// How a page pays for code: bundled with everything it imports, minified,
// then gzip -9 and brotli -11. Shared by scripts/size.mjs (the budgets) and
// the bench's size table.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, defaultClientConditions } from 'vite';

/** The sizes of one piece of code, in bytes. */
export const sizes = (code, rest = {}) => {
  const buf = Buffer.from(code);
  return {
    ...rest,
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};

// Entries are written under node_modules/.cache so they resolve packages like a consumer's code.
const cacheDir = resolve('node_modules/.cache/kith-size');
mkdirSync(cacheDir, { recursive: true });
let n = 0;
/** Bundles `code` (an entry module's source) as a consumer would; returns each output chunk's sizes. */
export async function measure(code) {
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
  return chunks.map((c) => sizes(c.code, { entry: c.isEntry, file: c.fileName }));
}

