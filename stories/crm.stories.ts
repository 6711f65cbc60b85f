import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { type Crm, contactName } from '@kith/core';
import { html } from 'lit';
import '@kith/elements/lifecycle-badge/define.js';
import { seededCrm, withCrm } from './seeded-crm.ts';

const meta: Meta = {
  title: 'Elements/CRM provider',
  component: 'kith-crm',
  loaders: [async () => ({ crm: await seededCrm() })],
  decorators: [withCrm as never],
};
export default meta;

/** Elements inside `<kith-crm>` use its CRM; here the story reads the same one to list contacts. */
export const Default: StoryObj = {
  render: (_args, context) => {
    const crm = (context.loaded as { crm: Crm }).crm;
    const list = document.createElement('ul');
    void crm.contacts.list().then(({ items }) => {
      for (const c of items) {
        const li = document.createElement('li');
        li.append(`${contactName(c)} `, Object.assign(document.createElement('kith-lifecycle-badge'), { stage: c.lifecycle }));
        list.append(li);
      }
    });
    return html`${list}`;
  },
};
