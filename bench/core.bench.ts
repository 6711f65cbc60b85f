// Core benchmarks in Node: each figure next to an anchor measured in the same
// run, as a ratio. Reported, never asserted.
import { createCrm, loadPhoneSupport, type StoredRecord, toE164 } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(fn: () => Promise<unknown> | unknown, runs = 5): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

const rows: [string, string, string, string][] = [];
const row = (what: string, ms: number, anchorName: string, anchorMs: number) =>
  rows.push([what, `${ms.toFixed(2)} ms`, `${anchorName}: ${anchorMs.toFixed(2)} ms`, `${(ms / anchorMs).toFixed(2)}x`]);

// 1. Creating contacts through the SDK (validation, match keys, "created" activity,
//    one atomic batch each) vs putting the same records straight into storage.
{
  const N = 2000;
  const sdk = await time(async () => {
    const crm = createCrm({ storage: memoryStorage() });
    for (let i = 0; i < N; i++) await crm.contacts.create({ firstName: `P${i}`, emails: [{ value: `p${i}@example.com` }] });
  }, 3);
  const raw = await time(async () => {
    const s = memoryStorage();
    for (let i = 0; i < N; i++) await s.batch([{ type: 'put', collection: 'contacts', record: { id: `c${i}`, firstName: `P${i}`, emails: [{ value: `p${i}@example.com` }] } }]);
  }, 3);
  row(`SDK contacts.create x${N}`, sdk, 'raw storage put', raw);
}

// 2. A keyset page of 50, 50,000 records deep in a 100,000-record memory store,
//    vs the first page, and vs filtering+sorting a plain array.
{
  const N = 100_000;
  const s = memoryStorage();
  const records = Array.from({ length: N }, (_, i) => ({ id: `r${String(i).padStart(6, '0')}`, owner: `m${i % 10}`, updatedAt: new Date(1_700_000_000_000 + i * 1000).toISOString() }));
  for (let i = 0; i < N; i += 5000) await s.batch(records.slice(i, i + 5000).map((record) => ({ type: 'put' as const, collection: 'c', record })));
  // Walk to the 50,000th record in pages of 10,000 (the port's page cap).
  let cursor: string | undefined;
  for (let i = 0; i < 5; i++) cursor = (await s.query('c', { orderBy: { field: 'updatedAt' }, limit: 10_000, after: cursor })).nextCursor;
  const first = await time(() => s.query('c', { orderBy: { field: 'updatedAt' }, limit: 50 }));
  const deep = await time(() => s.query('c', { orderBy: { field: 'updatedAt' }, limit: 50, after: cursor }));
  const arr = records as unknown as StoredRecord[];
  const plain = await time(() => [...arr].sort((a, b) => ((a.updatedAt as string) < (b.updatedAt as string) ? -1 : 1)).slice(50_000, 50_050));
  row('memory: page 50,000 deep of 100k', deep, 'first page', first);
  row('memory: page 50,000 deep of 100k', deep, 'plain array sort+slice', plain);
}

// 3. Import of the shared 10,000-row customer file end to end (CSV parse,
//    mapping, coercion, validation, phone normalisation, duplicate control,
//    companies found or made, one "created" activity per record, batches into
//    the memory adapter), vs papaparse alone on the same text, and vs putting
//    the same number of ready records (contact + activity) straight into storage.
{
  const { readFileSync, existsSync } = await import('node:fs');
  const path = ['../shared/datasets/customers-10000.csv', '/work/shared/datasets/customers-10000.csv'].find((p) => existsSync(p));
  if (!path) console.log('import bench skipped: customers-10000.csv not found in ../shared/datasets');
  else {
    const text = readFileSync(path, 'utf8');
    const Papa = ((await import('papaparse')) as { default: typeof import('papaparse') }).default;
    let rowsIn = 0;
    const imported = await time(async () => {
      const crm = createCrm({ storage: memoryStorage(), options: { defaultCountry: 'US' } });
      rowsIn = (await crm.imports.run(text, { entity: 'contact' })).rows;
    }, 5);
    const parsed = await time(() => Papa.parse(text, { skipEmptyLines: 'greedy' }), 5);
    const now = new Date().toISOString();
    const raw = await time(async () => {
      const st = memoryStorage();
      for (let i = 0; i < rowsIn; i += 500) {
        const ops = [];
        for (let j = i; j < Math.min(rowsIn, i + 500); j++) {
          ops.push({ type: 'put' as const, collection: 'contacts', record: { id: `c${j}`, firstName: 'A', emails: [{ value: `a${j}@x.com` }], updatedAt: now }, expectedVersion: 0 });
          ops.push({ type: 'put' as const, collection: 'activities', record: { id: `a${j}`, type: 'created', contactId: `c${j}`, occurredAt: now }, expectedVersion: 0 });
        }
        await st.batch(ops);
      }
    }, 5);
    // The floor under the import on this machine: the three steps no import of this file can skip, each
    // with the library the issue names, timed alone. Phone cells go through the core's E.164 normaliser
    // (libphonenumber-js, the import's own call); storage gets the contacts alone, without activities or companies.
    await loadPhoneSupport();
    const table = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' }).data;
    const phoneColumns = table[0]!.flatMap((h, i) => (/phone/i.test(h) ? [i] : []));
    const phoneCells = table.slice(1).flatMap((r) => phoneColumns.map((i) => r[i] ?? '').filter((c) => c.trim() !== ''));
    const phones = await time(() => {
      for (const p of phoneCells) toE164(p, 'US');
    }, 5);
    const contactPuts = await time(async () => {
      const st = memoryStorage();
      for (let i = 0; i < rowsIn; i += 500) {
        const ops = [];
        for (let j = i; j < Math.min(rowsIn, i + 500); j++) ops.push({ type: 'put' as const, collection: 'contacts', record: { id: `c${j}`, firstName: 'A', emails: [{ value: `a${j}@x.com` }], updatedAt: now }, expectedVersion: 0 });
        await st.batch(ops);
      }
    }, 5);
    const floor = parsed + phones + contactPuts;
    const perSec = (ms: number) => `${Math.round((rowsIn / ms) * 1000).toLocaleString('en')} rows/s`;
    rows.push([`import customers-10000.csv -> memory (${perSec(imported)}; goal 100,000 rows/s)`, `${imported.toFixed(2)} ms`, `papaparse alone: ${parsed.toFixed(2)} ms (${perSec(parsed)})`, `${(imported / parsed).toFixed(2)}x`]);
    rows.push([`import customers-10000.csv -> memory`, `${imported.toFixed(2)} ms`, `raw puts of contact+activity: ${raw.toFixed(2)} ms (${perSec(raw)})`, `${(imported / raw).toFixed(2)}x`]);
    rows.push([`libphonenumber-js alone: E.164 of the file's ${phoneCells.length.toLocaleString('en')} phone cells`, `${phones.toFixed(2)} ms`, `papaparse alone: ${parsed.toFixed(2)} ms`, `${(phones / parsed).toFixed(2)}x`]);
    rows.push([`floor: papaparse + phones + raw puts of contacts (${contactPuts.toFixed(2)} ms) = ${perSec(floor)}`, `${floor.toFixed(2)} ms`, `import: ${imported.toFixed(2)} ms`, `${(imported / floor).toFixed(2)}x`]);
  }
}

const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), 8));
console.log('Kith core benchmarks (node ' + process.version + ')');
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
