// Runs one browser benchmark module in headless Chromium: bundles it with
// esbuild, serves it from 127.0.0.1 (IndexedDB needs a real origin), calls
// its `run()` and returns what it returned, with the browser's version.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
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
  const browser = await puppeteer.launch({
    executablePath: chrome,
    headless: true,
    protocolTimeout: 900_000,
    defaultViewport: viewport ?? { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-component-update', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e));
    page.on('console', (m) => console.log('page:', m.text()));
    await page.goto(url);
    const result = await page.evaluate(async () => (await import('/bench.js')).run());
    return { result, version: await browser.version() };
  } finally {
    await browser.close();
    server.close();
  }
}
