import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { createCrm, newId, type Crm } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import { html } from 'lit';
import { failingCrm, hangingCrm } from './seeded-crm.js';
import '@kith/elements/timeline/define.js';

type Args = { lang: string; dir: string };

/** A CRM with one contact and `n` activities of every kind a person logs, a thread and two tasks. */
async function storyCrm(n: number): Promise<{ crm: Crm; id: string }> {
  const storage = memoryStorage();
  const crm = createCrm({ storage });
  const c = await crm.contacts.create({ firstName: 'Nino', lastName: 'Beridze', emails: [{ value: 'nino@example.ge' }] });
  const now = Date.now();
  const kinds = [
    { type: 'note', text: 'Prefers calls in the morning.' },
    { type: 'call', direction: 'outbound', outcome: 'connected', durationSec: 420, text: 'Agreed on a demo on Friday.' },
    { type: 'email', direction: 'inbound', subject: 'Price list?', text: 'Could you send the price list for 20 seats?' },
    { type: 'meeting', title: 'Demo', location: 'Office', outcome: 'Wants a quote' },
  ];
  const records = Array.from({ length: n }, (_, i) => {
    const at = new Date(now - (i + 1) * 47 * 60_000).toISOString();
    return { id: newId(), ...kinds[i % kinds.length], contactId: c.id, occurredAt: at, createdAt: at, updatedAt: at, version: 0 };
  });
  for (let i = 0; i < records.length; i += 5000) await storage.batch(records.slice(i, i + 5000).map((record) => ({ type: 'put' as const, collection: 'activities', record })));
  if (n) {
    const ask = await crm.activities.log({ type: 'email', contactId: c.id, direction: 'inbound', subject: 'Discount?' });
    await crm.activities.log({ type: 'email', contactId: c.id, direction: 'outbound', subject: 'Re: Discount?', parentId: ask.id });
    await crm.tasks.schedule({ title: 'Send the quote', contactId: c.id, due: new Date(now - 2 * 86_400_000).toISOString().slice(0, 10) });
    await crm.tasks.schedule({ title: 'Follow-up call', contactId: c.id, due: new Date(now + 3 * 86_400_000).toISOString().slice(0, 10) });
  }
  return { crm, id: c.id };
}

const meta: Meta<Args> = {
  title: 'Elements/kith-timeline',
  component: 'kith-timeline',
  args: { lang: 'en', dir: 'ltr' },
  argTypes: { lang: { control: 'select', options: ['en', 'ru', 'ka', 'ca', 'sw'] }, dir: { control: 'inline-radio', options: ['ltr', 'rtl'] } },
  loaders: [async () => storyCrm(40)],
  render: (args, { loaded }) =>
    html`<div lang=${args.lang} dir=${args.dir}><kith-timeline .crm=${loaded.crm as Crm} ref-id=${loaded.id as string} style="--kith-timeline-height: 420px"></kith-timeline></div>`,
};
export default meta;

/** A contact's story: every kind a person logs, a thread, an overdue and an upcoming task, and the composer. */
export const Default: StoryObj<Args> = {};

/** A record with no activity yet. */
export const Empty: StoryObj<Args> = { loaders: [async () => ({ crm: createCrm({ storage: memoryStorage() }), id: 'nobody' })] };

/** Storage that never answers. */
export const Loading: StoryObj<Args> = { loaders: [async () => ({ crm: hangingCrm(), id: 'someone' })] };

/** Storage that fails: the alert says why. */
export const Error: StoryObj<Args> = {
  loaders: [async () => ({ crm: failingCrm(), id: 'someone' })],
};

/** 10,000 entries: the feed is virtualized and read 50 at a time. */
export const LongHistory: StoryObj<Args> = { loaders: [async () => storyCrm(10_000)] };

/** Right to left. */
export const RightToLeft: StoryObj<Args> = { args: { lang: 'en', dir: 'rtl' } };
