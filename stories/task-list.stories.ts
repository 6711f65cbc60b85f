import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { createCrm, type Crm } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import { html } from 'lit';
import { failingCrm, hangingCrm } from './seeded-crm.js';
import '@kith/elements/task-list/define.js';

type Args = { lang: string; dir: string; forContact?: boolean };
type Loaded = { crm: Crm; assigneeId?: string; contactId?: string };

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A rep with tasks overdue, today, upcoming and undated. */
async function storyCrm(): Promise<Loaded> {
  const crm = createCrm({ storage: memoryStorage() });
  const me = await crm.members.create({ name: 'Maya Ivanova', email: 'maya@example.com', role: 'rep' });
  const nino = await crm.contacts.create({ firstName: 'Nino', lastName: 'Beridze' });
  const tasks: [string, 'call' | 'email' | 'meeting' | 'todo', number | undefined][] = [
    ['Send the quote', 'email', -2],
    ['Call back about the discount', 'call', -1],
    ['Call Nino', 'call', 0],
    ['Demo for the team', 'meeting', 3],
    ['Renewal reminder', 'email', 20],
    ['Tidy the notes', 'todo', undefined],
  ];
  for (const [title, kind, offset] of tasks) {
    await crm.tasks.schedule({ title, kind, assigneeId: me.id, contactId: nino.id, ...(offset === undefined ? {} : { due: day(offset) }) });
  }
  return { crm, assigneeId: me.id, contactId: nino.id };
}

const meta: Meta<Args> = {
  title: 'Elements/kith-task-list',
  component: 'kith-task-list',
  args: { lang: 'en', dir: 'ltr' },
  argTypes: {
    lang: { control: 'select', options: ['en', 'ru', 'ka', 'ca', 'sw'] },
    dir: { control: 'inline-radio', options: ['ltr', 'rtl'] },
  },
  loaders: [async () => storyCrm()],
  render: (args, { loaded }) => {
    const l = loaded as Loaded;
    return html`<div lang=${args.lang} dir=${args.dir} style="max-width: 36rem">
      ${l.contactId && args.forContact
        ? html`<kith-task-list .crm=${l.crm} contact-id=${l.contactId}></kith-task-list>`
        : html`<kith-task-list .crm=${l.crm} assignee-id=${l.assigneeId ?? ''}></kith-task-list>`}
    </div>`;
  },
};
export default meta;

/** Overdue ("overdue by 2 days"), today, upcoming and undated; "Complete" opens the form that schedules the next step. */
export const Default: StoryObj<Args> = {};

/** Nothing to do. */
export const Empty: StoryObj<Args> = {
  loaders: [
    async () => {
      const crm = createCrm({ storage: memoryStorage() });
      const me = await crm.members.create({ name: 'Maya', email: 'maya@example.com', role: 'rep' });
      return { crm, assigneeId: me.id };
    },
  ],
};

/** Storage that never answers. */
export const Loading: StoryObj<Args> = { loaders: [async () => ({ crm: hangingCrm(), assigneeId: 'me' })] };

/** Storage that fails: the alert says why, with a retry. */
export const Error: StoryObj<Args> = {
  loaders: [async () => ({ crm: failingCrm(), assigneeId: 'me' })],
};

/** Russian. */
export const Russian: StoryObj<Args> = { args: { lang: 'ru' } };

/** Right to left. */
export const RightToLeft: StoryObj<Args> = { args: { dir: 'rtl' } };

/** One customer's open tasks, whoever holds them (`contact-id`), as on a contact page. */
export const ForAContact: StoryObj<Args> = { args: { forContact: true } };
