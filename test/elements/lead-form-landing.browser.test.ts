/**
 * The guide's snippet as a real landing page: a plain HTML page (served by the
 * test server from docs/lead-form.md, with a strict Content-Security-Policy
 * header) that loads the standalone kith-lead-form.js by script tag, in an
 * iframe of its own, so it is a separate page with its own reloads.
 */
import { expect } from '@open-wc/testing';
import { createCrm } from '@kith/core';
import { restStorage } from '@kith/adapters/rest';
import { cleanBrowser, delivered, fill, leadServer, next, outboxKeys, type LeadServer } from './lead-form-helpers.ts';

interface Landing {
  iframe: HTMLIFrameElement;
  win: Window & { cspViolations: { directive: string }[] };
  doc: Document;
  form: HTMLElement & { updateComplete: Promise<boolean> };
}

const loaded = (iframe: HTMLIFrameElement) => new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));

async function ready(iframe: HTMLIFrameElement): Promise<Landing> {
  const win = iframe.contentWindow as Landing['win'];
  await win.customElements.whenDefined('kith-lead-form');
  const doc = iframe.contentDocument!;
  const form = doc.querySelector('kith-lead-form') as Landing['form'];
  await form.updateComplete;
  return { iframe, win, doc, form };
}

async function openLanding(server: LeadServer, query = ''): Promise<Landing> {
  const iframe = document.createElement('iframe');
  iframe.src = `/landing/${server.endpoint.split('/').pop()}.html${query}`;
  const load = loaded(iframe);
  document.body.append(iframe);
  await load;
  return ready(iframe);
}

/** Waits (without a clock) until the server holds `count` contacts. */
async function contactsOn(server: LeadServer, count: number) {
  for (let i = 0; i < 200; i++) {
    const contacts = await server.list('contacts');
    if (contacts.length >= count) return contacts;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  throw new Error(`the server never got ${count} contact(s)`);
}

describe('<kith-lead-form> on a plain landing page (the guide\'s snippet)', () => {
  let landing: Landing | undefined;
  beforeEach(cleanBrowser);
  afterEach(() => landing?.iframe.remove());

  it('is served with a strict CSP header, loads by script tag, and runs a whole lead with no CSP violation', async () => {
    const server = leadServer();
    const page = await fetch(`/landing/${server.endpoint.split('/').pop()}.html`);
    expect(page.headers.get('content-security-policy')).to.contain("script-src 'self'").and.not.contain('unsafe');
    expect(await page.text()).to.contain('<script type="module" src="/kith-lead-form.js"></script>');

    // The custom field the snippet's dependent "Team size" fills, defined in the CRM.
    const crm = createCrm({ storage: restStorage({ baseUrl: `${location.origin}${server.endpoint}` }) });
    await crm.fields.define({ entity: 'contact', key: 'teamSize', label: 'Team size', type: 'number' });

    landing = await openLanding(server, '?utm_source=google&utm_medium=cpc&utm_campaign=spring');
    const { doc, form, win } = landing;
    expect(form.shadowRoot).to.not.equal(null);
    fill(doc, { name: 'Salome Beridze', email: 'salome@example.ge', phone: '+995 555 10 20 30', interest: 'quote', 'custom.teamSize': '12', consent: true });
    const success = delivered(form);
    doc.querySelector('button')!.click();
    await success;

    const [contact] = await contactsOn(server, 1);
    expect(contact).to.include({ firstName: 'Salome', lastName: 'Beridze' });
    expect(contact!.custom).to.deep.equal({ teamSize: 12 });
    expect(contact!.source.firstTouch).to.deep.include({ utmSource: 'google', utmMedium: 'cpc', utmCampaign: 'spring' });
    expect(contact!.source.firstTouch.landingPage).to.match(/\/landing\/[\w-]+\.html$/);
    expect(contact!.tags).to.include('spring');
    const submission = (await server.list('activities')).find((a) => a.id.startsWith('lead-'));
    expect(submission!.attribution).to.deep.include({ utmSource: 'google', utmCampaign: 'spring' });
    expect(doc.querySelector('[slot=success]')!.textContent).to.contain('Thank you');
    expect(win.cspViolations).to.deep.equal([]);

    // The probe does catch a violation: an inline style attribute is refused under this policy.
    doc.body.setAttribute('style', 'color: red');
    for (let i = 0; i < 100 && win.cspViolations.length === 0; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(win.cspViolations.map((v) => v.directive)).to.deep.equal(['style-src-attr']);
    await crm.close();
  });

  it('a lead queued while offline is delivered by the reloaded page, once', async () => {
    const server = leadServer();
    landing = await openLanding(server);
    await server.down(true);
    fill(landing.doc, { name: 'Giorgi', email: 'giorgi@example.ge', consent: true });
    const queued = next<{ key: string }>(landing.form, 'kith-lead-queued');
    landing.doc.querySelector('button')!.click();
    const { key } = (await queued).detail;
    expect(await outboxKeys()).to.deep.equal([key]);

    await server.down(false);
    const reload = loaded(landing.iframe);
    landing.win.location.reload();
    await reload;
    landing = await ready(landing.iframe);
    const [contact] = await contactsOn(server, 1);
    expect(contact).to.include({ firstName: 'Giorgi' });
    expect((await server.list('activities')).filter((a) => a.id === `lead-${key}`)).to.have.length(1);
    for (let i = 0; i < 100 && (await outboxKeys()).length; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(await outboxKeys()).to.deep.equal([]);
    expect(await server.list('contacts')).to.have.length(1);
  });

  it('goes to the redirect page once sent, and never to a script URL', async () => {
    const server = leadServer();
    landing = await openLanding(server);
    landing.form.setAttribute('redirect', 'javascript:alert(1)');
    fill(landing.doc, { name: 'Keti', email: 'keti@example.ge', consent: true });
    let success = delivered(landing.form);
    landing.doc.querySelector('button')!.click();
    await success;
    await landing.form.updateComplete;
    expect(landing.form.getAttribute('state')).to.equal('sent');
    expect(landing.win.location.pathname).to.match(/^\/landing\//);

    landing.iframe.remove();
    landing = await openLanding(server);
    landing.form.setAttribute('redirect', '/thanks.html?from=lead');
    fill(landing.doc, { name: 'Keti', email: 'keti2@example.ge', consent: true });
    success = delivered(landing.form);
    const navigated = loaded(landing.iframe);
    landing.doc.querySelector('button')!.click();
    await success;
    await navigated;
    expect(landing.iframe.contentWindow!.location.pathname + landing.iframe.contentWindow!.location.search).to.equal('/thanks.html?from=lead');
  });
});
