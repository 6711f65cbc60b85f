import { expect } from '@open-wc/testing';
import { type Crm, StorageError, type StoragePort } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import type { KithContactCard } from '@kith/elements';
import { rejection, until } from '../waiting.ts';
import { $, $$, cardCrm, fill, mountCard, summary, text, unmountCards } from './contact-card-helpers.ts';

const click = (el: KithContactCard, selector: string) => $<HTMLElement>(el, selector)!.click();
const openPanel = async (el: KithContactCard, action: string) => {
  click(el, `[data-action="${action}"]`);
  await until(() => !!$(el, `[part~="panel"][data-panel="${action}"]`), `the ${action} panel`);
  await el.updateComplete;
};
const save = (el: KithContactCard) => click(el, '[part~="panel"] button[type="submit"]');
const focused = (el: KithContactCard) => el.shadowRoot!.activeElement as HTMLElement | null;

/** Defines `n` custom contact fields across three definition groups and none. */
async function manyFields(crm: Crm, n: number) {
  const groups = ['Billing', 'Preferences', undefined];
  for (let i = 0; i < n; i++) {
    await crm.fields.define({ entity: 'contact', key: `f${i}`, label: `Field ${String(i).padStart(2, '0')}`, type: 'text', ...(groups[i % 3] ? { group: groups[i % 3] } : {}) });
  }
}

