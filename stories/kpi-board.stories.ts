import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { createCrm, fixedClock, type Crm, type Channel } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import { html } from 'lit';
import { failingCrm, hangingCrm } from './seeded-crm.js';
import '@kith/elements/kpi-board/define.js';

type Args = { lang: string; dir: string };
type Loaded = { crm: Crm };

const DAY = 86_400_000;

/** A deterministic pseudo-random sequence, so the story looks the same on every load. */
function random(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
}

/** Three months of leads, deals moving through the funnel, calls and a few open tasks, written with the clock moved back. */
async function storyCrm(leads = 60): Promise<Loaded> {
  const now = Date.now();
  const clock = fixedClock(now - 90 * DAY);
  const crm = createCrm({ storage: memoryStorage(), clock });
  const rnd = random(7);
  const owners = [
    await crm.members.create({ name: 'Maya Ivanova', email: 'maya@example.com', role: 'rep' }),
    await crm.members.create({ name: 'Giorgi Kapanadze', email: 'giorgi@example.com', role: 'rep' }),
  ];
  const channels: Channel[] = ['paid', 'organic', 'referral', 'social', 'event'];
  for (let i = 0; i < leads; i++) {
    const born = now - (88 - (i * 85) / leads) * DAY;
    clock.set(born);
    const owner = owners[i % 2]!;
    const c = await crm.contacts.create({ firstName: `Lead ${i + 1}`, ownerId: owner.id, source: { channel: channels[Math.floor(rnd() * rnd() * channels.length)]! } });
    if (rnd() < 0.8) await crm.activities.log({ type: 'call', direction: 'outbound', contactId: c.id, occurredAt: new Date(born + rnd() * DAY).toISOString() });
    if (rnd() < 0.55) {
      const deal = await crm.deals.create({ title: `Deal ${i + 1}`, value: { amount: Math.round(200 + rnd() * 3000) * 100, currency: 'EUR' }, contactIds: [c.id], ownerId: owner.id, expectedCloseDate: new Date(born + 40 * DAY).toISOString().slice(0, 10) });
      let t = born;
      for (const stage of ['proposal', 'negotiation', 'won']) {
        t += (3 + rnd() * 12) * DAY;
        if (t > now || rnd() < 0.3) break;
        clock.set(t);
        await crm.deals.move(deal.id, stage);
      }
    }
  }
  clock.set(now);
  await crm.tasks.schedule({ title: 'Call back', assigneeId: owners[0]!.id, due: new Date(now - 2 * DAY).toISOString().slice(0, 10) });
  return { crm };
}

const meta: Meta<Args> = {
  title: 'Elements/kith-kpi-board',
  component: 'kith-kpi-board',
  args: { lang: 'en', dir: 'ltr' },
  argTypes: {
    lang: { control: 'select', options: ['en', 'ru'] },
    dir: { control: 'inline-radio', options: ['ltr', 'rtl'] },
  },
  loaders: [async () => storyCrm()],
  render: (args, { loaded }) => {
    const l = loaded as Loaded;
    return html`<div lang=${args.lang} dir=${args.dir} style="max-width: 60rem">
      <kith-kpi-board .crm=${l.crm}></kith-kpi-board>
    </div>`;
  },
};
export default meta;

/** Three months of sales: tiles, the funnel (tab to it, then arrow keys), sources, workload and forecast. */
export const Default: StoryObj<Args> = {};

/** A new CRM: no figures yet. */
export const Empty: StoryObj<Args> = { loaders: [async () => ({ crm: createCrm({ storage: memoryStorage() }) })] };

/** Storage that never answers. */
export const Loading: StoryObj<Args> = { loaders: [async () => ({ crm: hangingCrm() })] };

/** Storage that fails: the alert says why, with a retry. */
export const Error: StoryObj<Args> = {
  loaders: [async () => ({ crm: failingCrm() })],
};

/** Russian. */
export const Russian: StoryObj<Args> = { args: { lang: 'ru' } };
