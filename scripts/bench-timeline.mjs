// The timeline benchmark in headless Chromium: first render and appending one
// entry at 10,000 activities, beside a plain non-virtualized list built in the same run.
import { runInChromium } from './bench-chromium.mjs';

const { result: r, version } = await runInChromium('bench/timeline.bench.ts');
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
console.log(`\n<kith-timeline> in ${version}: ${r.entries.toLocaleString('en')} activities of one contact, IndexedDB adapter; plain = every entry as DOM, built in the same run`);
console.log('| figure | timeline | plain list | ratio |');
console.log('| --- | --- | --- | --- |');
console.log(`| first render (to the next frame) | ${ms(r.firstRender)} | ${ms(r.plainRender)} | ${(r.firstRender / r.plainRender).toFixed(2)}x plain |`);
console.log(`| DOM nodes | ${r.nodes} | ${r.plainNodes.toLocaleString('en')} | ${(r.nodes / r.plainNodes).toFixed(3)}x plain |`);
console.log(`| append one entry, p50 of ${r.appends} (timeline: SDK write to the next frame; plain: prepend to the next frame) | ${ms(r.append)} | ${ms(r.plainAppend)} | ${(r.append / r.plainAppend).toFixed(2)}x plain |`);
console.log(`| append one entry, p50 of ${r.appends}: change delivered to the timeline to rendered and laid out (plain: prepend to laid out) | ${ms(r.work)} | ${ms(r.plainWork)} | ${(r.work / r.plainWork).toFixed(2)}x plain |`);
console.log(`| append one entry, p50 of ${r.appends}: change delivered to the next frame (plain: prepend to the next frame) | ${ms(r.frame)} | ${ms(r.plainAppend)} | ${(r.frame / r.plainAppend).toFixed(2)}x plain |`);
