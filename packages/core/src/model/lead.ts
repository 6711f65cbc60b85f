import { z } from '../zod.js';
import { Id, Instant, Label, NonNegativeMoney, Tag } from './common.js';
import { Touch } from './source.js';

/**
 * An idempotency key: made once by the form for one submission and sent
 * again on every retry, so the CRM stores one lead per key however often it
 * arrives. A UUID fits; anything of 16-90 letters, digits, `-` and `_` does.
 */
export const IdempotencyKey = z.string().check(z.regex(/^[A-Za-z0-9_-]{16,90}$/, 'An idempotency key is 16-90 letters, digits, - or _'));

/** The consent a form collected: the purpose and the version of the wording the person agreed to. */
export const LeadConsent = z.strictObject({
  purpose: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  wordingVersion: z.string().check(z.minLength(1), z.maxLength(100)),
  text: z.optional(z.string().check(z.maxLength(5000))),
});

/** A value of a form field as it is stored on the submission activity. */
export const LeadFieldValue = z.union([z.string().check(z.maxLength(5000)), z.number(), z.boolean(), z.array(z.string().check(z.maxLength(500))).check(z.maxLength(50))]);

const hasContactWay = (l: { email?: string | undefined; phone?: string | undefined; firstName?: string | undefined; lastName?: string | undefined }) =>
  Boolean(l.email || l.phone || l.firstName || l.lastName);

/** One form submission, as `<kith-lead-form>` sends it and `leads.capture` takes it. */
export const LeadSubmission = z
  .strictObject({
    key: IdempotencyKey,
    formId: z.string().check(z.regex(/^[A-Za-z0-9][\w.-]{0,99}$/, 'A form id is a word of up to 100 letters, digits, ., - or _')),
    firstName: z.optional(Label),
    lastName: z.optional(Label),
    email: z.optional(z.pipe(z.string().check(z.trim()), z.email())),
    phone: z.optional(z.string().check(z.trim(), z.minLength(3), z.maxLength(40), z.regex(/\d{3}/, 'A phone number needs digits'))),
    company: z.optional(Label),
    message: z.optional(z.string().check(z.maxLength(5000))),
    /** Every other field the form has, by name (`custom.<key>` fields also fill the contact's custom values). */
    fields: z.optional(z.record(z.string().check(z.maxLength(100)), LeadFieldValue).check(z.refine((r) => Object.keys(r).length <= 100, 'At most 100 fields'))),
    consent: z.optional(LeadConsent),
    firstTouch: z.optional(Touch),
    lastTouch: z.optional(Touch),
    /** When the visitor pressed submit (the form's clock); the CRM's clock is used when absent. */
    submittedAt: z.optional(Instant),
  })
  .check(z.refine(hasContactWay, { message: 'A lead needs an email, a phone or a name', path: ['email'] }));
export type LeadSubmission = z.input<typeof LeadSubmission>;

/** What the CRM does with a lead besides filing it: the form's settings, kept on the server or in the app. */
export const LeadRouting = z.strictObject({
  /** Open a deal for a new lead in this pipeline (the default one when `true`). */
  deal: z.optional(
    z.union([
      z.literal(true),
      z.strictObject({ pipelineId: z.optional(Id), stageId: z.optional(Id), title: z.optional(Label), value: z.optional(NonNegativeMoney) }),
    ]),
  ),
  /** Assign new contacts (and their deal and task) to active members in turn, or always to one member. */
  assign: z.optional(z.union([z.literal('round-robin'), z.strictObject({ memberId: Id })])),
  /** Create a "first response" call task due this many minutes after the submission. */
  firstResponseMinutes: z.optional(z.int().check(z.minimum(1), z.maximum(60 * 24 * 30))),
  /** Tags every contact from this form gets. */
  tags: z.optional(z.array(Tag).check(z.maxLength(20))),
});
export type LeadRouting = z.input<typeof LeadRouting>;
