// The lead form guide's host-page code (docs/examples/lead-form-host.ts) on real forms in
// Chromium: the cookie banner's two ways to grant consent, and a form inside an app.
import { expect, fixture, html } from '@open-wc/testing';
import { createCrm } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import '@kith/elements/lead-form/define.js';
import { captureInApp, grantConsent, grantConsentEarly } from '../../docs/examples/lead-form-host.ts';
import { until } from '../waiting.ts';
import { cleanBrowser, delivered, fill, leadForm, leadServer } from './lead-form-helpers.ts';

describe('docs/lead-form.md host code (examples/lead-form-host.ts)', () => {
  beforeEach(cleanBrowser);

  for (const [name, grant] of [['the kith-consent event', grantConsent], ['the consent-granted attribute', grantConsentEarly]] as const) {
    it(`a consent-required form keeps nothing until ${name} grants consent`, async () => {
      const el = await leadForm(leadServer(), 'consent-required');
      expect(Object.keys(localStorage), 'nothing kept before consent').to.deep.equal([]);
      grant();
      await until(() => el.hasAttribute('consent-granted') && localStorage.getItem('kith:first-touch') !== null, 'attribution after consent');
      el.parentElement!.remove();
    });
  }

  it('inside an app, leads go straight into the SDK with round-robin owners and a first-response call', async () => {
    let now = Date.parse('2026-11-23T10:00:00Z');
    const crm = createCrm({ storage: memoryStorage(), clock: { now: () => now } });
    const nino = await crm.members.create({ name: 'Nino', email: 'nino@example.com', role: 'rep' });
    const juma = await crm.members.create({ name: 'Juma', email: 'juma@example.com', role: 'rep' });
    const owners: (string | undefined)[] = [];
    for (const email of ['a@example.ge', 'b@example.ge']) {
      const host = await fixture(html`<div></div>`);
      host.innerHTML = `<kith-lead-form form="in-app" min-fill-ms="0"><form><input name="email" type="email" aria-label="Email" required><button>Send</button></form></kith-lead-form>`;
      const form = host.querySelector('kith-lead-form')!;
      captureInApp(form, crm);
      await form.updateComplete;
      fill(form, { email });
      const success = delivered(form);
      form.querySelector('button')!.click();
      await success;
      const contact = (await crm.contacts.list()).items.find((c) => c.emails[0]!.value === email);
      const [task] = (await crm.tasks.list({ where: [{ field: 'contactId', op: 'eq', value: contact!.id }] })).items;
      expect(task!.kind).to.equal('call');
      expect(Date.parse(task!.due!) - now).to.equal(30 * 60_000);
      owners.push(contact!.ownerId);
      now += 60_000;
    }
    expect(owners).to.have.members([nino.id, juma.id]);
  });
});
