import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { createCrm, type Crm, type Deal, type WriteOp } from '@kith/core';
import { dealRecord } from '../demo/deal-records.ts';
import { memoryStorage } from '@kith/adapters/memory';
import { html } from 'lit';
import { failingCrm, hangingCrm } from './seeded-crm.js';
import '@kith/elements/pipeline-board/define.js';

type Args = { lang: string; dir: string };

const titles = ['Website redesign', 'CRM rollout', 'Support plan', 'Office fit-out', 'Annual licence', 'Training days', 'Hosting renewal', 'Data migration'];

/** A CRM with `n` deals spread over the default pipeline's open stages, in the given currencies, plus owners and tasks. */
async function boardCrm(n: number, currencies: string[] = ['EUR']): Promise<Crm> {
  const storage = memoryStorage();
  const crm = createCrm({ storage });
  await crm.pipelines.ensureDefault();
  const regions = ['north', 'south', 'coast'];
  await crm.fields.define({ entity: 'deal', key: 'region', label: 'Region', type: 'select', options: [{ value: 'north', label: 'North' }, { value: 'south', label: 'South' }, { value: 'coast', label: 'Coast' }] });
  const owners = [await crm.members.create({ name: 'Nino Beridze', email: 'nino@kith.test', role: 'rep' }), await crm.members.create({ name: 'Jordi Puig', email: 'jordi@kith.test', role: 'rep' })];
  const now = Date.now();
  const ops: WriteOp[] = [];
  const stages = ['qualified', 'proposal', 'negotiation'];
  for (let i = 0; i < n; i++) {
    const stageId = stages[i % 3]!;
    const entered = new Date(now - (i % 25) * 86_400_000).toISOString();
    const deal = dealRecord({
      title: `${titles[i % titles.length]} #${i + 1}`,
      value: { amount: 500_00 * (1 + (i % 12)), currency: currencies[i % currencies.length]! },
      stageId,
      ownerId: owners[i % 2]!.id,
      enteredAt: entered,
      rankAt: now - i * 1000,
      // Every fourth deal has no region: the "No Region" column.
      ...(i % 4 ? { custom: { region: regions[i % 3]! } } : {}),
    });
    ops.push({ type: 'put', collection: 'deals', record: deal });
  }
  for (let i = 0; i < ops.length; i += 5000) await storage.batch(ops.slice(i, i + 5000));
  const first = ops.slice(0, 6).map((o) => (o.type === 'put' ? o.record : undefined)) as Deal[];
  await crm.tasks.schedule({ title: 'Call back', dealId: first[0]!.id, due: new Date(now - 2 * 86_400_000).toISOString().slice(0, 10) });
  await crm.tasks.schedule({ title: 'Send the offer', dealId: first[1]!.id, due: new Date(now).toISOString().slice(0, 10) });
  await crm.tasks.schedule({ title: 'Demo', dealId: first[2]!.id, due: new Date(now + 5 * 86_400_000).toISOString().slice(0, 10) });
  return crm;
}

const board = (crm: Crm | undefined, { lang, dir }: Args, attrs: { groupBy?: string; sort?: 'manual' | 'next-activity' } = {}) =>
  html`<div lang=${lang} dir=${dir}><kith-pipeline-board .crm=${crm} .groupBy=${attrs.groupBy} .sort=${attrs.sort ?? 'manual'} style="--kith-board-height: 420px"></kith-pipeline-board></div>`;

const meta: Meta<Args> = {
  title: 'Elements/kith-pipeline-board',
  component: 'kith-pipeline-board',
  args: { lang: 'en', dir: 'ltr' },
  argTypes: { lang: { control: 'select', options: ['en', 'ru', 'ka', 'ca', 'sw'] }, dir: { control: 'inline-radio', options: ['ltr', 'rtl'] } },
  loaders: [async () => ({ crm: await boardCrm(24) })],
  render: (args, { loaded }) => board(loaded.crm as Crm, args),
};
export default meta;

/** A few deals per stage: drag a card, or focus one and press Space, the arrows and Space again. */
export const Default: StoryObj<Args> = {};

/** A pipeline with no deals yet. */
export const Empty: StoryObj<Args> = { loaders: [async () => ({ crm: await boardCrm(0) })] };

/** Memory storage whose reads are replaced: to show the loading and error states. */
/** Storage that never answers: the board says it is loading. */
export const Loading: StoryObj<Args> = {
  loaders: [async () => ({ crm: hangingCrm() })],
};

/** Storage that fails: the board shows the error in its alert region. */
export const Error: StoryObj<Args> = {
  loaders: [async () => ({ crm: failingCrm() })],
};

/** 10,000 deals: columns are windowed, so the page holds a few hundred nodes. */
export const TenThousandDeals: StoryObj<Args> = { loaders: [async () => ({ crm: await boardCrm(10_000) })] };

/** Deals in euros, dollars and lari: totals per currency, never mixed. */
export const SeveralCurrencies: StoryObj<Args> = { loaders: [async () => ({ crm: await boardCrm(30, ['EUR', 'USD', 'GEL']) })] };

/** Right to left: columns run from the right, and the arrow keys follow. */
export const RightToLeft: StoryObj<Args> = { args: { lang: 'en', dir: 'rtl' } };

/** Columns by a select-type deal field (Region) instead of by stage; dropping on a column sets the region. */
export const GroupedByField: StoryObj<Args> = { render: (args, { loaded }) => board(loaded.crm as Crm, args, { groupBy: 'region' }) };

/** Sorted by next activity: overdue first, then today, later, and deals with nothing planned last. */
export const SortedByNextActivity: StoryObj<Args> = { render: (args, { loaded }) => board(loaded.crm as Crm, args, { sort: 'next-activity' }) };
