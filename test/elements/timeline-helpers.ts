import { createCrm, newId, type Activity, type Crm, type StoragePort } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import { html, render } from 'lit';
import '@kith/elements/timeline/define.js';
import type { KithTimeline } from '@kith/elements';

export const NOW = Date.parse('2026-11-23T10:00:00Z');

// The virtualizer measures rows with a ResizeObserver; when a measurement changes layout within the same frame,
// Chromium reports "ResizeObserver loop completed with undelivered notifications" as a window error. It is a notice
// (the notifications are delivered in the next frame), not a failure, but mocha would fail the running test on it.
window.addEventListener('error', (e) => {
  if (e.message?.startsWith('ResizeObserver loop')) e.stopImmediatePropagation();
});

/** A CRM on memory storage whose clock stands at NOW. */
export function timelineCrm(storage: StoragePort = memoryStorage()): { crm: Crm; storage: StoragePort } {
  return { crm: createCrm({ storage, clock: { now: () => NOW } }), storage };
}

/** An activity record as the core stores it, `minutesAgo` before NOW. */
export function activityRecord(minutesAgo: number, fields: Record<string, unknown>): Activity {
  const at = new Date(NOW - minutesAgo * 60_000).toISOString();
  return { id: newId(), occurredAt: at, createdAt: at, updatedAt: at, version: 0, ...fields } as Activity;
}

/** Mounts a timeline in a fixed-size box and waits for its first page. */
export async function mountTimeline(crm: Crm | undefined, attrs: { for?: string; refId?: string; timeZone?: string; height?: string } = {}): Promise<KithTimeline> {
  const host = document.createElement('div');
  host.style.width = '700px';
  document.body.append(host);
  render(
    html`<kith-timeline
      style="--kith-timeline-height: ${attrs.height ?? '400px'}"
      for=${attrs.for ?? 'contact'}
      ref-id=${attrs.refId ?? ''}
      time-zone=${attrs.timeZone ?? 'UTC'}
      .crm=${crm}
    ></kith-timeline>`,
    host,
  );
  const el = host.firstElementChild as KithTimeline;
  await el.whenLoaded();
  return el;
}

export function unmountTimelines(): void {
  for (const el of document.querySelectorAll('kith-timeline')) el.parentElement?.remove();
}

export const $ = <T extends Element = HTMLElement>(el: KithTimeline, selector: string) => el.shadowRoot!.querySelector(selector) as T | null;
export const $$ = (el: KithTimeline, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

/** The kinds of the rendered entries, top to bottom. */
export const kinds = (el: KithTimeline) => $$(el, '[part~="entry"]').map((e) => e.dataset.type);
/** The text of each rendered entry, whitespace collapsed. */
export const texts = (el: KithTimeline) => $$(el, '[part~="entry"]').map((e) => e.querySelector('.body')!.textContent!.replace(/\s+/g, ' ').trim());
