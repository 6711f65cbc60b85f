// Timeline benchmark, run in headless Chromium by scripts/bench-timeline.mjs:
// a contact with 10,000 activities over IndexedDB, next to a plain
// non-virtualized list of the same entries built in the same run: first
// render, and appending one entry (a live write). Reported, never asserted.
import { indexedDbStorage } from '@kith/adapters/indexeddb';
import { createCrm, newId, type Activity } from '@kith/core';
import '@kith/elements/timeline/define.js';
import type { KithTimeline } from '@kith/elements';

const N = 10_000;
const APPENDS = 11;
const frame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r)));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function records(contactId: string): Activity[] {
  const now = Date.now();
  return Array.from({ length: N }, (_, i) => {
    const at = new Date(now - (i + 1) * 600_000).toISOString();
    return { id: newId(), type: 'note', text: `Note ${i}: called about the renewal and agreed next steps.`, contactId, occurredAt: at, createdAt: at, updatedAt: at, version: 0 } as Activity;
  });
}

/** Every entry as plain DOM: a heading per day and an article per activity. */
function plainList(items: readonly Activity[]): HTMLElement {
  const root = document.createElement('div');
  root.style.cssText = 'height:600px;overflow:auto';
  let day = '';
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const a of items) {
    const d = a.occurredAt.slice(0, 10);
    if (d !== day) {
      const h = document.createElement('h4');
      h.textContent = day = d;
      root.append(h);
    }
    root.append(entry(a, rtf));
  }
  return root;
}

function entry(a: Activity, rtf: Intl.RelativeTimeFormat): HTMLElement {
  const el = document.createElement('article');
  const time = document.createElement('time');
  time.dateTime = a.occurredAt;
  time.textContent = rtf.format(Math.round((Date.parse(a.occurredAt) - Date.now()) / 3_600_000), 'hour');
  const p = document.createElement('p');
  p.textContent = 'text' in a ? String(a.text) : '';
  el.append(time, p);
  return el;
}

export async function run() {
  indexedDB.deleteDatabase('kith-bench-timeline');
  const storage = indexedDbStorage({ name: 'kith-bench-timeline' });
  const crm = createCrm({ storage });
  const contact = await crm.contacts.create({ firstName: 'Busy' });
  const items = records(contact.id);
  for (let i = 0; i < items.length; i += 2000) await storage.batch(items.slice(i, i + 2000).map((record) => ({ type: 'put' as const, collection: 'activities', record })));
  await frame();

  // Stamps the moment a committed change is delivered to subscribers. Subscribed before the timeline, so it
  // hears each change first: from here on the time is the timeline's own work, without the storage write.
  let delivered = 0;
  const unwatch = storage.subscribe(() => (delivered = performance.now()), { collections: ['activities'] });

  const t0 = performance.now();
  const el = document.createElement('kith-timeline') as KithTimeline;
  el.crm = crm;
  el.refId = contact.id;
  el.readonly = true;
  el.style.setProperty('--kith-timeline-height', '600px');
  document.body.append(el);
  await el.whenLoaded();
  await frame();
  const firstRender = performance.now() - t0;
  const nodes = el.shadowRoot!.querySelectorAll('*').length;

  const t1 = performance.now();
  const plain = plainList(items);
  document.body.append(plain);
  void plain.offsetHeight;
  await frame();
  const plainRender = performance.now() - t1;
  const plainNodes = plain.querySelectorAll('*').length;

  // Appending one entry: a write anywhere (here, the SDK) reaching the screen, newest on top.
  const appends: number[] = [];
  const plainAppends: number[] = [];
  const works: number[] = [];
  const frames: number[] = [];
  const plainWorks: number[] = [];
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const shown = (text: string) => el.shadowRoot!.querySelector('[part~="entry"] [part~="line"]')?.textContent?.includes(text);
  for (let i = 0; i < APPENDS; i++) {
    const text = `Live note ${i}`;
    const t = performance.now();
    await crm.activities.log({ type: 'note', contactId: contact.id, text });
    while (!shown(text)) {
      await el.updateComplete;
      if (!shown(text)) await new Promise((r) => setTimeout(r));
    }
    void el.offsetHeight;
    works.push(performance.now() - delivered);
    await frame();
    frames.push(performance.now() - delivered);
    appends.push(performance.now() - t);

    const u = performance.now();
    const at = new Date().toISOString();
    plain.prepend(entry({ id: newId(), type: 'note', text, contactId: contact.id, occurredAt: at, createdAt: at, updatedAt: at, version: 0 } as Activity, rtf));
    void plain.offsetHeight;
    plainWorks.push(performance.now() - u);
    await frame();
    plainAppends.push(performance.now() - u);
  }
  unwatch();
  el.remove();
  plain.remove();
  await crm.close();
  return { entries: N, firstRender, nodes, plainRender, plainNodes, append: median(appends), plainAppend: median(plainAppends), work: median(works), frame: median(frames), plainWork: median(plainWorks), appends: APPENDS };
}
