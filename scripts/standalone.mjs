// The single self-contained files a page loads with one <script type="module">:
// the element with lit and everything else inlined, minified, no imports left.
// `node scripts/standalone.mjs` writes them to packages/elements/dist/standalone/;
// scripts/size.mjs measures exactly these files against their budgets.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defaultClientConditions } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const STANDALONE = [
  { file: 'kith-lead-form.js', entry: 'packages/elements/src/lead-form/define.ts' },
];

export const standalonePath = (file) => resolve(root, 'packages/elements/dist/standalone', file);

/** Builds every standalone file; returns their code by file name. */
export async function buildStandalone() {
  const out = {};
  for (const { file, entry } of STANDALONE) {
    const result = await build({
      configFile: false,
      root,
      logLevel: 'silent',
      resolve: { conditions: ['source', ...defaultClientConditions] },
      build: {
        write: false,
        target: 'es2022',
        minify: true,
        lib: { entry: resolve(root, entry), formats: ['es'], fileName: 'entry' },
        rolldownOptions: { output: { minify: true, codeSplitting: false } },
      },
    });
    const chunks = (Array.isArray(result) ? result : [result]).flatMap((o) => o.output).filter((c) => c.type === 'chunk');
    if (chunks.length !== 1) throw new Error(`standalone ${file}: expected one chunk, got ${chunks.length}`);
    const code = chunks[0].code;
    if (/^\s*import[\s{*'"]/m.test(code) || /\bimport\(/.test(code)) throw new Error(`standalone ${file}: still imports something`);
    mkdirSync(dirname(standalonePath(file)), { recursive: true });
    writeFileSync(standalonePath(file), code);
    out[file] = code;
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await buildStandalone();
  for (const [file, code] of Object.entries(files)) console.log(`standalone: ${standalonePath(file)} (${(code.length / 1024).toFixed(1)} KB minified)`);
}
