import type { Touch } from '@kith/core';
import { readLocal, writeLocal } from './local-store.js';

const FIRST = 'kith:first-touch';
const LAST = 'kith:last-touch';
const UTM = ['source', 'medium', 'campaign', 'term', 'content'] as const;
const cap = (s: string, n: number) => s.slice(0, n);

/** This page view as a touch: its UTM parameters, an outside referrer, the landing page and the time. */
export function currentTouch(at = new Date()): Touch {
  const touch: Touch = { at: at.toISOString(), landingPage: cap(location.origin + location.pathname, 2000) };
  const params = new URLSearchParams(location.search);
  for (const k of UTM) {
    const v = params.get(`utm_${k}`);
    if (v) touch[`utm${k[0]!.toUpperCase()}${k.slice(1)}` as 'utmSource'] = cap(v, 500);
  }
  const ref = document.referrer;
  if (ref && !ref.startsWith(location.origin + '/')) touch.referrer = cap(ref, 2000);
  return touch;
}

/** A campaign link or another site sent the visitor: a new last touch. A page reached from our own site is not. */
const isNewTouch = (t: Touch) => Boolean(t.referrer || t.utmSource || t.utmMedium || t.utmCampaign);

const KEYS = ['at', 'referrer', 'landingPage', ...UTM.map((k) => `utm${k[0]!.toUpperCase()}${k.slice(1)}`)];

/** A stored touch, keeping only its known string fields: a value another script wrote must not get the lead refused. */
function read(key: string): Touch | undefined {
  const raw = readLocal(key) as Record<string, unknown> | undefined;
  if (!raw || typeof raw !== 'object' || typeof raw.at !== 'string' || Number.isNaN(Date.parse(raw.at))) return undefined;
  const touch = Object.fromEntries(KEYS.filter((k) => typeof raw[k] === 'string').map((k) => [k, cap(raw[k] as string, k.startsWith('utm') ? 500 : 2000)])) as Touch;
  touch.at = new Date(raw.at).toISOString();
  return touch;
}

/**
 * First- and last-touch attribution across page views. `remember` stores the
 * touches in localStorage; the form calls it only when it may store things
 * (no `consent-required`, or consent given). Until then `touches` returns
 * nothing, so nothing is sent for attribution either.
 */
export class Attribution {
  readonly #now: Touch = currentTouch();
  #remembered = false;

  /** Stores this page view's touch: the first touch once ever, the last touch when this view is a new one. */
  remember(): void {
    if (this.#remembered) return;
    this.#remembered = true;
    if (!read(FIRST)) writeLocal(FIRST, this.#now);
    if (isNewTouch(this.#now) || !read(LAST)) writeLocal(LAST, this.#now);
  }

  /** Consent withdrawn: the stored touches go, and none is sent until `remember` again. */
  forget(): void {
    this.#remembered = false;
    writeLocal(FIRST, undefined);
    writeLocal(LAST, undefined);
  }

  /** The touches to send with a lead, once remembered. */
  touches(): { firstTouch?: Touch; lastTouch?: Touch } {
    if (!this.#remembered) return {};
    const firstTouch = read(FIRST) ?? this.#now;
    const lastTouch = read(LAST) ?? this.#now;
    return { firstTouch, lastTouch };
  }
}
