import type { ErrorCode, LifecycleStage } from '@kith/core';
import { plural } from './plural.js';

/** The English table; its shape is the type every other language must match. */
export const en = {
  $code: 'en',
  $name: 'English',
  $dir: 'ltr' as 'ltr' | 'rtl',
  lifecycle: { lead: 'Lead', prospect: 'Prospect', customer: 'Customer', loyal: 'Loyal', lost: 'Lost' } satisfies Record<LifecycleStage, string>,
  lifecycleLabel: 'Lifecycle stage',
  errors: {
    validation: 'Please check the highlighted fields.',
    conflict: 'Someone else changed this in the meantime. Reload to see their version.',
    'not-found': 'This record does not exist any more.',
    storage: 'Could not save. Check your connection and try again.',
    closed: 'The connection to the CRM was closed.',
    aborted: 'Cancelled.',
  } satisfies Record<ErrorCode, string>,
  noCrm: 'No CRM connected.',
  overdueBy: (n: number) => plural('en', n, { one: 'overdue by # day', other: 'overdue by # days' }),
  dueIn: (n: number) => plural('en', n, { one: 'due in # day', other: 'due in # days' }),
  dueToday: 'due today',
};

/** A complete message table: every language implements every key. */
export type Translation = typeof en;
