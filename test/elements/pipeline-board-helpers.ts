import { createCrm, type Crm, type Deal, type StoragePort, type StoredRecord, type WriteOp } from '@kith/core';
import { dealRecord as seedRecord } from '../../demo/deal-records.ts';
import { memoryStorage } from '@kith/adapters/memory';
import { html, render } from 'lit';
import '@kith/elements/pipeline-board/define.js';
import type { KithPipelineBoard } from '@kith/elements';

export const NOW = Date.parse('2026-11-23T10:00:00Z');

/** Deal `i` of a test column: entered `i % 30` days before NOW, ranked by `i` (deal 0 on top). */
export function dealRecord(i: number, stageId: string, extra: Partial<Deal> = {}): Deal {
  return seedRecord({
    title: `Deal ${i}`,
    value: { amount: 100_00 * (1 + (i % 10)), currency: 'EUR' },
    stageId,
    enteredAt: new Date(NOW - (i % 30) * 86_400_000).toISOString(),
    rankAt: NOW - i * 1000,
    ...extra,
  });
}

/** A CRM on memory storage with the default pipeline and `perStage` deals in each open stage. */
export async function boardCrm(perStage: number, storage: StoragePort = memoryStorage()): Promise<{ crm: Crm; storage: StoragePort }> {
  const crm = createCrm({ storage, clock: { now: () => NOW } });
  await crm.pipelines.ensureDefault();
  const ops: WriteOp[] = [];
  for (const stageId of ['qualified', 'proposal', 'negotiation']) {
    for (let i = 0; i < perStage; i++) ops.push({ type: 'put', collection: 'deals', record: dealRecord(i, stageId, { title: `${stageId} ${i}` }) });
  }
  for (let i = 0; i < ops.length; i += 5000) await storage.batch(ops.slice(i, i + 5000));
  return { crm, storage };
}

/** Mounts a board for `crm` in a fixed-size box and waits for its first pages. */
export async function mountBoard(crm: Crm, attrs: { height?: string } = {}): Promise<KithPipelineBoard> {
  const host = document.createElement('div');
  host.style.width = '1000px';
  document.body.append(host);
  render(html`<kith-pipeline-board style="--kith-board-height: ${attrs.height ?? '400px'}" time-zone="UTC" .crm=${crm}></kith-pipeline-board>`, host);
  const el = host.firstElementChild as KithPipelineBoard;
  await el.whenLoaded();
  return el;
}

/** Removes every mounted board. */
export function unmountBoards(): void {
  for (const el of document.querySelectorAll('kith-pipeline-board')) el.parentElement?.remove();
}

export const $ = <T extends Element = HTMLElement>(el: KithPipelineBoard, selector: string) => el.shadowRoot!.querySelector<T & Element>(selector) as T | null;
export const $$ = (el: KithPipelineBoard, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

/** The rendered card with this title. */
export const card = (el: KithPipelineBoard, title: string) => $$(el, '[part~="card"]').find((c) => c.querySelector('[part~="card-title"]')!.textContent!.trim() === title)!;

/** The middle of an element on screen, in whole pixels, for pointer input. */
export function center(e: Element): [number, number] {
  const r = e.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}

/** The card titles rendered in one column (a stage id, or a grouping field's value), top to bottom. */
export function titlesIn(el: KithPipelineBoard, column: string): string[] {
  return $$(el, `[part~="column-body"][data-column="${column}"] [part~="card"]`)
    .sort((a, b) => Number(a.getAttribute('aria-posinset')) - Number(b.getAttribute('aria-posinset')))
    .map((c) => c.querySelector('[part~="card-title"]')!.textContent!.trim());
}

/** Stored deals of a stage in column order. */
export async function storedTitles(storage: StoragePort, stageId: string): Promise<string[]> {
  const { items } = await storage.query('deals', { where: [{ field: 'stageId', op: 'eq', value: stageId }], orderBy: { field: 'rank' }, limit: 1000 });
  return items.map((d) => d.title as string);
}

/** What `read` gives once `done` holds for it (a move is written after it is shown), else the last it gave after ~2 s. */
async function soon<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let seen = await read();
  for (let i = 0; i < 100 && !done(seen); i++) {
    await new Promise((r) => setTimeout(r, 20));
    seen = await read();
  }
  return seen;
}

/** The stored titles of a stage once they equal `expected`, else the last seen. */
export function storedSoon(storage: StoragePort, stageId: string, expected: string[]): Promise<string[]> {
  return soon(() => storedTitles(storage, stageId), (seen) => JSON.stringify(seen) === JSON.stringify(expected));
}

/** A stored deal once `check` holds for it, else the last seen. */
export function storedDealSoon(storage: StoragePort, id: string, check: (deal: Deal) => boolean): Promise<Deal | undefined> {
  return soon(async () => (await storage.get('deals', id)) as Deal | undefined, (seen) => !!seen && check(seen));
}

/** Memory storage with `batch` replaced: a failing or slow server. */
export function storageWithBatch(batch: (inner: StoragePort, ops: readonly WriteOp[]) => Promise<StoredRecord[]>): StoragePort {
  const inner = memoryStorage();
  return { name: 'wrapped', get: inner.get, query: inner.query, count: inner.count, subscribe: inner.subscribe, close: inner.close, batch: (ops) => batch(inner, ops) };
}
