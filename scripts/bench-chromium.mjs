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
    // answers the longest task on its main thread (ms).
    await page.exposeFunction('kithBenchTrace', async (what) => {
      if (what === 'start') {
        await page.tracing.start({ path: traceFile, categories: ['toplevel'] });
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
 * The longest task (ms) on the busiest renderer main thread of a Chrome
 * trace: the page under test runs thousands of tasks while it is traced,
 * other renderers (a blank tab) next to none. Chrome writes one event per
 * line, so the file is read as a stream, whatever its size.
 */
async function longestMainThreadTask(file) {
  const names = new Map();
  const tasks = new Map();
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
    else if (e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask') {
      const t = tasks.get(thread) ?? { count: 0, longest: 0 };
      t.count += 1;
      t.longest = Math.max(t.longest, e.dur);
      tasks.set(thread, t);
    }
  }
  const mains = [...tasks].filter(([thread]) => names.get(thread) === 'CrRendererMain').sort((a, b) => b[1].count - a[1].count);
  if (!mains.length) throw new Error(`bench: the trace ${file} holds no task of a renderer's main thread`);
  return mains[0][1].longest / 1000;
}
