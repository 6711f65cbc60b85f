// Runs one browser benchmark module in headless Chromium: bundles it with
// esbuild, serves it from 127.0.0.1 (IndexedDB needs a real origin), calls
// its `run()` and returns what it returned, with the browser's version.
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';

export async function runInChromium(entry, { viewport } = {}) {
  const chrome = execFileSync('bash', ['scripts/find-chrome.sh'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source', 'browser'],
    write: false,
    minify: true,
  });
  const code = bundle.outputFiles[0].text;
  const server = createServer((req, res) => {
    if (req.url === '/bench.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(code);
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html lang="en"><meta charset="utf-8"><title>kith bench</title><body></body></html>');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const traceDir = mkdtempSync(join(tmpdir(), 'kith-bench-trace-'));
  const traceFile = join(traceDir, 'trace.json');
  const browser = await puppeteer.launch({
    executablePath: chrome,
    headless: true,
    // A whole benchmark runs inside one evaluate: the IndexedDB one took 14 to over 15 minutes on a slow 2-core machine.
    protocolTimeout: 2_400_000,
    defaultViewport: viewport ?? { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-component-update', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    // The page may trace a stretch of its own work: kithBenchTrace('start'), then kithBenchTrace('stop')
    // answers what longestMainThreadTask, below, finds of the page's main thread while it was traced.
    await page.exposeFunction('kithBenchTrace', async (what) => {
      if (what === 'start') {
        // toplevel: every task; devtools.timeline: what ran inside one (a message, a timer, a callback) and each
        // garbage collection on the thread (MajorGC, MinorGC) with its phases, as the DevTools performance panel shows them.
        await page.tracing.start({ path: traceFile, categories: ['toplevel', 'devtools.timeline'] });
        return 0;
      }
      await page.tracing.stop();
      try {
        return await longestMainThreadTask(traceFile);
      } finally {
        rmSync(traceFile, { force: true });
      }
    });
    page.on('pageerror', (e) => console.error('page error:', e));
    page.on('console', (m) => console.log('page:', m.text()));
    await page.goto(url);
    const result = await page.evaluate(async () => (await import('/bench.js')).run());
    return { result, version: await browser.version() };
  } finally {
    await browser.close();
    server.close();
    rmSync(traceDir, { recursive: true, force: true });
  }
}

/**
 * From a Chrome trace, for the busiest renderer main thread (the page under
 * test runs thousands of tasks while it is traced, other renderers, a blank
 * tab, next to none):
 * - `ms`: its longest task (wall time, what the page's user waits), `gcMs`:
 *   the time inside it V8 spent collecting garbage (a whole collection, or
 *   a step of one: V8 marks a large heap in increments, each inside some
 *   task of the page), and `cpuMs`: the time
 *   the thread actually ran in it (on a busy machine the system also runs
 *   other threads in the middle of a task, and a collection waits for its
 *   helper threads);
 * - `withoutGcMs`: the longest any task ran less its garbage collection
 *   (the longest stretch of the page's own work, and of the system running
 *   other threads in its middle), and `withoutGcCpuMs`: the time the thread
 *   ran in that task, and `withoutGcAtMs`: when it began, from the first
 *   task of the trace (whose length is `tracedMs`): at the start of an
 *   import, in its middle or at its end; `withoutGcInside`: what ran inside
 *   that task, the longest named events first (name and ms; nested events
 *   each count, so a collection shows with its phases);
 * - `gcTotalMs`: all the garbage collection on the thread while it was traced.
 * Durations are wall time (`dur`), CPU times the thread's own (`tdur`).
 * Chrome writes one event per line, so the file is read as a stream, whatever its size.
 */
async function longestMainThreadTask(file) {
  const names = new Map();
  /** Per thread: its tasks as [start, end, CPU time], its collections as [start, end], and its other events over 1 ms as [start, end, name], in µs. */
  const threads = new Map();
  const threadOf = (id) => threads.get(id) ?? threads.set(id, { tasks: [], gcs: [], events: [] }).get(id);
  for await (let line of createInterface({ input: createReadStream(file) })) {
    if (!line.startsWith('{"')) continue;
    if (line.endsWith(',')) line = line.slice(0, -1);
    let e;
    try {
      e = JSON.parse(line);
    } catch {
      continue;
    }
    const thread = `${e.pid}:${e.tid}`;
    if (e.name === 'thread_name') names.set(thread, e.args?.name);
    else if (e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask') threadOf(thread).tasks.push([e.ts, e.ts + e.dur, e.tdur ?? e.dur]);
    else if (e.ph === 'X' && isCollection(e.name)) threadOf(thread).gcs.push([e.ts, e.ts + e.dur]);
    if (e.ph === 'X' && e.dur > 1000 && e.name !== 'ThreadControllerImpl::RunTask') threadOf(thread).events.push([e.ts, e.ts + e.dur, e.name]);
  }
  const mains = [...threads].filter(([thread, t]) => names.get(thread) === 'CrRendererMain' && t.tasks.length).sort((a, b) => b[1].tasks.length - a[1].tasks.length);
  if (!mains.length) throw new Error(`bench: the trace ${file} holds no task of a renderer's main thread`);
  const { tasks, gcs, events } = mains[0][1];
  gcs.sort((a, b) => a[0] - b[0]);
  /** The garbage collection inside [from, to], overlaps counted once: a minor collection may run inside a major one. */
  const gcWithin = (from, to) => {
    let gc = 0;
    let reached = from;
    for (const [a, b] of gcs) {
      if (a >= to) break;
      const end = Math.min(b, to);
      gc += Math.max(0, end - Math.max(a, reached));
      reached = Math.max(reached, end);
    }
    return gc;
  };
  let longest = tasks[0];
  let own = tasks[0];
  let withoutGc = 0;
  for (const task of tasks) {
    if (task[1] - task[0] > longest[1] - longest[0]) longest = task;
    const rest = task[1] - task[0] - gcWithin(task[0], task[1]);
    if (rest > withoutGc) [withoutGc, own] = [rest, task];
  }
  // A loop, not Math.min(...): a long trace holds more tasks than a call may take arguments.
  const first = tasks.reduce((m, t) => Math.min(m, t[0]), Infinity);
  const last = tasks.reduce((m, t) => Math.max(m, t[1]), -Infinity);
  return {
    ms: (longest[1] - longest[0]) / 1000,
    gcMs: gcWithin(longest[0], longest[1]) / 1000,
    cpuMs: longest[2] / 1000,
    withoutGcMs: withoutGc / 1000,
    withoutGcCpuMs: own[2] / 1000,
    withoutGcAtMs: (own[0] - first) / 1000,
    withoutGcInside: inside(events, own),
    gcTotalMs: gcWithin(first, last) / 1000,
    tracedMs: (last - first) / 1000,
  };
}

/**
 * Whether a trace event is V8 collecting garbage: a whole collection (MajorGC, MinorGC), or any phase or
 * step of one (V8.GC_MC_INCREMENTAL: a step of marking a large heap, run inside whichever task allocates).
 */
const isCollection = (name) => name === 'MajorGC' || name === 'MinorGC' || name.startsWith('V8.GC');

/** The named events inside `task`, summed per name, the longest first: "HandlePostMessage 30, MinorGC 12". */
function inside(events, [from, to]) {
  const byName = new Map();
  for (const [a, b, name] of events) if (a >= from && b <= to) byName.set(name, (byName.get(name) ?? 0) + (b - a));
  return [...byName]
    .sort((x, y) => y[1] - x[1])
    .slice(0, 5)
    .map(([name, us]) => `${name} ${Math.round(us / 1000)}`)
    .join(', ');
}
