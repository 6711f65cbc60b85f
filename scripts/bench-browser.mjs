// The IndexedDB benchmark in headless Chromium: prints every figure beside
// its anchor from the same run.
import { runInChromium } from './bench-chromium.mjs';

{
  const { result: r, version } = await runInChromium('bench/indexeddb.bench.ts');
  const ms = (x) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
  const rate = (x) => `${Math.round((r.records / x) * 1000).toLocaleString('en')} rec/s`;
  console.log(`\nIndexedDB in ${version}: ${r.records.toLocaleString('en')} contacts, ~${r.bytesPerRecord} bytes each, 4 indexes`);
  const i = r.import;
  const each = (runs) => runs.map((x) => (x.ms / 1000).toFixed(1)).join(' / ');
  console.log(`Imports ran in ${r.rounds.raw.length} rounds, each round in another order; times are medians, longest tasks the worst of all rounds.`);
  console.log(`Rounds (s): raw ${each(r.rounds.raw)}; raw sliced ${each(r.rounds.rawSliced)}; adapter ${each(r.rounds.adapter)}; Dexie ${each(r.rounds.dexie)}`);
  const tasks = (runs) => runs.map((x) => Math.round(x.longestTask)).join(' / ');
  console.log(`Longest tasks per round (ms): raw ${tasks(r.rounds.raw)}; raw sliced ${tasks(r.rounds.rawSliced)}; adapter ${tasks(r.rounds.adapter)}; Dexie ${tasks(r.rounds.dexie)}\n`);
  console.log('| what | figure | anchor (same run) | ratio |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| import via adapter (batch, sliced) | ${ms(i.adapter.ms)} = ${rate(i.adapter.ms)} | raw IndexedDB, one transaction: ${ms(i.raw.ms)} = ${rate(i.raw.ms)} | ${(i.raw.ms / i.adapter.ms).toFixed(2)}x raw throughput |`);
  console.log(`| import via raw IndexedDB sliced (500 puts a task) | ${ms(i.rawSliced.ms)} = ${rate(i.rawSliced.ms)} | raw: ${ms(i.raw.ms)} | ${(i.raw.ms / i.rawSliced.ms).toFixed(2)}x raw throughput |`);
  console.log(`| import via Dexie bulkPut | ${ms(i.dexie.ms)} = ${rate(i.dexie.ms)} | raw: ${ms(i.raw.ms)} | ${(i.raw.ms / i.dexie.ms).toFixed(2)}x raw throughput |`);
  console.log(`| import via adapter, core layout (10 indexes), one run | ${ms(i.adapterCoreLayout.ms)} | raw (4 indexes): ${ms(i.raw.ms)} | ${(i.raw.ms / i.adapterCoreLayout.ms).toFixed(2)}x raw throughput |`);
  console.log(`| longest main-thread task (wall clock), adapter import | ${ms(i.adapter.longestTask)} | raw sliced: ${ms(i.rawSliced.longestTask)}; raw one task: ${ms(i.raw.longestTask)}; Dexie: ${ms(i.dexie.longestTask)} | ${(i.adapter.longestTask / i.rawSliced.longestTask).toFixed(2)}x raw sliced |`);
  console.log(`| first page of 50 by updatedAt, adapter | ${ms(r.firstPage.adapter)} | raw getAll(50): ${ms(r.firstPage.raw)}; Dexie: ${ms(r.firstPage.dexie)} | ${(r.firstPage.adapter / r.firstPage.raw).toFixed(2)}x raw |`);
  console.log(`| page of 50 at 50,000 deep by ownerId, inside a run of 5,000 equal keys, adapter | ${ms(r.deepPageInTies.adapter)} | raw cursor with continuePrimaryKey: ${ms(r.deepPageInTies.rawKeyset)} | ${(r.deepPageInTies.adapter / r.deepPageInTies.rawKeyset).toFixed(2)}x raw |`);
  console.log(`| page of 50 at 50,000 deep (keyset), adapter | ${ms(r.deepPage.adapter)} | raw keyset: ${ms(r.deepPage.rawKeyset)}; Dexie offset(50000): ${ms(r.deepPage.dexieOffset)} | ${(r.deepPage.adapter / r.deepPage.rawKeyset).toFixed(2)}x raw, ${(r.deepPage.dexieOffset / r.deepPage.adapter).toFixed(0)}x faster than Dexie offset |`);
  const correct = Object.entries(r.deepPagesCorrect);
  console.log(`deep pages hold exactly records 50,001-50,050 in order: ${correct.map(([k, ok]) => `${k} ${ok ? 'yes' : 'NO'}`).join(', ')}`);
  if (correct.some(([, ok]) => !ok)) process.exitCode = 1;
}
