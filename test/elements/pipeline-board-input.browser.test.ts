import { expect } from '@open-wc/testing';
import { executeServerCommand, resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { createCrm, type StoragePort } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import { until } from '../waiting.ts';
import { $, $$, card, center, boardCrm, mountBoard, NOW, storedSoon, titlesIn, unmountBoards } from './pipeline-board-helpers.ts';

/** Touch or pen input through Chromium's own input pipeline (test/pointer-plugin.mjs). */
const pointer = (kind: 'touch' | 'pen', type: 'down' | 'move' | 'up', position: [number, number]) => executeServerCommand('send-pointer', { pointer: kind, type, position });

describe('<kith-pipeline-board> touch, pen and auto-scroll', () => {
  afterEach(async () => {
    unmountBoards();
    await resetMouse();
  });

  it('moves a card by touch after a press, and the ghost follows the finger', async () => {
    const { crm, storage } = await boardCrm(3);
    const el = await mountBoard(crm);
    const from = center(card(el, 'qualified 0'));
    const to = center(card(el, 'proposal 2'));
    await pointer('touch', 'down', from);
    // A touch drag starts after a press without movement (so a swipe still scrolls).
    await until(() => !!$(el, '[part~="ghost"]'), 'the drag to start after the press');
    expect($(el, '[part~="status"]')!.textContent).to.contain('Lifted qualified 0');
    await pointer('touch', 'move', [to[0], to[1] + 30]);
    expect($(el, '[part~="column-body"][data-stage="proposal"] [part~="drop-indicator"]')).to.exist;
    await pointer('touch', 'up', [to[0], to[1] + 30]);
    await until(() => titlesIn(el, 'proposal').includes('qualified 0'), 'the card in Proposal');
    const order = ['proposal 0', 'proposal 1', 'proposal 2', 'qualified 0'];
    expect(await storedSoon(storage, 'proposal', order)).to.deep.equal(order);
    expect($(el, '[part~="ghost"]')).to.equal(null);
  });

  it('moves a card with a pen', async () => {
    const { crm, storage } = await boardCrm(2);
    const el = await mountBoard(crm);
    const from = center(card(el, 'negotiation 1'));
    const to = center(card(el, 'qualified 0'));
    await pointer('pen', 'move', from);
    await pointer('pen', 'down', from);
    await pointer('pen', 'move', [from[0] - 10, from[1] - 10]);
    expect($(el, '[part~="ghost"]')).to.exist;
    await pointer('pen', 'move', [to[0], to[1] - 30]);
    await pointer('pen', 'up', [to[0], to[1] - 30]);
    await until(() => titlesIn(el, 'qualified')[0] === 'negotiation 1', 'the card on top of Qualified');
    const order = ['negotiation 1', 'qualified 0', 'qualified 1'];
    expect(await storedSoon(storage, 'qualified', order)).to.deep.equal(order);
  });

  it('auto-scrolls a column while a dragged card rests near its bottom edge, and the board sideways near its side', async () => {
    const { crm } = await boardCrm(60);
    const el = await mountBoard(crm, { height: '300px' });
    el.parentElement!.style.width = '420px';
    await el.updateComplete;
    const body = $(el, '[part~="column-body"][data-stage="qualified"]')!;
    const columns = $(el, '[part~="columns"]')!;
    expect(columns.scrollWidth).to.be.above(columns.clientWidth);
    const from = center(card(el, 'qualified 1'));
    await sendMouse({ type: 'move', position: from });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [from[0], from[1] + 10] });
    const rect = body.getBoundingClientRect();
    // Resting (no further input) near the bottom edge keeps scrolling, frame after frame.
    await sendMouse({ type: 'move', position: [from[0], Math.round(rect.bottom - 5)] });
    await until(() => body.scrollTop > 96 * 3, 'the column to scroll down on its own');
    const r = columns.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(r.right - 5), Math.round(rect.top + 100)] });
    await until(() => columns.scrollLeft > 0, 'the board to scroll sideways on its own');
    await sendKeys({ press: 'Escape' });
    await sendMouse({ type: 'up' });
    await until(() => !$(el, '[part~="ghost"]'), 'the drag cancelled');
  });
});