describe('<kith-contact-card> custom fields', () => {
  afterEach(unmountCards);

  it('lays 40 custom fields out in the host\'s groups (ordered, hidden, collapsed), then the definitions\' groups', async () => {
    const { crm } = await cardCrm();
    await manyFields(crm, 40);
    await crm.fields.define({ entity: 'contact', key: 'budget', label: 'Budget', type: 'money' });
    await crm.fields.define({ entity: 'contact', key: 'size', label: 'Size', type: 'select', options: [{ value: 's', label: 'Small' }, { value: 'l', label: 'Large' }] });
    await crm.fields.define({ entity: 'contact', key: 'site', label: 'Site', type: 'url' });
    const c = await crm.contacts.create({ firstName: 'Ana', custom: { f0: 'zero', f1: 'one', budget: { amount: 250_000, currency: 'EUR' }, size: 'l', site: 'https://ana.example' } });
    const el = await mountCard(crm, { contactId: c.id }, (card) => {
      card.fieldGroups = [
        { label: 'Deal basics', fields: ['size', 'budget', 'nope'] },
        { label: 'Web', fields: ['site', 'size'], collapsed: true },
      ];
      card.hiddenFields = ['f2', 'f5'];
    });
    const groups = $$(el, '[part~="group"]');
    expect(groups.map((g) => text(g.querySelector('summary')))).to.deep.equal(['Deal basics', 'Web', 'Billing', 'Preferences', 'Other fields']);
    const keys = (g: HTMLElement) => [...g.querySelectorAll<HTMLElement>('dd')].map((d) => d.dataset.field);
    expect(keys(groups[0]!)).to.deep.equal(['size', 'budget']);
    expect(keys(groups[1]!)).to.deep.equal(['site']); // `size` stays in the first group that lists it
    expect(keys(groups[2]!)).to.deep.equal(['f0', 'f3', 'f6', 'f9', 'f12', 'f15', 'f18', 'f21', 'f24', 'f27', 'f30', 'f33', 'f36', 'f39']);
    expect(keys(groups[3]!)).to.deep.equal(['f1', 'f4', 'f7', 'f10', 'f13', 'f16', 'f19', 'f22', 'f25', 'f28', 'f31', 'f34', 'f37']);
    // No definition group; f2 and f5 hidden.
    expect(keys(groups[4]!)).to.deep.equal(['f8', 'f11', 'f14', 'f17', 'f20', 'f23', 'f26', 'f29', 'f32', 'f35', 'f38']);
    const shown = groups.flatMap(keys);
    expect(shown).to.have.length(41); // 43 fields, 2 hidden
    expect(new Set(shown).size).to.equal(41);
    expect(groups.map((g) => (g as HTMLDetailsElement).open)).to.deep.equal([true, false, true, true, true]);
    expect(text(groups[0]!.querySelector('dd[data-field="size"]'))).to.equal('Large');
    expect(text(groups[0]!.querySelector('dd[data-field="budget"]'))).to.equal('€2,500.00');
    // Collapsed groups open from the keyboard, and stay open across a live re-render.
    const summaryEl = groups[1]!.querySelector('summary')!;
    summaryEl.focus();
    summaryEl.click();
    await until(() => (groups[1] as HTMLDetailsElement).open, 'the Web group opened');
    await crm.contacts.update(c.id, { jobTitle: 'CEO' });
    await until(() => text($(el, '[part~="subtitle"]')) === 'CEO', 'the live update');
    expect(($$(el, '[part~="group"]')[1] as HTMLDetailsElement).open).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('never links a stored URL that is not http(s)', async () => {
    const { crm, storage } = await cardCrm();
    await crm.fields.define({ entity: 'contact', key: 'site', label: 'Site', type: 'url' });
    const c = await crm.contacts.create({ firstName: 'Ana' });
    // Written past the core, as a hostile import or another client could.
    const stored = (await storage.get('contacts', c.id))!;
    await storage.batch([{ type: 'put', collection: 'contacts', record: { ...stored, custom: { site: 'javascript:alert(1)' } } }]);
    const el = await mountCard(crm, { contactId: c.id });
    const dd = $(el, 'dd[data-field="site"]')!;
    expect(text(dd)).to.equal('javascript:alert(1)');
    expect(dd.querySelector('a')).to.equal(null);
  });
});

describe('<kith-contact-card> quick actions', () => {
  afterEach(unmountCards);

  it('logs a call, announces it, closes the form and gives focus back to its button', async () => {
    const { crm } = await cardCrm();
    const c = await crm.contacts.create({ firstName: 'Ana' });
    const el = await mountCard(crm, { contactId: c.id });
    const logged: unknown[] = [];
    el.addEventListener('kith-activity-logged', (e) => logged.push(e.detail));
    await openPanel(el, 'call');
    expect($(el, '[data-action="call"]')!.getAttribute('aria-expanded')).to.equal('true');
    expect(focused(el)?.getAttribute('name')).to.equal('direction');
    await expect(el).to.be.accessible();
    $<HTMLSelectElement>(el, '[name="direction"]')!.value = 'inbound';
    $<HTMLSelectElement>(el, '[name="outcome"]')!.value = 'connected';
    fill(el, 'text', 'Wants a demo');
    save(el);
    await until(() => !$(el, '[part~="panel"]'), 'the form closed');
    const calls = (await crm.activities.list({ where: [{ field: 'type', op: 'eq', value: 'call' }] })).items;
    expect(calls.map((a) => [a.contactId, 'direction' in a && a.direction, 'outcome' in a && a.outcome, 'text' in a && a.text])).to.deep.equal([[c.id, 'inbound', 'connected', 'Wants a demo']]);
    expect(logged).to.have.length(1);
    expect(text($(el, '[part~="status"]'))).to.equal('Call logged.');
    expect(focused(el)?.dataset.action).to.equal('call');
    await until(() => summary(el)['Last interaction'] === 'Call · Inbound · now', 'the call as last interaction');
  });

  it('refuses an empty note in place, focused and described, storing nothing', async () => {
    const { crm } = await cardCrm();
    const c = await crm.contacts.create({ firstName: 'Ana' });
    const el = await mountCard(crm, { contactId: c.id });
    const before = await crm.activities.count();
    await openPanel(el, 'note');
    save(el);
    await until(() => $(el, '[name="text"]')?.getAttribute('aria-invalid') === 'true', 'the error in place');
    const input = $(el, '[name="text"]')!;
    expect(focused(el)).to.equal(input);
    expect(text($(el, `#${input.getAttribute('aria-describedby')}`))).to.not.equal('');
    expect(text($(el, '[part~="error"]'))).to.equal('Please check the highlighted fields.');
    expect(await crm.activities.count()).to.equal(before);
    await expect(el).to.be.accessible();
    // Escape closes the form and puts focus back on its button.
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await until(() => !$(el, '[part~="panel"]'), 'the form closed');
    expect(focused(el)?.dataset.action).to.equal('note');
  });

  it('schedules a task that becomes the next task, firing kith-task-scheduled', async () => {
    const { crm } = await cardCrm();
    const c = await crm.contacts.create({ firstName: 'Ana' });
    const el = await mountCard(crm, { contactId: c.id });
    const scheduled: { task: { title: string } }[] = [];
    el.addEventListener('kith-task-scheduled', (e) => scheduled.push(e.detail));
    await openPanel(el, 'task');
    fill(el, 'title', 'Send the contract');
    fill(el, 'due', '2026-11-25');
    save(el);
    await until(() => summary(el)['Next task'] === 'Send the contract · due in 2 days', 'the next task');
    expect(scheduled.map((d) => d.task.title)).to.deep.equal(['Send the contract']);
    expect((await crm.tasks.list({ where: [{ field: 'contactId', op: 'eq', value: c.id }] })).items.map((t) => t.due)).to.deep.equal(['2026-11-25']);
  });
});

describe('<kith-contact-card> inline edit', () => {
  afterEach(unmountCards);

  it('validates with the core\'s schemas and shows each error under its input; nothing is stored', async () => {
    const { crm } = await cardCrm();
    await crm.fields.define({ entity: 'contact', key: 'seats', label: 'Seats', type: 'number' });
    const c = await crm.contacts.create({ firstName: 'Ana', emails: [{ value: 'ana@example.com' }] });
    const el = await mountCard(crm, { contactId: c.id });
    await openPanel(el, 'edit');
    expect(focused(el)?.getAttribute('name')).to.equal('firstName');
    fill(el, 'emails.0', 'not an email');
    fill(el, 'custom.seats', 'many');
    save(el);
    await until(() => $$(el, '[aria-invalid="true"]').length === 2, 'two errors in place');
    expect($$(el, '[aria-invalid="true"]').map((i) => i.getAttribute('name'))).to.deep.equal(['emails.0', 'custom.seats']);
    expect(focused(el)?.getAttribute('name')).to.equal('emails.0');
    expect(await crm.contacts.get(c.id)).to.deep.equal(c);
    await expect(el).to.be.accessible();
  });

  it('saves changed fields only, adds and removes emails, sets custom values, and fires kith-record-saved', async () => {
    const { crm } = await cardCrm();
    await crm.fields.define({ entity: 'contact', key: 'budget', label: 'Budget', type: 'money' });
    await crm.fields.define({ entity: 'contact', key: 'vip', label: 'VIP', type: 'boolean' });
    const owner = await crm.members.create({ name: 'Maya', email: 'maya@example.com', role: 'rep' });
    const c = await crm.contacts.create({ firstName: 'Ana', emails: [{ value: 'ana@example.com', label: 'work' }, { value: 'old@example.com' }], phones: [{ value: '(209) 172-7124', label: 'mobile' }] });
    const el = await mountCard(crm, { contactId: c.id });
    const saved: { entity: string }[] = [];
    el.addEventListener('kith-record-saved', (e) => saved.push(e.detail));
    await openPanel(el, 'edit');
    fill(el, 'lastName', 'Beridze');
    fill(el, 'emails.1', '');
    fill(el, 'emails.2', 'ana@home.example');
    fill(el, 'tags', 'vip, tbilisi, vip');
    $<HTMLSelectElement>(el, '[name="ownerId"]')!.value = owner.id;
    $<HTMLSelectElement>(el, '[name="lifecycle"]')!.value = 'customer';
    fill(el, 'custom.budget', '2500,50');
    fill(el, 'custom.budget.currency', 'eur');
    $<HTMLSelectElement>(el, '[name="custom.vip"]')!.value = 'true';
    save(el);
    await until(() => !$(el, '[part~="panel"]'), 'the edit closed');
    const stored = await crm.contacts.get(c.id);
    expect(stored).to.deep.include({ firstName: 'Ana', lastName: 'Beridze', ownerId: owner.id, lifecycle: 'customer', tags: ['vip', 'tbilisi'], custom: { budget: { amount: 250_050, currency: 'EUR' }, vip: true } });
    expect(stored.emails).to.deep.equal([{ value: 'ana@example.com', label: 'work' }, { value: 'ana@home.example' }]);
    expect(stored.phones).to.deep.equal(c.phones); // untouched: label and E.164 kept
    expect(saved.map((d) => d.entity)).to.deep.equal(['contact']);
    expect(text($(el, '[part~="status"]'))).to.equal('Saved.');
    expect(focused(el)?.dataset.action).to.equal('edit');
    await until(() => text($(el, '[part~="name"]')) === 'Ana Beridze', 'the new name shown');
  });

  it('applies the edit on top of a change elsewhere to other fields, keeping both', async () => {
    const { crm } = await cardCrm();
    const c = await crm.contacts.create({ firstName: 'Ana', jobTitle: 'CTO' });
    const el = await mountCard(crm, { contactId: c.id });
    await openPanel(el, 'edit');
    fill(el, 'lastName', 'Beridze');
    // A colleague changes the job title meanwhile, and a call is logged (it moves lastInteractionAt, a new version).
    await crm.contacts.update(c.id, { jobTitle: 'CEO' });
    await crm.activities.log({ type: 'call', contactId: c.id, direction: 'outbound' });
    save(el);
    await until(() => !$(el, '[part~="panel"]'), 'the edit closed');
    expect(await crm.contacts.get(c.id)).to.deep.include({ firstName: 'Ana', lastName: 'Beridze', jobTitle: 'CEO' });
    expect(text($(el, '[part~="status"]'))).to.equal('Saved. Changes made elsewhere to other fields were kept.');
  });

  it('shows a conflict on a field changed elsewhere instead of overwriting it; the user keeps theirs or saves over', async () => {
    const { crm } = await cardCrm();
    await crm.fields.define({ entity: 'contact', key: 'plan', label: 'Plan', type: 'text' });
    const c = await crm.contacts.create({ firstName: 'Ana', jobTitle: 'CTO', custom: { plan: 'basic' } });
    const el = await mountCard(crm, { contactId: c.id });

    await openPanel(el, 'edit');
    fill(el, 'jobTitle', 'Founder');
    fill(el, 'custom.plan', 'pro');
    await crm.contacts.update(c.id, { jobTitle: 'CEO', custom: { plan: 'team' } });
    save(el);
    await until(() => !!$(el, '[part~="conflict"]'), 'the conflict');
    const rows = $$(el, '[part~="conflict"] tbody tr').map((r) => [...r.children].map((cell) => text(cell)));
    expect(rows).to.deep.equal([
      ['Job title', 'CEO', 'Founder'],
      ['Plan', 'team', 'pro'],
    ]);
    expect(text($(el, '[part~="error"]'))).to.equal('Changed elsewhere while you were editing');
    // The form still holds what the user typed.
    expect([$<HTMLInputElement>(el, '[name="jobTitle"]')!.value, $<HTMLInputElement>(el, '[name="custom.plan"]')!.value]).to.deep.equal(['Founder', 'pro']);
    expect(await crm.contacts.get(c.id)).to.deep.include({ jobTitle: 'CEO', custom: { plan: 'team' } }); // nothing overwritten
    // A live refresh (a call logged elsewhere) leaves the conflict and its alert up.
    await crm.activities.log({ type: 'call', contactId: c.id, direction: 'inbound' });
    await until(() => summary(el)['Last interaction'] === 'Call · Inbound · now', 'the refresh');
    expect(text($(el, '[part~="error"]'))).to.equal('Changed elsewhere while you were editing');
    expect($(el, '[part~="conflict"]')).to.exist;
    await expect(el).to.be.accessible();
    click(el, '[data-choice="theirs"]');
    await until(() => !$(el, '[part~="panel"]'), 'the edit closed');
    expect(await crm.contacts.get(c.id)).to.deep.include({ jobTitle: 'CEO', custom: { plan: 'team' } });

    await openPanel(el, 'edit');
    fill(el, 'jobTitle', 'Founder');
    await crm.contacts.update(c.id, { jobTitle: 'Chair' });
    save(el);
    await until(() => !!$(el, '[part~="conflict"]'), 'the second conflict');
    // Saving the form again is not an overwrite: the conflict stands until the user chooses.
    const attempts: Promise<unknown>[] = [];
    const update = crm.contacts.update;
    crm.contacts.update = (...args) => {
      const attempt = update(...args);
      attempts.push(attempt);
      return attempt;
    };
    save(el);
    await until(() => attempts.length === 1, 'the second save');
    expect((await rejection(attempts[0]!)).code).to.equal('conflict');
    await el.updateComplete;
    expect($$(el, '[part~="conflict"] tbody tr > *').map((cell) => text(cell))).to.deep.equal(['Job title', 'Chair', 'Founder']);
    expect(await crm.contacts.get(c.id)).to.deep.include({ jobTitle: 'Chair' });
    crm.contacts.update = update;
    click(el, '[data-choice="mine"]');
    await until(() => !$(el, '[part~="panel"]'), 'saved over');
    expect(await crm.contacts.get(c.id)).to.deep.include({ jobTitle: 'Founder' });
  });

  it('edits a company: a bad domain is refused in place', async () => {
    const { crm } = await cardCrm();
    const acme = await crm.companies.create({ name: 'Acme' });
    const el = await mountCard(crm, { companyId: acme.id });
    await openPanel(el, 'edit');
    fill(el, 'domain', 'not a domain');
    save(el);
    await until(() => $(el, '[name="domain"]')?.getAttribute('aria-invalid') === 'true', 'the domain error');
    fill(el, 'domain', 'Acme.example');
    fill(el, 'name', 'Acme Ltd');
    save(el);
    await until(() => !$(el, '[part~="panel"]'), 'saved');
    expect(await crm.companies.get(acme.id)).to.deep.include({ name: 'Acme Ltd', domain: 'acme.example' });
  });
});

/** Memory storage whose reads wait for `release()`, or fail while `failing` is set. */
function controlledStorage() {
  const inner = memoryStorage();
  let release!: () => void;
  let gate = Promise.resolve();
  const state = { failing: false };
  const storage: StoragePort = {
    ...inner,
    name: 'controlled',
    get: async (...args) => {
      await gate;
      if (state.failing) throw new StorageError('The server is unreachable', { code: 'network' });
      return inner.get(...args);
    },
    query: (...args) => inner.query(...args),
    count: (...args) => inner.count(...args),
    batch: (ops) => inner.batch(ops),
    subscribe: (l, o) => inner.subscribe(l, o),
    close: () => inner.close(),
  };
  return {
    storage,
    state,
    hold: () => (gate = new Promise((r) => (release = r))),
    release: () => release(),
  };
}

describe('<kith-contact-card> states', () => {
  afterEach(unmountCards);

  it('loading, then loaded; empty without an id; not found; each accessible', async () => {
    const ctl = controlledStorage();
    const { crm } = await cardCrm(ctl.storage);
    const c = await crm.contacts.create({ firstName: 'Ana' });
    ctl.hold();
    const el = await mountCard(crm, {});
    expect(text($(el, '[part~="empty"]'))).to.equal('No record selected.');
    await expect(el).to.be.accessible();
    el.contactId = c.id;
    await el.updateComplete;
    expect($(el, '[part~="loading"]')!.getAttribute('role')).to.equal('status');
    expect($(el, '[part~="base"]')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    ctl.release();
    await el.whenLoaded();
    expect(text($(el, '[part~="name"]'))).to.equal('Ana');
    el.contactId = 'missing';
    await el.whenLoaded();
    expect(text($(el, '[part~="not-found"]'))).to.equal('This record does not exist.');
    await expect(el).to.be.accessible();
  });

  it('a failed read shows the reason and a retry that recovers', async () => {
    const ctl = controlledStorage();
    const { crm } = await cardCrm(ctl.storage);
    const c = await crm.contacts.create({ firstName: 'Ana' });
    ctl.state.failing = true;
    const el = await mountCard(crm, { contactId: c.id });
    expect(text($(el, '[part~="error"]'))).to.equal('Could not reach the server. Check your connection and try again.');
    expect($(el, '[part~="error"]')!.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
    ctl.state.failing = false;
    click(el, '[part~="retry"]');
    await until(() => text($(el, '[part~="name"]')) === 'Ana', 'recovered');
    expect(text($(el, '[part~="error"]'))).to.equal('');
  });
});
