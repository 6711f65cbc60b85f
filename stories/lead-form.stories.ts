import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { type Crm, ValidationError, createCrm } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import { html } from 'lit';
import '@kith/elements/lead-form/define.js';
import type { KithLeadForm } from '@kith/elements';

type Args = { lang: string; dir: string; scheme: string };

/** The host's own form, as a landing page writes it (see docs/lead-form.md). */
const form = html`<form>
  <p><label>Your name <input name="name" autocomplete="name" required /></label></p>
  <p><label>Email <input name="email" type="email" autocomplete="email" required /></label></p>
  <p><label>Phone <input name="phone" type="tel" autocomplete="tel" /></label></p>
  <p>
    <label
      >What do you need?
      <select name="interest">
        <option value="">Choose…</option>
        <option value="demo">A demo</option>
        <option value="quote">A quote</option>
      </select>
    </label>
  </p>
  <p data-kith-show-when="interest=quote"><label>Team size <input name="custom.teamSize" type="number" min="1" /></label></p>
  <p>
    <label><input type="checkbox" name="consent" data-purpose="marketing" data-wording-version="2026-11" required /> You may contact me about this request.</label>
  </p>
  <button>Send</button>
</form>`;

/** Fills the story's form and presses Send once it is on the page, to show a state that follows a submit. */
function submitWhenShown(values: Record<string, string | boolean>) {
  requestAnimationFrame(() => {
    const el = document.querySelector<KithLeadForm>('kith-lead-form');
    if (!el) return;
    for (const [name, value] of Object.entries(values)) {
      const input = el.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
      if (typeof value === 'boolean') input.checked = value;
      else input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    el.querySelector('button')!.click();
  });
}

const filled = { name: 'Salome Beridze', email: 'salome@example.ge', consent: true };
/** A CRM whose capture never ends: the form stays "sending". */
const pending = { leads: { capture: () => new Promise(() => undefined) } } as unknown as Crm;
/** A CRM that refuses the email, as a server's check would. */
const refusing = {
  leads: { capture: () => Promise.reject(new ValidationError([{ path: ['email'], code: 'invalid_format', message: 'Invalid email' }], 'lead')) },
} as unknown as Crm;

const meta: Meta<Args> = {
  title: 'Elements/Lead form',
  component: 'kith-lead-form',
  args: { lang: 'en', dir: 'ltr', scheme: 'light' },
  argTypes: {
    lang: { control: 'select', options: ['en', 'ru', 'ka', 'ca', 'sw'] },
    dir: { control: 'inline-radio', options: ['ltr', 'rtl'] },
    scheme: { control: 'inline-radio', options: ['light', 'dark'] },
  },
  render: ({ lang, dir, scheme }) =>
    html`<div lang=${lang} dir=${dir} style="color-scheme:${scheme}">
      <kith-lead-form endpoint="https://crm.example.com/kith" form="spring-promo">${form}</kith-lead-form>
    </div>`,
};
export default meta;

/** Ready for a visitor; "Team size" appears when "A quote" is chosen. */
export const Idle: StoryObj<Args> = {};

/** Send pressed on an empty form: each error next to its field, announced, the first field focused. */
export const Invalid: StoryObj<Args> = {
  render: (args, ctx) => {
    submitWhenShown({});
    return meta.render!(args, ctx);
  },
};

/** The lead is on its way. */
export const Sending: StoryObj<Args> = {
  render: ({ lang, dir }) => {
    submitWhenShown(filled);
    return html`<div lang=${lang} dir=${dir}><kith-lead-form form="spring-promo" min-fill-ms="0" .crm=${pending}>${form}</kith-lead-form></div>`;
  },
};

/** The server cannot be reached: the lead waits and is sent on its own later. (With `consent-required`, it waits in memory, so this story leaves nothing behind.) */
export const Queued: StoryObj<Args> = {
  render: ({ lang, dir }) => {
    submitWhenShown(filled);
    return html`<div lang=${lang} dir=${dir}>
      <kith-lead-form endpoint="http://127.0.0.1:9/kith" form="spring-promo" min-fill-ms="0" consent-required>${form}</kith-lead-form>
    </div>`;
  },
};

/** Sent: the host's `success` slot replaces the form (here captured into an in-page CRM). */
export const Sent: StoryObj<Args> = {
  render: ({ lang, dir }) => {
    submitWhenShown(filled);
    return html`<div lang=${lang} dir=${dir}>
      <kith-lead-form form="spring-promo" min-fill-ms="0" .crm=${createCrm({ storage: memoryStorage() })}
        >${form}
        <p slot="success">Thank you, Salome! We will call you back within the hour.</p></kith-lead-form
      >
    </div>`;
  },
};

/** The CRM refused the lead: the field it named is marked. */
export const Refused: StoryObj<Args> = {
  render: ({ lang, dir }) => {
    submitWhenShown(filled);
    return html`<div lang=${lang} dir=${dir}><kith-lead-form form="spring-promo" min-fill-ms="0" .crm=${refusing}>${form}</kith-lead-form></div>`;
  },
};

/** Themed from outside: parts and `--kith-*` properties, dark scheme, right to left. */
export const ThemedDarkRtl: StoryObj<Args> = {
  args: { lang: 'en', dir: 'rtl', scheme: 'dark' },
  render: (args, ctx) => {
    submitWhenShown({});
    return html`<div style="background:#111;color:#eee;padding:1rem;--kith-lead-form-error-color:#ff8a80;font-family:Georgia,serif">
      ${meta.render!(args, ctx)}
    </div>`;
  },
};
