import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createCrm, type Crm } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import { html, render } from 'lit';
import '@kith/elements/task-list/define.js';
import type { KithTaskList } from '@kith/elements';
import { until } from '../waiting.js';

/** Monday 23 November 2026, 10:00 UTC. */
const NOW = Date.parse('2026-11-23T10:00:00Z');

async function setup() {
  const crm = createCrm({ storage: memoryStorage(), clock: { now: () => NOW } });
  const me = await crm.members.create({ name: 'Me', email: 'me@example.com', role: 'rep' });
  const other = await crm.members.create({ name: 'Other', email: 'o@example.com', role: 'rep' });
  const ana = await crm.contacts.create({ firstName: 'Ana', lastName: 'Olsen' });
  const t = {
    late: await crm.tasks.schedule({ title: 'Send the quote', kind: 'email', due: '2026-11-21', assigneeId: me.id, contactId: ana.id }),
    today: await crm.tasks.schedule({ title: 'Call Ana', kind: 'call', due: '2026-11-23', assigneeId: me.id, contactId: ana.id }),
    soon: await crm.tasks.schedule({ title: 'Demo', kind: 'meeting', due: '2026-11-26', assigneeId: me.id }),
    someday: await crm.tasks.schedule({ title: 'Tidy the notes', assigneeId: me.id }),
    notMine: await crm.tasks.schedule({ title: 'Not mine', due: '2026-11-20', assigneeId: other.id }),
  };
  return { crm, me, ana, t };
}

async function mount(crm: Crm, assigneeId: string, lang = 'en', timeZone = 'UTC'): Promise<KithTaskList> {
  const host = document.createElement('div');
  host.lang = lang;
  document.body.append(host);
  render(html`<kith-task-list .crm=${crm} assignee-id=${assigneeId} time-zone=${timeZone}></kith-task-list>`, host);
  const el = host.firstElementChild as KithTaskList;
  await el.whenLoaded();
  await el.updateComplete;
  return el;
}

