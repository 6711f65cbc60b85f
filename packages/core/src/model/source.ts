import { z } from '../zod.js';
import { CHANNELS } from './vocabulary.js';
import { Instant } from './common.js';


const short = z.optional(z.string().check(z.maxLength(500)));

/** One touch: the UTM parameters, referrer and landing page seen at a moment. */
export const Touch = z.object({
  at: Instant,
  utmSource: short,
  utmMedium: short,
  utmCampaign: short,
  utmTerm: short,
  utmContent: short,
  referrer: z.optional(z.string().check(z.maxLength(2000))),
  landingPage: z.optional(z.string().check(z.maxLength(2000))),
});
export type Touch = z.infer<typeof Touch>;

/** Where a contact came from: its channel and first- and last-touch attribution. */
export const Source = z.object({
  channel: z.optional(z.enum(CHANNELS)),
  firstTouch: z.optional(Touch),
  lastTouch: z.optional(Touch),
});
export type Source = z.infer<typeof Source>;
