import { createCrm, type Crm, type StoragePort } from '@kith/core';
import { memoryStorage } from '@kith/adapters/memory';
import { html, render } from 'lit';
import '@kith/elements/contact-card/define.js';
import type { KithContactCard } from '@kith/elements';

/** Monday 23 November 2026, 10:00 UTC. */
export const NOW = Date.parse('2026-11-23T10:00:00Z');

/** A CRM on memory storage whose clock stands at NOW, acting as member `me`. */
export async function cardCrm(storage: StoragePort = memoryStorage()): Promise<{ crm: Crm; storage: StoragePort }> {
  const crm = createCrm({ storage, clock: { now: () => NOW }, options: { defaultCountry: 'US' } });
  return { crm, storage };
}

/** Mounts a card and waits for its data. */
export async function mountCard(crm: Crm | undefined, attrs: { contactId?: string; companyId?: string; variant?: string; lang?: string; dir?: string } = {}, setup?: (el: KithContactCard) => void): Promise<KithContactCard> {
  const host = document.createElement('div');
  host.lang = attrs.lang ?? 'en-US';
  if (attrs.dir) host.dir = attrs.dir;
  host.style.width = '640px';
  document.body.append(host);
  render(html`<kith-contact-card time-zone="UTC" variant=${attrs.variant ?? 'full'} .crm=${crm} .contactId=${attrs.contactId} .companyId=${attrs.companyId}></kith-contact-card>`, host);
  const el = host.firstElementChild as KithContactCard;
  setup?.(el);
  await el.whenLoaded();
  return el;
}

export function unmountCards(): void {
  for (const el of document.querySelectorAll('kith-contact-card')) el.parentElement?.remove();
}

export const $ = <T extends Element = HTMLElement>(el: KithContactCard, selector: string) => el.shadowRoot!.querySelector(selector) as T | null;
export const $$ = (el: KithContactCard, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
/** An element's text, whitespace collapsed, with list items apart as a reader hears them. */
export function text(node: Element | null): string {
  if (!node) return '';
  const copy = node.cloneNode(true) as Element;
  for (const li of copy.querySelectorAll('li')) li.append(' ');
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The summary's terms and definitions as pairs. */
export function summary(el: KithContactCard): Record<string, string> {
  const out: Record<string, string> = {};
  for (const dt of $$(el, '[part~="summary"] dt')) out[text(dt)] = text(dt.nextElementSibling);
  return out;
}

/** Fills an input of the open panel by name. */
export function fill(el: KithContactCard, name: string, value: string): void {
  const input = $<HTMLInputElement>(el, `[part~="panel"] [name="${name}"]`);
  if (!input) throw new Error(`no input named ${name}`);
  input.value = value;
}
