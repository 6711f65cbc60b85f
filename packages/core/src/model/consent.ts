import { z } from '../zod.js';
import { CONSENT_METHODS } from './vocabulary.js';
import { Instant } from './common.js';


/** One consent event for one purpose (marketing email, analytics ...), with the wording the person saw. */
export const Consent = z.object({
  purpose: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  status: z.enum(['granted', 'withdrawn']),
  at: Instant,
  wordingVersion: z.string().check(z.minLength(1), z.maxLength(100)),
  method: z.enum(CONSENT_METHODS),
  text: z.optional(z.string().check(z.maxLength(5000))),
});
export type Consent = z.infer<typeof Consent>;
