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
  const waits = (runs) => runs.map((x) => Math.round(x.longestWait)).join(' / ');
  const longs = (runs) => runs.map((x) => x.longTasks).join(' / ');
  // The same ratio round by round: the contenders of one round share the browser's state, so its spread shows the noise.
  const perRound = (who) => r.rounds[who].map((x, k) => (r.rounds.raw[k].ms / x.ms).toFixed(2)).join(' / ');
  console.log(`Raw's time over each contender's, round by round (throughput against raw): adapter ${perRound('adapter')}; raw sliced ${perRound('rawSliced')}; Dexie ${perRound('dexie')}`);
  console.log(`Long Tasks API entries (tasks over 50 ms) per round: raw ${longs(r.rounds.raw)}; raw sliced ${longs(r.rounds.rawSliced)}; adapter ${longs(r.rounds.adapter)}; Dexie ${longs(r.rounds.dexie)}`);
  console.log(`Longest wait of a 4 ms timer per round (ms; counts time the system did not run the page, too): raw ${waits(r.rounds.raw)}; raw sliced ${waits(r.rounds.rawSliced)}; adapter ${waits(r.rounds.adapter)}; Dexie ${waits(r.rounds.dexie)}\n`);
  const tr = r.traced;
  // Each traced run: its longest task, how much of it was garbage collection, and how much the thread ran in it.
  const worstOf = (runs) => runs.reduce((a, b) => (b.ms > a.ms ? b : a));
  const worst = (runs) => worstOf(runs).ms;
  const list = (runs) => runs.map((x) => `${Math.round(x.ms)} (${x.gcMs >= 1 ? `GC ${Math.round(x.gcMs)}, ` : ''}CPU ${Math.round(x.cpuMs)}; without GC ${Math.round(x.withoutGcMs)}, CPU ${Math.round(x.withoutGcCpuMs)}, at ${(x.withoutGcAtMs / 1000).toFixed(1)} of ${(x.tracedMs / 1000).toFixed(1)} s${x.withoutGcInside ? `: ${x.withoutGcInside}` : ''}; all GC ${Math.round(x.gcTotalMs)})`).join(' / ');
  console.log(`Longest task on the page's main thread in ${tr.adapter.length} more imports each, from a Chrome trace of every task (ms, wall time; in brackets, the part of it V8 spent collecting garbage, the time the thread actually ran in it, and the longest any task of the run took less its garbage collection, with the time the thread ran in that one, when it began and what ran inside it, and all the garbage collection of the run; collections count whole and in steps): adapter ${list(tr.adapter)}; raw sliced ${list(tr.rawSliced)}; adapter with every write on the page ${list(tr.adapterOnPage)}; the page idle, holding the same records, traced as long as the adapter's import ${list(tr.idle)}; the page idle, holding the same records, while a worker imports its own copy of them, raw ${list(tr.idleWhileWorkerImports)}\n`);
  console.log('| what | figure | anchor (same run) | ratio |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| longest task on the main thread, adapter import (worst traced run) | ${ms(worst(tr.adapter))} (GC ${ms(worstOf(tr.adapter).gcMs)}, CPU ${ms(worstOf(tr.adapter).cpuMs)}; goal: 50 ms) | raw sliced: ${ms(worst(tr.rawSliced))}; adapter with every write on the page: ${ms(worst(tr.adapterOnPage))}; the page idle, holding the same records: ${ms(worst(tr.idle))}; the page idle while a worker imports its own copy (the floor for any import): ${ms(worst(tr.idleWhileWorkerImports))} | ${(worst(tr.adapter) / worst(tr.rawSliced)).toFixed(2)}x raw sliced, ${(worst(tr.adapter) / worst(tr.idle)).toFixed(2)}x idle, ${(worst(tr.adapter) / worst(tr.idleWhileWorkerImports)).toFixed(2)}x the floor |`);
  const ownOf = (runs) => runs.reduce((a, b) => (b.withoutGcMs > a.withoutGcMs ? b : a));
  const own = (runs) => ownOf(runs).withoutGcMs;
  console.log(`| longest task less its garbage collection (the page's own work, and the system running other threads in its middle), adapter import (worst traced run) | ${ms(own(tr.adapter))} (CPU ${ms(ownOf(tr.adapter).withoutGcCpuMs)}; goal: 50 ms) | raw sliced: ${ms(own(tr.rawSliced))}; adapter with every write on the page: ${ms(own(tr.adapterOnPage))}; the page idle: ${ms(own(tr.idle))}; the page idle while a worker imports: ${ms(own(tr.idleWhileWorkerImports))} | ${(own(tr.adapter) / own(tr.rawSliced)).toFixed(2)}x raw sliced |`);
  const gc = (runs) => Math.max(...runs.map((x) => x.gcTotalMs));
  console.log(`| all garbage collection on the main thread during an import, adapter (worst traced run) | ${ms(gc(tr.adapter))} | raw sliced: ${ms(gc(tr.rawSliced))}; adapter on the page: ${ms(gc(tr.adapterOnPage))}; the page idle: ${ms(gc(tr.idle))}; the page idle while a worker imports: ${ms(gc(tr.idleWhileWorkerImports))} | ${(gc(tr.adapter) / gc(tr.rawSliced)).toFixed(2)}x raw sliced |`);
  console.log(`| import via adapter (one batch: its worker writes) | ${ms(i.adapter.ms)} = ${rate(i.adapter.ms)} | raw IndexedDB, one transaction: ${ms(i.raw.ms)} = ${rate(i.raw.ms)} | ${(i.raw.ms / i.adapter.ms).toFixed(2)}x raw throughput |`);
  console.log(`| import via raw IndexedDB sliced (500 puts a task) | ${ms(i.rawSliced.ms)} = ${rate(i.rawSliced.ms)} | raw: ${ms(i.raw.ms)} | ${(i.raw.ms / i.rawSliced.ms).toFixed(2)}x raw throughput |`);
  console.log(`| import via Dexie bulkPut | ${ms(i.dexie.ms)} = ${rate(i.dexie.ms)} | raw: ${ms(i.raw.ms)} | ${(i.raw.ms / i.dexie.ms).toFixed(2)}x raw throughput |`);
  console.log(`| import via adapter, core layout (10 indexes), one run | ${ms(i.adapterCoreLayout.ms)} | raw (4 indexes): ${ms(i.raw.ms)} | ${(i.raw.ms / i.adapterCoreLayout.ms).toFixed(2)}x raw throughput |`);
  console.log(`| import via adapter, every write on the page (no worker), one run | ${ms(i.adapterOnPage.ms)} | raw: ${ms(i.raw.ms)} | ${(i.raw.ms / i.adapterOnPage.ms).toFixed(2)}x raw throughput |`);
  console.log(`| tasks over 50 ms (Long Tasks API), adapter import, all ${r.rounds.adapter.length} rounds | ${i.adapter.longTasks}${i.adapter.longTasks ? `, longest ${ms(i.adapter.longestLongTask)}` : ''} | raw sliced: ${i.rawSliced.longTasks}; raw one task: ${i.raw.longTasks} (${ms(i.raw.longestLongTask)}); Dexie: ${i.dexie.longTasks} (${ms(i.dexie.longestLongTask)}); adapter on the page, one run: ${i.adapterOnPage.longTasks} | - |`);
  console.log(`| longest wait of a 4 ms timer, adapter import (worst round) | ${ms(i.adapter.longestWait)} | raw sliced: ${ms(i.rawSliced.longestWait)}; adapter on the page: ${ms(i.adapterOnPage.longestWait)} | ${(i.adapter.longestWait / i.rawSliced.longestWait).toFixed(2)}x raw sliced |`);
  console.log(`| first page of 50 by updatedAt, adapter | ${ms(r.firstPage.adapter)} | raw getAll(50): ${ms(r.firstPage.raw)}; Dexie: ${ms(r.firstPage.dexie)} | ${(r.firstPage.adapter / r.firstPage.raw).toFixed(2)}x raw |`);
  console.log(`| page of 50 at 50,000 deep by ownerId, inside a run of 5,000 equal keys, adapter | ${ms(r.deepPageInTies.adapter)} | raw cursor with continuePrimaryKey: ${ms(r.deepPageInTies.rawKeyset)} | ${(r.deepPageInTies.adapter / r.deepPageInTies.rawKeyset).toFixed(2)}x raw |`);
  console.log(`| page of 50 at 50,000 deep (keyset), adapter | ${ms(r.deepPage.adapter)} | raw keyset: ${ms(r.deepPage.rawKeyset)}; Dexie offset(50000): ${ms(r.deepPage.dexieOffset)} | ${(r.deepPage.adapter / r.deepPage.rawKeyset).toFixed(2)}x raw, ${(r.deepPage.dexieOffset / r.deepPage.adapter).toFixed(0)}x faster than Dexie offset |`);
  const correct = Object.entries(r.deepPagesCorrect);
  console.log(`deep pages hold exactly records 50,001-50,050 in order: ${correct.map(([k, ok]) => `${k} ${ok ? 'yes' : 'NO'}`).join(', ')}`);
  if (correct.some(([, ok]) => !ok)) process.exitCode = 1;
}
