import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { createCrm, type Crm } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import { html } from 'lit';
import { failingCrm, hangingCrm } from './seeded-crm.js';
import '@kith/elements/contact-card/define.js';
import type { FieldGroupConfig } from '@kith/elements';

type Args = { lang: string; dir: string; variant: 'full' | 'compact' };
type Loaded = { crm: Crm; contactId?: string; companyId?: string; groups?: FieldGroupConfig[] };

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A contact with something in every part of the card, plus a likely duplicate; `fields` custom fields in three groups. */
async function storyCrm(fields = 4): Promise<Loaded> {
  const crm = createCrm({ storage: memoryStorage(), options: { defaultCountry: 'GE' } });
  const owner = await crm.members.create({ name: 'Maya Ivanova', email: 'maya@example.com', role: 'rep' });
  const acme = await crm.companies.create({ name: 'Acme Logistics', domain: 'acme.example' });
  const groups = ['Billing', 'Preferences', 'Onboarding'];
  const custom: Record<string, unknown> = {};
  for (let i = 0; i < fields; i++) {
    await crm.fields.define({ entity: 'contact', key: `f${i}`, label: `${groups[i % 3]} field ${i + 1}`, type: 'text', group: groups[i % 3]! });
    if (i % 2 === 0) custom[`f${i}`] = `Value ${i + 1}`;
  }
  await crm.fields.define({ entity: 'contact', key: 'budget', label: 'Budget', type: 'money' });
  const nino = await crm.contacts.create({
    firstName: 'Nino',
    lastName: 'Beridze',
    jobTitle: 'CTO',
    companyId: acme.id,
    ownerId: owner.id,
    lifecycle: 'prospect',
    emails: [{ value: 'nino@acme.example', label: 'work' }],
    phones: [{ value: '599 12 34 56', label: 'mobile' }],
    tags: ['vip', 'tbilisi'],
    birthday: `1990-${day(3).slice(5)}`,
    source: { channel: 'paid', firstTouch: { at: `${day(-60)}T08:00:00Z`, utmSource: 'google', utmMedium: 'cpc', utmCampaign: 'autumn' } },
    consents: [{ purpose: 'marketing-email', status: 'granted', at: `${day(-60)}T08:00:00Z`, wordingVersion: 'v1', method: 'form' }],
    custom: { ...custom, budget: { amount: 1_200_000, currency: 'GEL' } },
  });
  await crm.contacts.create({ firstName: 'N.', lastName: 'Beridze', emails: [{ value: 'NINO@acme.example' }] });
  await crm.deals.create({ title: 'Fleet licence', value: { amount: 1_200_000, currency: 'GEL' }, contactIds: [nino.id], stageId: 'proposal' });
  await crm.deals.create({ title: 'Support', value: { amount: 90_000, currency: 'EUR' }, contactIds: [nino.id] });
  await crm.tasks.schedule({ title: 'Send the quote', contactId: nino.id, due: day(-2) });
  await crm.activities.log({ type: 'call', contactId: nino.id, direction: 'outbound', outcome: 'connected', occurredAt: new Date(Date.now() - 5 * 3_600_000).toISOString() });
  return { crm, contactId: nino.id, groups: [{ label: 'Money', fields: ['budget'] }] };
}

const meta: Meta<Args> = {
  title: 'Elements/kith-contact-card',
  component: 'kith-contact-card',
  args: { lang: 'en', dir: 'ltr', variant: 'full' },
  argTypes: {
    lang: { control: 'select', options: ['en', 'ru', 'ka', 'ca', 'sw'] },
    dir: { control: 'inline-radio', options: ['ltr', 'rtl'] },
    variant: { control: 'inline-radio', options: ['full', 'compact'] },
  },
  loaders: [async () => storyCrm()],
  render: (args, { loaded }) => {
    const l = loaded as Loaded;
    return html`<div lang=${args.lang} dir=${args.dir} style="max-width: 40rem">
      <kith-contact-card .crm=${l.crm} .contactId=${l.contactId} .companyId=${l.companyId} .fieldGroups=${l.groups ?? []} variant=${args.variant}></kith-contact-card>
    </div>`;
  },
};
export default meta;

/** Everything a card shows: reach, birthday, consent, source, deals, an overdue task, the last call, custom fields, a duplicate warning and the quick actions. */
export const Default: StoryObj<Args> = {};

/** The compact variant: who, how to reach, last interaction and next task. */
export const Compact: StoryObj<Args> = { args: { variant: 'compact' } };

/** A company: its people, roll-up and deals. */
export const Company: StoryObj<Args> = {
  loaders: [
    async () => {
      const { crm } = await storyCrm();
      const acme = (await crm.companies.list()).items[0]!;
      return { crm, companyId: acme.id };
    },
  ],
};

/** 40 custom fields in three groups of the definitions, plus one group the host configures. */
export const ManyCustomFields: StoryObj<Args> = { loaders: [async () => storyCrm(40)] };

/** No record chosen. */
export const Empty: StoryObj<Args> = { loaders: [async () => ({ crm: createCrm({ storage: memoryStorage() }) })] };

/** A record that does not exist. */
export const NotFound: StoryObj<Args> = { loaders: [async () => ({ crm: createCrm({ storage: memoryStorage() }), contactId: 'nobody' })] };

/** Storage that never answers. */
export const Loading: StoryObj<Args> = { loaders: [async () => ({ crm: hangingCrm('get'), contactId: 'someone' })] };

/** Storage that fails: the alert says why, with a retry. */
export const Error: StoryObj<Args> = {
  loaders: [async () => ({ crm: failingCrm('get'), contactId: 'someone' })],
};

/** Right to left. */
export const RightToLeft: StoryObj<Args> = { args: { dir: 'rtl' } };
