// Pipeline board benchmark, run in headless Chromium by scripts/bench-board.mjs:
// the board over IndexedDB with 1k, 5k, 10k and 50k deals in 5 columns, next
// to a plain vanilla-DOM list of the same cards built in the same run.
// Reported, never asserted.
import { indexedDbStorage } from '@kith/adapters/indexeddb';
import { createCrm, formatMoney, type Crm, type Deal, type StoragePort } from '@kith/core';
import { dealRecord } from '../demo/deal-records.ts';
import '@kith/elements/pipeline-board/define.js';
import type { KithPipelineBoard } from '@kith/elements';

const SIZES = [1_000, 5_000, 10_000, 50_000];
const STAGES = ['lead', 'contacted', 'demo', 'proposal', 'negotiation'];
const MOVES = 21;
const NOW = Date.parse('2026-11-23T10:00:00Z');

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r)));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function deals(n: number): Deal[] {
  return Array.from({ length: n }, (_, i) => {
    const stageId = STAGES[i % STAGES.length]!;
    const entered = new Date(NOW - (i % 40) * 86_400_000).toISOString();
    return dealRecord({
      title: `Deal ${i} for Company ${i % 997}`,
      value: { amount: 1000_00 + (i % 50) * 100_00, currency: i % 7 ? 'EUR' : 'USD' },
      pipelineId: 'bench',
      stageId,
      enteredAt: entered,
      rankAt: NOW - i * 1000,
    });
  });
}

async function seed(n: number): Promise<{ crm: Crm; storage: StoragePort; records: Deal[] }> {
  const name = `bench-board-${n}`;
  await new Promise<void>((r) => {
    const q = indexedDB.deleteDatabase(name);
    q.onsuccess = q.onerror = q.onblocked = () => r();
  });
  const storage = indexedDbStorage({ name, crossTab: false });
  const crm = createCrm({ storage, clock: { now: () => NOW } });
  const now = new Date(NOW).toISOString();
  await storage.batch([
    {
      type: 'put',
      collection: 'pipelines',
      record: {
        id: 'bench',
        name: 'Bench',
        stages: [...STAGES.map((id, i) => ({ id, name: id, probability: 10 + i * 15, kind: 'open', rottingDays: 30 })), { id: 'won', name: 'Won', probability: 100, kind: 'won' }, { id: 'lost', name: 'Lost', probability: 0, kind: 'lost' }],
        lostReasons: ['Price'],
        createdAt: now,
        updatedAt: now,
      },
    },
  ]);
  const records = deals(n);
  for (let i = 0; i < records.length; i += 10_000) await storage.batch(records.slice(i, i + 10_000).map((record) => ({ type: 'put' as const, collection: 'deals', record })));
  return { crm, storage, records };
}

/** The anchor: every card of every column built as plain DOM, with the same text a board card shows. */
function vanilla(records: Deal[]): HTMLElement {
  const root = document.createElement('div');
  root.style.cssText = 'display:flex;gap:8px;height:600px;overflow:auto';
  const columns = new Map<string, HTMLElement>();
  for (const s of STAGES) {
    const col = document.createElement('section');
    col.style.cssText = 'flex:0 0 260px;overflow:auto';
    const h = document.createElement('h3');
    h.textContent = s;
    const list = document.createElement('div');
    col.append(h, list);
    root.append(col);
    columns.set(s, list);
  }
  for (const d of records) {
    const card = document.createElement('div');
    card.tabIndex = -1;
    card.style.cssText = 'height:88px;border:1px solid #ccc;margin:4px;padding:4px';
    const title = document.createElement('span');
    title.textContent = d.title;
    const value = document.createElement('span');
    value.textContent = formatMoney(d.value, 'en');
    const age = document.createElement('span');
    age.textContent = `${Math.floor((NOW - Date.parse(d.stageEnteredAt)) / 86_400_000)} days in stage`;
    card.append(title, value, age);
    columns.get(d.stageId)!.append(card);
  }
  return root;
}

