/**
 * Display names, apart from the model's schemas so that a view importing
 * them does not pull zod into its bundle.
 */

/** A contact's display name: its names, else its first email or phone. */
export function contactName(c: { firstName?: string | undefined; lastName?: string | undefined; emails: readonly { value: string }[]; phones: readonly { value: string }[] }): string {
  const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
  return name || c.emails[0]?.value || c.phones[0]?.value || '';
}