describe('<kith-pipeline-board> pipelines and states', () => {
  afterEach(unmountBoards);

  it('switches between pipelines with the switcher', async () => {
    const { crm } = await boardCrm(1);
    const hiring = await crm.pipelines.create({
      name: 'Partners',
      stages: [
        { id: 'intro', name: 'Intro', probability: 10, kind: 'open' },
        { id: 'trial', name: 'Trial', probability: 50, kind: 'open' },
        { id: 'signed', name: 'Signed', probability: 100, kind: 'won' },
        { id: 'dropped', name: 'Dropped', probability: 0, kind: 'lost' },
      ],
    });
    await crm.deals.create({ title: 'Agency A', value: { amount: 1, currency: 'EUR' }, pipelineId: hiring.id, stageId: 'trial' });
    const el = await mountBoard(crm);
    const select = $<HTMLSelectElement>(el, '[part~="toolbar"] select')!;
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['Sales', 'Partners']);
    expect($$(el, '[part~="column-header"] h3').map((h) => h.textContent)).to.deep.equal(['Qualified', 'Proposal', 'Negotiation']);
    select.value = hiring.id;
    select.dispatchEvent(new Event('change'));
    await el.whenLoaded();
    expect(el.getAttribute('pipeline-id')).to.equal(hiring.id);
    expect($$(el, '[part~="column-header"] h3').map((h) => h.textContent)).to.deep.equal(['Intro', 'Trial']);
    expect(titlesIn(el, 'trial')).to.deep.equal(['Agency A']);
    expect($$(el, '[part~="zone"]').map((z) => z.textContent!.trim())).to.deep.equal(['Won', 'Lost']);
    await expect(el).to.be.accessible();
  });

  it('is accessible while a card is lifted by keyboard', async () => {
    const { crm } = await boardCrm(2);
    const el = await mountBoard(crm);
    card(el, 'qualified 0').focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowRight' });
    expect(card(el, 'qualified 0').getAttribute('part')).to.contain('lifted');
    expect($(el, '[part~="drop-indicator"]')).to.exist;
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
  });

  it('is accessible when empty: every column says it has no deals', async () => {
    const crm = createCrm({ storage: memoryStorage(), clock: { now: () => NOW } });
    const el = await mountBoard(crm);
    expect($$(el, '[part~="empty"]').map((p) => p.textContent)).to.deep.equal(['No deals', 'No deals', 'No deals']);
    await expect(el).to.be.accessible();
  });

  it('is accessible while loading, and says so in a status', async () => {
    const inner = memoryStorage();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: StoragePort = { ...inner, name: 'slow', query: async (...args) => (await gate, inner.query(...args)) };
    const crm = createCrm({ storage: slow, clock: { now: () => NOW } });
    const host = document.createElement('div');
    document.body.append(host);
    const el = document.createElement('kith-pipeline-board');
    el.crm = crm;
    host.append(el);
    await el.updateComplete;
    const loading = $(el, '[part~="loading"]')!;
    expect([loading.getAttribute('role'), loading.textContent]).to.deep.equal(['status', 'Loading deals…']);
    await expect(el).to.be.accessible();
    release();
    await el.whenLoaded();
    expect($(el, '[part~="loading"]')).to.equal(null);
  });

  it('is accessible when loading fails, and says why in an alert', async () => {
    const inner = memoryStorage();
    const broken: StoragePort = { ...inner, name: 'broken', query: async () => Promise.reject(Object.assign(new Error('offline'), { code: 'unavailable' })) };
    const crm = createCrm({ storage: broken, clock: { now: () => NOW } });
    const host = document.createElement('div');
    document.body.append(host);
    const el = document.createElement('kith-pipeline-board');
    el.crm = crm;
    host.append(el);
    await el.whenLoaded();
    const error = $(el, '[part~="error"]')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent!.trim()).not.to.equal('');
    await expect(el).to.be.accessible();
  });
});
