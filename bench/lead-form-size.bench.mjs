// The lead form's weight on a landing page (issue 4), next to what a page pays
// for lit alone and for Typeform's embed loader, all measured in this run the
// same way: bundled, minified, brotli -11. Bytes are exact; nothing is timed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { measure, sizes } from '../scripts/bundle-size.mjs';
import { buildStandalone } from '../scripts/standalone.mjs';

const form = sizes((await buildStandalone())['kith-lead-form.js']);
const entryOnly = (chunks) => chunks.filter((c) => c.entry).reduce((a, c) => ({ raw: a.raw + c.raw, gzip: a.gzip + c.gzip, brotli: a.brotli + c.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const lit = entryOnly(await measure("import { LitElement, html } from 'lit'; customElements.define('x-a', class extends LitElement { render() { return html`a`; } });"));
// The package is UMD (CommonJS), so a namespace import kept alive stands for "the page uses the embed".
const typeform = entryOnly(await measure("import * as tf from '@typeform/embed'; globalThis.tf = tf;"));
// What Typeform's own script tag loads: the prebuilt embed.js shipped in the same package.
const typeformScript = sizes(readFileSync(createRequire(import.meta.url).resolve('@typeform/embed/build/embed.js')));

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
console.log('\nlead form size (brotli -11; goal <= 10 KB, CI fails above 12 KB)');
console.log('| bundle | brotli | gzip | kith-lead-form.js ÷ this |');
console.log('| --- | --- | --- | --- |');
for (const [name, s] of [['kith-lead-form.js (standalone file)', form], ['lit alone, hello-world element (anchor)', lit], ['@typeform/embed, bundled from npm (anchor)', typeform], ['@typeform/embed build/embed.js, its script-tag file (anchor)', typeformScript]]) {
  console.log(`| ${name} | ${kb(s.brotli)} | ${kb(s.gzip)} | ${(form.brotli / s.brotli).toFixed(2)}x |`);
}
