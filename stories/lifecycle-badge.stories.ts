import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { LIFECYCLE_STAGES } from '@kith/core';
import { html } from 'lit';
import '@kith/elements/lifecycle-badge/define.js';

type Args = { stage: string; lang: string; dir: string };

const meta: Meta<Args> = {
  title: 'Elements/Lifecycle badge',
  component: 'kith-lifecycle-badge',
  args: { stage: 'customer', lang: 'en', dir: 'ltr' },
  argTypes: {
    stage: { control: 'select', options: [...LIFECYCLE_STAGES] },
    lang: { control: 'select', options: ['en', 'ru', 'ka', 'ca', 'sw'] },
    dir: { control: 'inline-radio', options: ['ltr', 'rtl'] },
  },
  render: ({ stage, lang, dir }) => html`<div lang=${lang} dir=${dir}><kith-lifecycle-badge stage=${stage}></kith-lifecycle-badge></div>`,
};
export default meta;

export const Default: StoryObj<Args> = {};

export const EveryStage: StoryObj<Args> = {
  render: ({ lang, dir }) =>
    html`<div lang=${lang} dir=${dir} style="display:flex;gap:.5rem;flex-wrap:wrap">
      ${LIFECYCLE_STAGES.map((s) => html`<kith-lifecycle-badge stage=${s}></kith-lifecycle-badge>`)}
    </div>`,
};

export const Empty: StoryObj<Args> = { args: { stage: '' } };

export const LongText: StoryObj<Args> = { args: { lang: 'sw', stage: 'prospect' } };

export const RTL: StoryObj<Args> = { args: { dir: 'rtl' } };

export const Themed: StoryObj<Args> = {
  render: () =>
    html`<div style="--kith-color-success: #0a7d6b; --kith-radius: 999px; font-family: Georgia, serif">
      <kith-lifecycle-badge stage="loyal"></kith-lifecycle-badge>
    </div>`,
};
