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

/** The channel an ad platform's `utm_medium` names (lower-cased); other media say nothing. */
const MEDIUM_CHANNELS: Readonly<Record<string, (typeof CHANNELS)[number]>> = {
  cpc: 'paid',
  ppc: 'paid',
  paid: 'paid',
  'paid-social': 'paid',
  paidsocial: 'paid',
  display: 'paid',
  banner: 'paid',
  social: 'social',
  'social-media': 'social',
  email: 'email',
  newsletter: 'email',
  referral: 'referral',
  affiliate: 'referral',
  organic: 'organic',
};

/**
 * The channel a visit came through, read from its UTM medium: a lead from a
 * `utm_medium=cpc` link is a paid lead, so "which ad channel brought which
 * clients" can be answered. Undefined when the touch does not say.
 */
export function channelOfTouch(touch: Pick<Touch, 'utmMedium'> | undefined): (typeof CHANNELS)[number] | undefined {
  const medium = touch?.utmMedium?.trim().toLowerCase();
  return medium ? MEDIUM_CHANNELS[medium] : undefined;
}
