import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { DealMoveDetail, KithPipelineBoard } from '@kith/elements';
import { until } from '../waiting.ts';
import { $, $$, card, boardCrm, dealRecord, mountBoard, storedDealSoon, titlesIn, unmountBoards } from './pipeline-board-helpers.ts';

const headings = (el: KithPipelineBoard) => $$(el, '[part~="column-header"] h3').map((h) => h.textContent!.trim());
const count = (el: KithPipelineBoard, column: string) => $(el, `[part~="column"][data-column="${column}"] [part~="count"]`)?.textContent;

describe('<kith-pipeline-board> lanes and order', () => {
  afterEach(unmountBoards);

  it('groups columns by a select-type deal field, with a column for deals without a value', async () => {
    const { crm, storage } = await boardCrm(0);
    await crm.fields.define({ entity: 'deal', key: 'region', label: 'Region', type: 'select', options: [{ value: 'north', label: 'North' }, { value: 'south', label: 'South' }] });
    await storage.batch([
      { type: 'put', collection: 'deals', record: dealRecord(1, 'qualified', { title: 'Nord A', custom: { region: 'north' } }) },
      { type: 'put', collection: 'deals', record: dealRecord(2, 'proposal', { title: 'Nord B', custom: { region: 'north' } }) },
      { type: 'put', collection: 'deals', record: dealRecord(3, 'qualified', { title: 'Sud', custom: { region: 'south' } }) },
      { type: 'put', collection: 'deals', record: dealRecord(4, 'negotiation', { title: 'Nowhere' }) },
      // A value that is no longer an option still shows, with the deals without one.
      { type: 'put', collection: 'deals', record: dealRecord(5, 'qualified', { title: 'Old value', custom: { region: 'east' } }) },
    ]);
    const el = await mountBoard(crm);
    el.groupBy = 'region';
    await el.whenLoaded();
    expect(headings(el)).to.deep.equal(['North', 'South', 'No Region']);
    expect(titlesIn(el, 'north')).to.deep.equal(['Nord A', 'Nord B']);
    expect(titlesIn(el, 'south')).to.deep.equal(['Sud']);
    expect(titlesIn(el, '')).to.have.members(['Nowhere', 'Old value']);
    await until(() => count(el, 'north') === '2 deals', 'totals by region');
    expect(count(el, '')).to.equal('2 deals');
    // The card says its stage, since the columns no longer do.
    expect(card(el, 'Nord B').querySelector('[part~="card-age"]')!.textContent).to.match(/^Proposal · /);
    // The toolbar offers the field, and the stage again.
    const group = [...$$(el, '[part~="toolbar"] select')].find((s) => [...(s as HTMLSelectElement).options].some((o) => o.value === 'region')) as unknown as HTMLSelectElement;
    expect(group.value).to.equal('region');
    await expect(el).to.be.accessible();
  });

  it('moving a card to another column of a grouping field sets the field, and keeps the stage', async () => {
    const { crm, storage } = await boardCrm(0);
    await crm.fields.define({ entity: 'deal', key: 'region', label: 'Region', type: 'select', options: [{ value: 'north', label: 'North' }, { value: 'south', label: 'South' }] });
    const moving = dealRecord(1, 'proposal', { title: 'Moving', custom: { region: 'north' } });
    await storage.batch([{ type: 'put', collection: 'deals', record: moving }, { type: 'put', collection: 'deals', record: dealRecord(2, 'qualified', { title: 'Staying', custom: { region: 'south' } }) }]);
    const el = await mountBoard(crm);
    el.groupBy = 'region';
    await el.whenLoaded();
    const moves: DealMoveDetail[] = [];
    el.addEventListener('kith-deal-move', (e) => moves.push(e.detail));
    card(el, 'Moving').focus();
    await sendKeys({ press: 'Space' });
    // Up and down do not reorder here: the order is the lane's, not the user's.
    await sendKeys({ press: 'ArrowDown' });
    expect($(el, '[part~="status"]')!.textContent).to.contain('Lifted Moving');
    await sendKeys({ press: 'ArrowRight' });
    expect($(el, '[part~="status"]')!.textContent).to.contain('in South');
    await sendKeys({ press: 'Space' });
    await until(() => titlesIn(el, 'south').includes('Moving'), 'the card in South');
    expect(moves).to.deep.equal([{ dealId: moving.id, fromStageId: 'proposal', toStageId: 'proposal', field: { key: 'region', from: 'north', to: 'south' } }]);
    const stored = await storedDealSoon(storage, moving.id, (d) => d.custom.region === 'south');
    expect([stored!.custom.region, stored!.stageId]).to.deep.equal(['south', 'proposal']);
    // Onto "no value": the value is removed.
    card(el, 'Moving').focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Space' });
    await until(() => titlesIn(el, '').includes('Moving'), 'the card without a value');
    expect((await storedDealSoon(storage, moving.id, (d) => !('region' in d.custom)))!.custom).not.to.have.property('region');
  });

  it('sorts cards by next activity: overdue first, then today, later, none; a new task moves its card live', async () => {
    const { crm, storage } = await boardCrm(0);
    const records = ['None 1', 'Later', 'Overdue', 'Today', 'None 2', 'Undated'].map((title, i) => dealRecord(i, 'qualified', { title }));
    await storage.batch(records.map((record) => ({ type: 'put' as const, collection: 'deals', record })));
    const id = (title: string) => records.find((r) => r.title === title)!.id;
    await crm.tasks.schedule({ title: 'Call', dealId: id('Overdue'), due: '2026-11-20' });
    await crm.tasks.schedule({ title: 'Call', dealId: id('Today'), due: '2026-11-23' });
    await crm.tasks.schedule({ title: 'Call', dealId: id('Later'), due: '2026-12-01' });
    await crm.tasks.schedule({ title: 'Think', dealId: id('Undated') });
    const done = await crm.tasks.schedule({ title: 'Done', dealId: id('None 2'), due: '2026-11-01' });
    await crm.tasks.complete(done.id);
    const el = await mountBoard(crm);
    // Manual order: by rank, deal 0 on top.
    expect(titlesIn(el, 'qualified')).to.deep.equal(['None 1', 'Later', 'Overdue', 'Today', 'None 2', 'Undated']);
    el.sort = 'next-activity';
    await el.whenLoaded();
    expect(titlesIn(el, 'qualified')).to.deep.equal(['Overdue', 'Today', 'Later', 'Undated', 'None 1', 'None 2']);
    await crm.tasks.schedule({ title: 'Urgent', dealId: id('None 2'), due: '2026-11-10' });
    await until(() => titlesIn(el, 'qualified')[0] === 'None 2', 'the card with a new overdue task on top');
    expect(titlesIn(el, 'qualified')).to.deep.equal(['None 2', 'Overdue', 'Today', 'Later', 'Undated', 'None 1']);
  });

  it('sorted by next activity, a card dropped on another stage lands where the order puts it', async () => {
    const { crm, storage } = await boardCrm(0);
    const records = [dealRecord(1, 'qualified', { title: 'Mover' }), dealRecord(2, 'proposal', { title: 'Soon' }), dealRecord(3, 'proposal', { title: 'Idle' })];
    await storage.batch(records.map((record) => ({ type: 'put' as const, collection: 'deals', record })));
    await crm.tasks.schedule({ title: 'Call', dealId: records[0]!.id, due: '2026-11-25' });
    await crm.tasks.schedule({ title: 'Call', dealId: records[1]!.id, due: '2026-11-24' });
    const el = await mountBoard(crm);
    el.sort = 'next-activity';
    await el.whenLoaded();
    const moves: DealMoveDetail[] = [];
    el.addEventListener('kith-deal-move', (e) => moves.push(e.detail));
    card(el, 'Mover').focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'ArrowRight' });
    expect($(el, '[part~="status"]')!.textContent).to.equal('Position 2 of 3 in Proposal.');
    await sendKeys({ press: 'Enter' });
    await until(() => titlesIn(el, 'proposal').length === 3, 'the card in Proposal');
    expect(titlesIn(el, 'proposal')).to.deep.equal(['Soon', 'Mover', 'Idle']);
    expect(moves[0]).to.deep.equal({ dealId: records[0]!.id, fromStageId: 'qualified', toStageId: 'proposal' });
    expect((await storedDealSoon(storage, records[0]!.id, (d) => d.stageId === 'proposal'))!.stageId).to.equal('proposal');
  });
});

