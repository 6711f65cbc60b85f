import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { createCrm, type Crm } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import { html } from 'lit';
import '@kith/elements/import/define.js';

type Args = { lang: string; dir: string; entity: string; mode: string };

/** A CRM with a custom field and one stored contact, so a file can show a duplicate. */
async function storyCrm(): Promise<{ crm: Crm }> {
  const crm = createCrm({ storage: memoryStorage(), options: { defaultCountry: 'US' } });
  await crm.fields.define({ entity: 'contact', key: 'city', label: 'City', type: 'text' });
  await crm.contacts.create({ firstName: 'Ana', lastName: 'López', emails: [{ value: 'ana@example.com' }] });
  return { crm };
}

/** A small messy file to try the wizard with (save it as people.csv). */
export const SAMPLE_CSV = [
  'First Name,Last Name,Company,City,Phone 1,Email,Subscription Date',
  'Ana,López,Acme,Tbilisi,+995 555 12 34 56,ana@example.com,26-08-2020',
  'Kristina,Ferrell,"Horn, Shepard and Watson",Aaronville,(209)172-7124x3651,xreese@hall-donovan.com,27-04-2020',
  'Bo,Chan,,Nairobi,,not-an-email,03-01-2021',
].join('\n');

const meta: Meta<Args> = {
  title: 'Elements/kith-import',
  component: 'kith-import',
  args: { lang: 'en', dir: 'ltr', entity: 'contact', mode: 'skip-duplicates' },
  argTypes: {
    lang: { control: 'select', options: ['en', 'ru'] },
    dir: { control: 'inline-radio', options: ['ltr', 'rtl'] },
    entity: { control: 'select', options: ['contact', 'company', 'deal'] },
    mode: { control: 'select', options: ['skip-duplicates', 'update-existing', 'create-only'] },
  },
  loaders: [async () => storyCrm()],
  render: (args, { loaded }) => {
    const { crm } = loaded as { crm: Crm };
    const download = URL.createObjectURL(new Blob([SAMPLE_CSV], { type: 'text/csv' }));
    return html`<div lang=${args.lang} dir=${args.dir} style="max-width: 48rem; display: grid; gap: 1rem">
      <p><a href=${download} download="people.csv">Download a sample file</a> with a duplicate, a quoted comma and a bad email, then choose it below.</p>
      <kith-import .crm=${crm} entity=${args.entity} .mode=${args.mode}></kith-import>
    </div>`;
  },
};
export default meta;

/** The first step: what the rows are, what to do with duplicates, the file. */
export const Default: StoryObj<Args> = {};

/** Deals, with a default currency for amounts that name none. */
export const Deals: StoryObj<Args> = { args: { entity: 'deal' } };

/** In Russian. */
export const Russian: StoryObj<Args> = { args: { lang: 'ru' } };

/** Right to left. */
export const RightToLeft: StoryObj<Args> = { args: { dir: 'rtl' } };

/** Without a CRM: says so. */
export const NoCrm: StoryObj<Args> = { render: () => html`<kith-import></kith-import>` };
