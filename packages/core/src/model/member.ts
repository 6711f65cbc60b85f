import { z } from '../zod.js';
import { MEMBER_ROLES } from './vocabulary.js';
import { Label, recordMeta } from './common.js';


const memberFields = {
  name: Label,
  email: z.email(),
  role: z.enum(MEMBER_ROLES),
  team: z.optional(Label),
  active: z.optional(z.boolean()),
};

/** Input of `members.create`. */
export const MemberInput = z.strictObject(memberFields);
export type MemberInput = z.input<typeof MemberInput>;

/** Input of `members.update`. */
export const MemberPatch = z.partial(z.strictObject(memberFields));

/** An employee who uses the CRM. */
export const Member = z.strictObject({ ...recordMeta, ...memberFields, active: z.boolean() });
export type Member = z.infer<typeof Member>;
