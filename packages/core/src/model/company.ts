import { z } from '../zod.js';
import { COMPANY_KINDS } from './vocabulary.js';
import { CustomValues, Id, Label, Tag, recordMeta } from './common.js';


/** A web domain without scheme or path (`example.com`). */
export const Domain = z.string().check(
  z.trim(),
  z.toLowerCase(),
  z.regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'Expected a domain such as example.com'),
);

/** The fields a caller may set on a company. */
export const companyFields = {
  name: Label,
  domain: z.optional(Domain),
  kinds: z.optional(z.array(z.enum(COMPANY_KINDS))),
  ownerId: z.optional(Id),
  tags: z.optional(z.array(Tag)),
  custom: z.optional(CustomValues),
};

/** Input of `companies.create`. */
export const CompanyInput = z.strictObject(companyFields);
export type CompanyInput = z.input<typeof CompanyInput>;

/** Input of `companies.update`. */
export const CompanyPatch = z.partial(z.strictObject(companyFields));
export type CompanyPatch = z.input<typeof CompanyPatch>;

/** An organisation: a client, a supplier or a partner. */
export const Company = z.strictObject({
  ...recordMeta,
  ...companyFields,
  kinds: z.array(z.enum(COMPANY_KINDS)),
  tags: z.array(Tag),
  custom: CustomValues,
});
export type Company = z.infer<typeof Company>;
