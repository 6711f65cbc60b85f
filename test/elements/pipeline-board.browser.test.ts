import { expect } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { createCrm, type Deal } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import type { KithPipelineBoard } from '@kith/elements';
import { until } from '../waiting.ts';
import { $, $$, card, center, boardCrm, dealRecord, mountBoard, NOW, storageWithBatch, storedSoon, storedTitles, titlesIn, unmountBoards } from './pipeline-board-helpers.ts';

const status = (el: KithPipelineBoard) => $(el, '[part~="status"]')!.textContent!.trim();

describe('<kith-pipeline-board>', () => {
  afterEach(async () => {
    unmountBoards();
    await resetMouse();
  });

  it('shows a column per open stage with count, value and weighted value per currency, never mixed', async () => {
    const storage = memoryStorage();
    const crm = createCrm({ storage, clock: { now: () => NOW } });
    await crm.pipelines.ensureDefault();
    await storage.batch([
      { type: 'put', collection: 'deals', record: dealRecord(1, 'qualified', { title: 'A', value: { amount: 100_000, currency: 'EUR' } }) },
      { type: 'put', collection: 'deals', record: dealRecord(2, 'qualified', { title: 'B', value: { amount: 50_000, currency: 'EUR' }, probability: 50 }) },
      { type: 'put', collection: 'deals', record: dealRecord(3, 'qualified', { title: 'C', value: { amount: 70_000, currency: 'USD' } }) },
      { type: 'put', collection: 'deals', record: dealRecord(4, 'won', { title: 'W', status: 'won' }) },
    ]);
    const el = await mountBoard(crm);
    await until(() => !!$(el, '[part~="column"][data-stage="qualified"] [part~="total"]'), 'totals');
    expect($$(el, '[part~="column"]').map((c) => c.dataset.stage)).to.deep.equal(['qualified', 'proposal', 'negotiation']);
    const header = $(el, '[part~="column"][data-stage="qualified"] [part~="column-header"]')!;
    expect(header.querySelector('[part~="count"]')!.textContent).to.equal('3 deals');
    const totals = [...header.querySelectorAll<HTMLElement>('[part~="total"]')].map((t) => [t.dataset.currency, t.textContent!.replace(/\s+/g, ' ').trim()]);
    // Qualified is 20%: A weighs 200 EUR, B its own 50% = 250 EUR; C 140 USD.
    expect(totals).to.deep.equal([
      ['EUR', '€1,500.00 · €450.00 weighted'],
      ['USD', '$700.00 · $140.00 weighted'],
    ]);
    expect($(el, '[part~="column"][data-stage="proposal"] [part~="count"]')!.textContent).to.equal('0 deals');
    // The won deal is not on the board's columns.
    expect(titlesIn(el, 'qualified')).to.have.members(['A', 'B', 'C']);
    await expect(el).to.be.accessible();
  });

  it('moves a card by keyboard across columns and within one, announcing every step, and stores the order', async () => {
    const { crm, storage } = await boardCrm(3);
    const el = await mountBoard(crm);
    expect(titlesIn(el, 'proposal')).to.deep.equal(['proposal 0', 'proposal 1', 'proposal 2']);
    card(el, 'qualified 1').focus();
    await sendKeys({ press: 'Space' });
    expect(status(el)).to.equal('Lifted qualified 1. Position 2 of 3 in Qualified. Arrow keys move it, Space drops, Escape cancels.');
    await sendKeys({ press: 'ArrowRight' });
    expect(status(el)).to.equal('Position 2 of 4 in Proposal.');
    await sendKeys({ press: 'ArrowDown' });
    expect(status(el)).to.equal('Position 3 of 4 in Proposal.');
    await sendKeys({ press: 'Space' });
    expect(status(el)).to.equal('qualified 1 moved to Proposal.');
    expect(titlesIn(el, 'proposal')).to.deep.equal(['proposal 0', 'proposal 1', 'qualified 1', 'proposal 2']);
    await until(() => el.shadowRoot!.activeElement?.getAttribute('aria-label')?.startsWith('qualified 1') ?? false, 'focus stays on the moved card');
    expect(await storedSoon(storage, 'proposal', ['proposal 0', 'proposal 1', 'qualified 1', 'proposal 2'])).to.deep.equal(['proposal 0', 'proposal 1', 'qualified 1', 'proposal 2']);
    // Within a column: up one.
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Enter' });
    await until(() => titlesIn(el, 'proposal')[1] === 'qualified 1', 'reordered on screen');
    const order = ['proposal 0', 'qualified 1', 'proposal 1', 'proposal 2'];
    expect(await storedSoon(storage, 'proposal', order)).to.deep.equal(order);
    // Escape cancels a lift: nothing moves.
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'Escape' });
    expect(status(el)).to.equal('Move of qualified 1 cancelled.');
    expect(await storedTitles(storage, 'proposal')).to.deep.equal(['proposal 0', 'qualified 1', 'proposal 1', 'proposal 2']);
  });

  it('writes two quick moves of the same card in order, the second after the first', async () => {
    // A server that takes 300 ms per write: the second drop comes while the first is still being written.
    let slow = false;
    const storage = storageWithBatch(async (inner, ops) => (slow && (await new Promise((r) => setTimeout(r, 300))), inner.batch(ops)));
    const { crm } = await boardCrm(2, storage);
    const el = await mountBoard(crm);
    slow = true;
    card(el, 'qualified 0').focus();
    // No waiting between the two drops: the second starts while the first is being written.
    for (let i = 0; i < 2; i++) {
      await sendKeys({ press: 'Space' });
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'Space' });
    }
    const order = ['qualified 0', 'negotiation 0', 'negotiation 1'];
    expect(await storedSoon(storage, 'negotiation', order)).to.deep.equal(order);
    expect(titlesIn(el, 'negotiation')).to.deep.equal(order);
    expect($(el, '[part~="error"]')!.textContent).to.equal('');
  });

  it('moves a card by pointer drag onto another column', async () => {
    const { crm, storage } = await boardCrm(3);
    const el = await mountBoard(crm);
    const from = center(card(el, 'qualified 0'));
    const to = center(card(el, 'negotiation 1'));
    await sendMouse({ type: 'move', position: from });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [from[0] + 20, from[1] + 10] });
    expect($(el, '[part~="ghost"]')).to.exist;
    await sendMouse({ type: 'move', position: [to[0], to[1] - 20] });
    expect($(el, '[part~="column-body"][data-stage="negotiation"] [part~="drop-indicator"]')).to.exist;
    await sendMouse({ type: 'up' });
    await until(() => titlesIn(el, 'negotiation').includes('qualified 0'), 'card moved on screen');
    const order = ['negotiation 0', 'qualified 0', 'negotiation 1', 'negotiation 2'];
    expect(await storedSoon(storage, 'negotiation', order)).to.deep.equal(order);
    expect($(el, '[part~="ghost"]')).to.equal(null);
  });

  it('lets the host veto a move: nothing changes on screen or in storage', async () => {
    const { crm, storage } = await boardCrm(2);
    const el = await mountBoard(crm);
    const seen: unknown[] = [];
    el.addEventListener('kith-deal-move', (e) => {
      seen.push(e.detail);
      e.preventDefault();
    });
    card(el, 'qualified 0').focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Space' });
    expect(seen).to.have.length(1);
    expect(seen[0]).to.deep.include({ fromStageId: 'qualified', toStageId: 'proposal' });
    expect(status(el)).to.equal('qualified 0 cannot be moved there.');
    expect(titlesIn(el, 'qualified')).to.deep.equal(['qualified 0', 'qualified 1']);
    expect(await storedTitles(storage, 'proposal')).to.deep.equal(['proposal 0', 'proposal 1']);
  });

  it('rolls a move back with a visible message when storage rejects it', async () => {
    let fail = false;
    const storage = storageWithBatch((inner, ops) => (fail ? Promise.reject(Object.assign(new Error('offline'), { code: 'network' })) : inner.batch(ops)));
    const { crm } = await boardCrm(2, storage);
    const el = await mountBoard(crm);
    fail = true;
    card(el, 'qualified 0').focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Space' });
    await until(() => titlesIn(el, 'qualified').includes('qualified 0'), 'the card back in its column');
    expect(titlesIn(el, 'proposal')).to.deep.equal(['proposal 0', 'proposal 1']);
    const alert = $(el, '[part~="error"]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.equal('qualified 0 was put back: Could not reach the server. Check your connection and try again.');
    expect((await storage.query('deals', { where: [{ field: 'title', op: 'eq', value: 'qualified 0' }] })).items[0]!.stageId).to.equal('qualified');
    await expect(el).to.be.accessible();
  });

  it('requires a lost reason from the list before a deal is marked lost', async () => {
    const { crm, storage } = await boardCrm(2);
    const el = await mountBoard(crm);
    el.lostReasons = ['Too expensive', 'Went silent'];
    await el.updateComplete;
    card(el, 'negotiation 0').focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowRight' });
    expect(status(el)).to.equal('Over Won. Space drops.');
    await sendKeys({ press: 'ArrowRight' });
    expect(status(el)).to.equal('Over Lost. Space drops.');
    await sendKeys({ press: 'Space' });
    const dialog = $<HTMLDialogElement>(el, 'dialog')!;
    await until(() => dialog.open, 'the dialog');
    expect(dialog.querySelector('h2')!.textContent).to.equal('Why was negotiation 0 lost?');
    await expect(el).to.be.accessible();
    // Confirm without a reason: refused, said, and nothing stored.
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await el.updateComplete;
    expect(dialog.open).to.equal(true);
    expect(dialog.querySelector('[part~="dialog-error"]')!.textContent).to.equal('Choose a reason.');
    expect(await storedTitles(storage, 'lost')).to.deep.equal([]);
    dialog.querySelector<HTMLInputElement>('input[value="Went silent"]')!.click();
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    let lost: Deal[] = [];
    for (let i = 0; i < 50 && !lost.length; i++) lost = (await storage.query('deals', { where: [{ field: 'stageId', op: 'eq', value: 'lost' }] })).items as Deal[];
    expect(lost.map((d) => [d.title, d.status, d.lostReason])).to.deep.equal([['negotiation 0', 'lost', 'Went silent']]);
    expect(titlesIn(el, 'negotiation')).to.deep.equal(['negotiation 1']);
  });

  it('shows a change made by another writer live, keeping the scroll position', async () => {
    const { storage } = await boardCrm(40);
    const crm = createCrm({ storage, clock: { now: () => NOW } });
    const el = await mountBoard(crm, { height: '300px' });
    const body = $(el, '[part~="column-body"][data-stage="qualified"]')!;
    body.scrollTop = 96 * 10;
    await until(() => titlesIn(el, 'qualified')[0] !== 'qualified 0', 'scrolled window');
    const firstVisible = () => $$(el, '[part~="column-body"][data-stage="qualified"] [part~="card"]').find((c) => c.getBoundingClientRect().top >= body.getBoundingClientRect().top - 1)!.getAttribute('aria-label');
    const before = firstVisible();
    // Another writer (a colleague, another tab) adds a deal at the top of the column.
    const other = createCrm({ storage, clock: { now: () => NOW + 60_000 } });
    await other.deals.create({ title: 'Fresh lead', value: { amount: 1, currency: 'EUR' } });
    await until(() => (el as unknown as { _columns: { deals: Deal[] }[] })._columns[0]!.deals[0]!.title === 'Fresh lead', 'the new deal on the board');
    await el.updateComplete;
    expect(body.scrollTop).to.equal(96 * 11);
    expect(firstVisible()).to.equal(before);
    await until(() => $(el, '[part~="column"][data-stage="qualified"] [part~="count"]')?.textContent === '41 deals', 'the count');
  });

  it('a change made elsewhere during a keyboard drag does not interrupt it', async () => {
    const { crm, storage } = await boardCrm(2);
    const el = await mountBoard(crm);
    card(el, 'qualified 1').focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowRight' });
    // A colleague adds a deal to the column the card is over.
    const other = createCrm({ storage, clock: { now: () => NOW + 60_000 } });
    await other.deals.create({ title: 'Walk-in', value: { amount: 1, currency: 'EUR' }, stageId: 'proposal' });
    await until(() => titlesIn(el, 'proposal').includes('Walk-in'), 'the colleague\'s deal');
    expect(card(el, 'qualified 1').getAttribute('part')).to.contain('lifted');
    await sendKeys({ press: 'Space' });
    await until(() => titlesIn(el, 'proposal').includes('qualified 1'), 'the dropped card');
    // It lands where the drop line was when dropped: second, below the deal that arrived during the drag.
    const order = ['Walk-in', 'qualified 1', 'proposal 0', 'proposal 1'];
    expect(await storedSoon(storage, 'proposal', order)).to.deep.equal(order);
    expect(status(el)).to.equal('qualified 1 moved to Proposal.');
  });

  it('keeps showing live changes after the board is moved to another place in the page', async () => {
    const { crm } = await boardCrm(1);
    const el = await mountBoard(crm);
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    elsewhere.append(el);
    await el.whenLoaded();
    await crm.deals.create({ title: 'After the move', value: { amount: 1, currency: 'EUR' } });
    await until(() => titlesIn(el, 'qualified').includes('After the move'), 'the new deal');
    elsewhere.remove();
  });

  it('renders 10,000 deals with a bounded DOM and loads more as a column scrolls', async () => {
    const { crm } = await boardCrm(3334);
    const el = await mountBoard(crm);
    const nodes = () => el.shadowRoot!.querySelectorAll('*').length;
    expect(nodes()).to.be.below(1000);
    await until(() => $(el, '[part~="column"][data-stage="qualified"] [part~="count"]')?.textContent === '3,334 deals', 'the count');
    const body = $(el, '[part~="column-body"][data-stage="qualified"]')!;
    for (let i = 0; i < 5; i++) {
      body.scrollTop = body.scrollHeight;
      await until(() => titlesIn(el, 'qualified').length > 0 && body.scrollHeight > (i + 1) * 50 * 96, 'another page');
    }
    expect(titlesIn(el, 'qualified').length).to.be.below(20);
    expect(nodes()).to.be.below(1000);
  });

  it('filters by owner and text, totals included', async () => {
    const { crm, storage } = await boardCrm(0);
    const ana = await crm.members.create({ name: 'Ana', email: 'ana@kith.test', role: 'rep' });
    await storage.batch([
      { type: 'put', collection: 'deals', record: dealRecord(1, 'qualified', { title: 'Website redesign', ownerId: ana.id }) },
      { type: 'put', collection: 'deals', record: dealRecord(2, 'qualified', { title: 'Hosting' }) },
      { type: 'put', collection: 'deals', record: dealRecord(3, 'proposal', { title: 'Web shop', ownerId: ana.id }) },
    ]);
    const el = await mountBoard(crm);
    el.ownerId = ana.id;
    await el.whenLoaded();
    expect(titlesIn(el, 'qualified')).to.deep.equal(['Website redesign']);
    el.search = 'shop';
    await el.whenLoaded();
    expect(titlesIn(el, 'qualified')).to.deep.equal([]);
    expect(titlesIn(el, 'proposal')).to.deep.equal(['Web shop']);
    await until(() => $(el, '[part~="column"][data-stage="proposal"] [part~="count"]')?.textContent === '1 deal', 'filtered totals');
    expect($(el, '[part~="column"][data-stage="qualified"] [part~="count"]')!.textContent).to.equal('0 deals');
  });

  it('marks rotting deals and shows each card its next activity state', async () => {
    const { crm, storage } = await boardCrm(0);
    const old = dealRecord(1, 'negotiation', { title: 'Stale', stageEnteredAt: new Date(NOW - 10 * 86_400_000).toISOString() });
    const fresh = dealRecord(2, 'negotiation', { title: 'Fresh' });
    const planned = dealRecord(3, 'negotiation', { title: 'Planned' });
    await storage.batch([old, fresh, planned].map((record) => ({ type: 'put' as const, collection: 'deals', record })));
    await crm.tasks.schedule({ title: 'Call', dealId: old.id, due: '2026-11-20' });
    await crm.tasks.schedule({ title: 'Send offer', dealId: planned.id, due: '2026-11-23' });
    const el = await mountBoard(crm);
    await until(() => !!card(el, 'Planned')?.querySelector('[part~="card-next"]'), 'next activity');
    const state = (title: string) => card(el, title).querySelector<HTMLElement>('[part~="card-next"]')!.dataset.state;
    expect([state('Stale'), state('Fresh'), state('Planned')]).to.deep.equal(['overdue', 'none', 'today']);
    expect(card(el, 'Stale').getAttribute('part')).to.contain('rotting');
    expect(card(el, 'Fresh').getAttribute('part')).not.to.contain('rotting');
    expect(card(el, 'Stale').querySelector('[part~="card-age"]')!.textContent).to.equal('10 days in stage');
  });

  it('a card with more lines than its height keeps its title and contact line, and clips from the bottom', async () => {
    const { crm, storage } = await boardCrm(0);
    const ana = await crm.contacts.create({ firstName: 'Ana' });
    const stale = dealRecord(1, 'negotiation', { title: 'Stale', contactIds: [ana.id], stageEnteredAt: new Date(NOW - 10 * 86_400_000).toISOString() });
    await storage.batch([{ type: 'put', collection: 'deals', record: stale }]);
    const el = await mountBoard(crm);
    el.cardHeight = 56;
    await until(() => card(el, 'Stale')?.querySelector('[part~="card-meta"]')?.textContent === 'Ana', 'contact name');
    await until(() => !!card(el, 'Stale')?.querySelector('[part~="card-next"]'), 'next activity');
    const box = card(el, 'Stale').getBoundingClientRect();
    const title = card(el, 'Stale').querySelector('[part~="card-title"]')!.getBoundingClientRect();
    expect(title.height).to.be.greaterThan(10);
    expect(title.top).to.be.at.least(box.top);
    expect(card(el, 'Stale').querySelector('[part~="card-meta"]')!.getBoundingClientRect().height).to.be.greaterThan(0);
  });
});
