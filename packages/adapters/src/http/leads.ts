import { type Crm, LeadSubmission, NotFoundError, type LeadRouting, StorageError, ValidationError, parse } from '@kith/core';
import * as z from 'zod/mini';

/** One lead form the server accepts, by the `form` id the element is given. */
export interface LeadFormConfig {
  /** What the CRM does with each lead of this form: a deal, an owner, a first-response task, tags. */
  routing?: LeadRouting;
  /** Submits sooner than this after the form was shown are refused as bots (default 3000 ms; 0 turns it off). */
  minFillMs?: number;
  /**
   * Checks the captcha token the form sent (Turnstile, hCaptcha, reCAPTCHA:
   * call the provider's verify endpoint here). Return false to refuse the lead.
   * Without it, tokens are ignored.
   */
  verifyCaptcha?(token: string | undefined, request: Request): boolean | Promise<boolean>;
  /** The sites whose pages may post this form (`https://shop.example`); default any site. */
  origins?: readonly string[];
}

/** A limit of `max` leads per `windowMs`. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/** The public lead route, `POST {base}/v1/_leads/{form}`: which forms exist and how hard they are to abuse. */
export interface LeadRouteOptions {
  forms: Readonly<Record<string, LeadFormConfig>>;
  /** Leads per form (default 60 a minute; spam refused before it does not count) and attempts per client and form (default 10 in ten minutes). */
  rateLimit?: { perForm?: RateLimit; perClient?: RateLimit };
  /**
   * Who the client is, for its rate limit. The default is the socket's
   * address when the handler runs under `toNodeListener`; behind a proxy,
   * read the proxy's header here (only a header your proxy sets is safe).
   */
  clientId?(request: Request): string | undefined;
}

export const LEADS_PATH = '/_leads/';

/** The body the form posts: the submission plus what only the spam checks read. */
const LeadPost = z.strictObject({
  submission: z.unknown(),
  /** The honeypot field's value: people leave it empty, bots fill it. */
  trap: z.optional(z.string().check(z.maxLength(1000))),
  /** How long the form was shown before submit, by the page's clock. */
  fillMs: z.optional(z.number().check(z.minimum(0))),
  captcha: z.optional(z.string().check(z.maxLength(4096))),
});

/** Fixed-window counters that forget old windows, so memory stays bounded by the clients of one window. */
class Windows {
  readonly #counts = new Map<string, { start: number; n: number }>();
  constructor(private readonly limit: RateLimit) {}

  /** Counts one hit; returns the seconds to wait when the limit is reached, else 0. */
  hit(key: string, now: number): number {
    const w = this.#counts.get(key);
    if (!w || now - w.start >= this.limit.windowMs) {
      if (this.#counts.size > 10_000) for (const [k, v] of this.#counts) if (now - v.start >= this.limit.windowMs) this.#counts.delete(k);
      this.#counts.set(key, { start: now, n: 1 });
      return 0;
    }
    if (w.n >= this.limit.max) return Math.max(1, Math.ceil((w.start + this.limit.windowMs - now) / 1000));
    w.n++;
    return 0;
  }
}

/** A rate limit was reached; the route answers 429 with `Retry-After`. */
export class RateLimitedError extends StorageError {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many leads; try again later', { code: 'rate-limited' });
  }
}

const spam = (path: string, message: string) => new ValidationError([{ path: [path], code: 'spam', message }], 'lead');

/** What the route answers: no contact ids, so a public form cannot probe who is already in the CRM. */
export interface LeadAccepted {
  key: string;
  replayed: boolean;
}

/**
 * The lead route's logic, apart from HTTP: the spam checks, the rate limits,
 * then `crm.leads.capture`. Throws typed errors the handler turns into JSON.
 */
export function leadIntake(options: LeadRouteOptions, crm: Crm, clientOf: (request: Request) => string | undefined) {
  const perForm = new Windows(options.rateLimit?.perForm ?? { max: 60, windowMs: 60_000 });
  const perClient = new Windows(options.rateLimit?.perClient ?? { max: 10, windowMs: 600_000 });
  const config = (formId: string) => (Object.hasOwn(options.forms, formId) ? options.forms[formId] : undefined);

  return {
    config,
    async accept(formId: string, body: unknown, request: Request, now = Date.now()): Promise<LeadAccepted> {
      const form = config(formId);
      if (!form) throw new NotFoundError('lead forms', formId);
      const client = options.clientId?.(request) ?? clientOf(request) ?? 'unknown';
      // Every attempt counts against its client; only leads that pass the spam checks count against the form, so bots cannot use up a form's quota.
      const clientWait = perClient.hit(`${formId}\n${client}`, now);
      if (clientWait) throw new RateLimitedError(clientWait);

      const post = parse(LeadPost, body, 'lead');
      if (post.trap) throw spam('trap', 'Rejected as spam');
      const minFill = form.minFillMs ?? 3000;
      if (minFill > 0 && (post.fillMs === undefined || post.fillMs < minFill)) throw spam('fillMs', 'Sent too quickly after the form was shown');
      if (form.verifyCaptcha && !(await form.verifyCaptcha(post.captcha, request))) {
        throw new StorageError('The captcha was not solved', { code: 'forbidden' });
      }
      const submission = parse(LeadSubmission, post.submission, 'lead');
      if (submission.formId !== formId) {
        throw new ValidationError([{ path: ['submission', 'formId'], code: 'invalid_value', message: `The submission is for form "${submission.formId}", posted to "${formId}"` }], 'lead');
      }
      const formWait = perForm.hit(formId, now);
      if (formWait) throw new RateLimitedError(formWait);
      const result = await crm.leads.capture(submission, form.routing);
      return { key: submission.key, replayed: result.replayed };
    },
  };
}
