// The pipeline board benchmark in headless Chromium: first render, DOM nodes
// and a card move, each beside a plain vanilla-DOM list built in the same run.
import { runInChromium } from './bench-chromium.mjs';

const { result: r, version } = await runInChromium('bench/pipeline-board.bench.ts');
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const n = (x) => x.toLocaleString('en');
console.log(`\n<kith-pipeline-board> in ${version}: 5 columns, IndexedDB adapter; vanilla = every card as plain DOM, built in the same run`);
console.log('| deals | board first render | vanilla first render | ratio | board DOM nodes | vanilla DOM nodes |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const row of r.rows) {
  console.log(`| ${n(row.deals)} | ${ms(row.board.firstRender)} | ${ms(row.vanilla.firstRender)} | ${(row.board.firstRender / row.vanilla.firstRender).toFixed(2)}x vanilla | ${n(row.board.nodes)} | ${n(row.vanilla.nodes)} |`);
}
const m = r.move;
console.log(`\n| card move at ${n(m.deals)} deals (keyboard drop), p50 of ${m.moves} | board | vanilla node move | ratio |`);
console.log('| --- | --- | --- | --- |');
console.log(`| drop to rendered and laid out | ${ms(m.boardWorkP50)} | ${ms(m.vanillaWorkP50)} | ${(m.boardWorkP50 / m.vanillaWorkP50).toFixed(2)}x vanilla |`);
console.log(`| drop to the next frame (rAF, then a task) | ${ms(m.boardP50)} | ${ms(m.vanillaP50)} | ${(m.boardP50 / m.vanillaP50).toFixed(2)}x vanilla |`);
console.log(`moved deals stored where the board shows them: ${m.stored} of ${m.movedDeals}${m.error ? `; board error: ${m.error}` : ''}`);
if (m.stored !== m.movedDeals) process.exitCode = 1;