const $ = (el: KithTaskList, s: string) => el.shadowRoot!.querySelector<HTMLElement>(s);
const $$ = (el: KithTaskList, s: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(s)];
const words = (n: Element | null) => (n?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<kith-task-list>', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('kith-task-list')) el.parentElement?.remove();
  });

  it('groups my open tasks into overdue, today, upcoming and no date, with "overdue by 2 days"', async () => {
    const { crm, me } = await setup();
    const el = await mount(crm, me.id);
    expect($$(el, '[part~="group"]').map((g) => g.dataset.group)).to.deep.equal(['overdue', 'today', 'upcoming', 'none']);
    const late = $(el, '[part~="group"][data-group="overdue"] [part~="task"]')!;
    expect(words(late)).to.contain('Send the quote').and.contain('overdue by 2 days').and.contain('Ana Olsen');
    expect(words($(el, '[data-group="upcoming"] [part~="due"]'))).to.contain('due in 3 days');
    expect(words($(el, '[data-group="today"] [part~="due"]'))).to.contain('due today');
    expect(words(el.shadowRoot!.querySelector('[part~="base"]'))).not.to.contain('Not mine');
    expect(words($(el, '[data-group="overdue"] [part~="group-heading"]'))).to.equal('Overdue 1 task');
    await expect(el).to.be.accessible();
  });

  it("with contact-id, lists one customer's open tasks whoever holds them, and follows them live", async () => {
    const { crm, me, ana, t } = await setup();
    const other = (await crm.members.active()).find((m) => m.id !== me.id)!;
    const theirs = await crm.tasks.schedule({ title: 'Send the contract', due: '2026-11-25', assigneeId: other.id, contactId: ana.id });
    const host = document.createElement('div');
    document.body.append(host);
    render(html`<kith-task-list .crm=${crm} contact-id=${ana.id} assignee-id=${me.id} time-zone="UTC"></kith-task-list>`, host);
    const el = host.firstElementChild as KithTaskList;
    await el.whenLoaded();
    await el.updateComplete;
    const listed = () => $$(el, '[part~="task"]').map((li) => li.dataset.task);
    expect(listed()).to.have.members([t.late.id, t.today.id, theirs.id]);
    expect(words($(el, '[part~="heading"]'))).to.equal('Open tasks');
    expect(words($(el, '[part~="base"]')), 'the contact is the page; each task need not name it').not.to.contain('About');
    await crm.tasks.complete(t.late.id);
    await until(() => !listed().includes(t.late.id), 'the completed task leaves, live');
    await expect(el).to.be.accessible();
  });

  it('words "overdue" in the page\'s language and judges days on the viewer\'s calendar', async () => {
    const { crm, me } = await setup();
    const ru = await mount(crm, me.id, 'ru');
    expect(words($(ru, '[data-group="overdue"] [part~="due"]'))).to.contain('просрочено на 2 дня');
    expect(words($(ru, '[data-group="overdue"] [part~="group-heading"]'))).to.contain('Просрочено');
    // 10:00 UTC on the 23rd is still the 22nd at UTC-11: the task due on the 23rd is upcoming there.
    const pago = await mount(crm, me.id, 'en', 'Pacific/Pago_Pago');
    expect(words($(pago, '[data-group="upcoming"]'))).to.contain('Call Ana');
    expect(words($(pago, '[data-group="overdue"] [part~="due"]'))).to.contain('overdue by 1 day');
  });

  it('completes a task and schedules the next step in one action, fires kith-task-completed and announces it', async () => {
    const { crm, me, t } = await setup();
    const el = await mount(crm, me.id);
    const button = $(el, `[data-task="${t.today.id}"] [part~="complete"]`) as HTMLButtonElement;
    expect(button.getAttribute('aria-label')).to.equal('Complete “Call Ana”');
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    await until(() => el.shadowRoot!.activeElement?.id === `outcome-${t.today.id}`, 'focus in the form');
    await expect(el).to.be.accessible();
    ($(el, `#outcome-${t.today.id}`) as HTMLInputElement).value = 'Agreed on a demo';
    ($(el, `#next-title-${t.today.id}`) as HTMLInputElement).value = 'Send the contract';
    ($(el, `#next-due-${t.today.id}`) as HTMLInputElement).value = '2026-11-27';
    ($(el, `#next-kind-${t.today.id}`) as HTMLSelectElement).value = 'email';
    let detail: { task: { id: string; completedAt?: string }; next?: { title: string; due?: string; previousTaskId?: string; contactId?: string } } | undefined;
    el.addEventListener('kith-task-completed', (e) => (detail = e.detail));
    ($(el, '[part~="complete-form"] button[type="submit"]') as HTMLButtonElement).click();
    await until(() => !!detail, 'the completed event');
    expect(detail!.task.id).to.equal(t.today.id);
    expect(detail!.next).to.include({ title: 'Send the contract', due: '2026-11-27', previousTaskId: t.today.id, contactId: t.today.contactId });
    const stored = await crm.tasks.get(t.today.id);
    expect(stored.completedAt).to.be.a('string');
    expect(stored.outcome).to.equal('Agreed on a demo');
    await until(() => !$(el, `[data-task="${t.today.id}"]`), 'the done task leaves');
    expect(words($(el, '[data-group="upcoming"]'))).to.contain('Send the contract');
    expect(words($(el, '[part~="status"]'))).to.equal('Completed “Call Ana”; scheduled “Send the contract”.');
    await until(() => el.shadowRoot!.activeElement === $(el, '[part~="heading"]'), 'focus on the heading');
  });

  it('shows the next step\'s error in place and keeps the task open; Escape closes the form and returns focus', async () => {
    const { crm, me, t } = await setup();
    const el = await mount(crm, me.id);
    const button = $(el, `[data-task="${t.soon.id}"] [part~="complete"]`) as HTMLButtonElement;
    button.click();
    await el.updateComplete;
    ($(el, `#next-title-${t.soon.id}`) as HTMLInputElement).value = 'x'.repeat(400);
    ($(el, '[part~="complete-form"] button[type="submit"]') as HTMLButtonElement).click();
    await until(() => $(el, `#next-title-${t.soon.id}`)?.getAttribute('aria-invalid') === 'true', 'the error in place');
    expect($(el, `#next-title-${t.soon.id}`)!.getAttribute('aria-describedby')).to.contain(`next-title-${t.soon.id}-error`);
    expect((await crm.tasks.get(t.soon.id)).completedAt).to.equal(undefined);
    await expect(el).to.be.accessible();
    $(el, `#outcome-${t.soon.id}`)!.focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect($(el, '[part~="complete-form"]')).to.equal(null);
    await until(() => el.shadowRoot!.activeElement === button, 'focus back on Complete');
  });

  it('shows a task written elsewhere, and says when there is nothing to do', async () => {
    const { crm, me, t } = await setup();
    const el = await mount(crm, me.id);
    await crm.tasks.schedule({ title: 'Written elsewhere', due: '2026-11-24', assigneeId: me.id });
    await until(() => words(el.shadowRoot!.querySelector('[part~="base"]')).includes('Written elsewhere'), 'the live task');
    for (const task of [...Object.values(t)].filter((x) => x.assigneeId === me.id)) await crm.tasks.complete(task.id);
    const rest = (await crm.tasks.openFor(me.id)).map((x) => x.id);
    for (const id of rest) await crm.tasks.complete(id);
    await until(() => words(el.shadowRoot!.querySelector('[part~="base"]')).includes('Nothing to do'), 'the empty state');
    await expect(el).to.be.accessible();
  });
});