export interface BoardBenchRow {
  deals: number;
  board: { firstRender: number; nodes: number };
  vanilla: { firstRender: number; nodes: number };
}

export interface BoardBenchResult {
  rows: BoardBenchRow[];
  move: { deals: number; boardP50: number; vanillaP50: number; boardWorkP50: number; vanillaWorkP50: number; moves: number; stored: number; movedDeals: number; error: string };
}

export async function run(): Promise<BoardBenchResult> {
  const rows: BoardBenchRow[] = [];
  let move: BoardBenchResult['move'] | undefined;
  // A warm-up board of 500 deals, not counted: the first element definition, style and IndexedDB open of a fresh page.
  for (const n of [500, ...SIZES]) {
    const { crm, storage, records } = await seed(n);
    await frame();

    // Board: from creating the element to the frame after its first pages are shown.
    const t0 = performance.now();
    const board = document.createElement('kith-pipeline-board') as KithPipelineBoard;
    board.crm = crm;
    board.timeZone = 'UTC';
    board.style.setProperty('--kith-board-height', '600px');
    document.body.append(board);
    await board.whenLoaded();
    await frame();
    const boardMs = performance.now() - t0;
    const boardNodes = board.shadowRoot!.querySelectorAll('*').length + 1;

    // Vanilla: the same cards, all of them, built and laid out.
    const t1 = performance.now();
    const plain = vanilla(records);
    document.body.append(plain);
    void plain.offsetHeight;
    await frame();
    const plainMs = performance.now() - t1;
    const plainNodes = plain.querySelectorAll('*').length + 1;
    if (n !== 500) rows.push({ deals: n, board: { firstRender: boardMs, nodes: boardNodes }, vanilla: { firstRender: plainMs, nodes: plainNodes } });

    if (n === 10_000) {

      // Card moves by keyboard, drop to paint: Space lifts, ArrowRight picks the next column, Space drops.
      const boardTimes: number[] = [];
      const boardWork: number[] = [];
      const expected = new Map<string, string>();
      const key = (target: HTMLElement, k: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));
      for (let i = 0; i < MOVES; i++) {
        const card = board.shadowRoot!.querySelector<HTMLElement>(`[part~="column-body"][data-stage="${STAGES[i % 4]}"] [part~="card"]`)!;
        expected.set(card.dataset.dealId!, STAGES[(i % 4) + 1]!);
        card.focus();
        key(card, ' ');
        key(card, 'ArrowRight');
        await board.updateComplete;
        const t = performance.now();
        key(card, ' ');
        await board.updateComplete;
        void board.shadowRoot!.querySelector('[part~="columns"]')!.getBoundingClientRect();
        boardWork.push(performance.now() - t);
        await frame();
        boardTimes.push(performance.now() - t);
      }
      // Vanilla: move a card node to the top of the next column.
      const plainTimes: number[] = [];
      const plainWork: number[] = [];
      const lists = [...plain.querySelectorAll('section > div')];
      for (let i = 0; i < MOVES; i++) {
        const t = performance.now();
        lists[(i % 4) + 1]!.prepend(lists[i % 4]!.firstElementChild!);
        void plain.offsetHeight;
        plainWork.push(performance.now() - t);
        await frame();
        plainTimes.push(performance.now() - t);
      }
      // Wait for the writes, then check each moved deal is stored where the board showed it.
      let stored = 0;
      for (let tries = 0; tries < 50 && stored < expected.size; tries++) {
        await new Promise((r) => setTimeout(r, 100));
        stored = 0;
        for (const [id, stageId] of expected) if ((await storage.get('deals', id))?.stageId === stageId) stored++;
      }
      move = { deals: n, boardP50: median(boardTimes), vanillaP50: median(plainTimes), boardWorkP50: median(boardWork), vanillaWorkP50: median(plainWork), moves: MOVES, stored, movedDeals: expected.size, error: board.shadowRoot!.querySelector('[part~="error"]')!.textContent ?? '' };
    }
    board.remove();
    plain.remove();
    await crm.close();
  }
  return { rows, move: move! };
}
