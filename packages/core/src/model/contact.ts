import { z } from '../zod.js';
import { LIFECYCLE_STAGES } from './vocabulary.js';
import { CustomValues, DateOnly, Id, Instant, Label, Tag, recordMeta } from './common.js';
import { Consent } from './consent.js';
import { Source } from './source.js';


/** An email address with an optional label (work, home). */
export const EmailEntry = z.object({
  value: z.email(),
  label: z.optional(z.string().check(z.maxLength(40))),
});

/** A phone number kept as typed; `e164` is filled by the core when the number can be read. */
export const PhoneEntry = z.object({
  value: z.string().check(z.trim(), z.minLength(3), z.maxLength(40), z.regex(/\d{3}/, 'A phone number needs digits')),
  e164: z.optional(z.string().check(z.regex(/^\+\d{4,15}$/))),
  label: z.optional(z.string().check(z.maxLength(40))),
});
export type PhoneEntry = z.infer<typeof PhoneEntry>;

/** The fields a caller may set on a contact. */
export const contactFields = {
  firstName: z.optional(Label),
  lastName: z.optional(Label),
  emails: z.optional(z.array(EmailEntry).check(z.maxLength(20))),
  phones: z.optional(z.array(PhoneEntry).check(z.maxLength(20))),
  companyId: z.optional(Id),
  jobTitle: z.optional(Label),
  birthday: z.optional(DateOnly),
  lifecycle: z.optional(z.enum(LIFECYCLE_STAGES)),
  ownerId: z.optional(Id),
  tags: z.optional(z.array(Tag).check(z.maxLength(100))),
  source: z.optional(Source),
  consents: z.optional(z.array(Consent)),
  custom: z.optional(CustomValues),
};

const hasIdentity = (c: { firstName?: string; lastName?: string; emails?: unknown[]; phones?: unknown[] }) =>
  Boolean(c.firstName || c.lastName || c.emails?.length || c.phones?.length);
const identityMessage = { message: 'A contact needs a name, an email or a phone', path: ['firstName'] };

/** Input of `contacts.create`. */
export const ContactInput = z.strictObject(contactFields).check(z.refine(hasIdentity, identityMessage));
export type ContactInput = z.input<typeof ContactInput>;

/** Input of `contacts.update`: any subset of the fields. */
export const ContactPatch = z.strictObject(contactFields);
export type ContactPatch = z.input<typeof ContactPatch>;

/** A person the business deals with. */
export const Contact = z
  .strictObject({
    ...recordMeta,
    ...contactFields,
    emails: z.array(EmailEntry),
    phones: z.array(PhoneEntry),
    lifecycle: z.enum(LIFECYCLE_STAGES),
    tags: z.array(Tag),
    consents: z.array(Consent),
    custom: CustomValues,
    // Match keys the core derives on every write, so storage can index them:
    // normalised emails and E.164 phones. Never set by callers.
    emailKeys: z.array(z.string()),
    phoneKeys: z.array(z.string()),
    /** When the latest call, email, meeting, message or form with this person happened (INTERACTION_TYPES). */
    lastInteractionAt: z.optional(Instant),
  })
  .check(z.refine(hasIdentity, identityMessage));
export type Contact = z.infer<typeof Contact>;

export { contactName } from '../names.js';
