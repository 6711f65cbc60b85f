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
    quota: "This browser has no room left to store more. Free some space and try again.",
    blocked: "Kith is open in another tab with an older version. Close or reload the other tabs.",
    version: "A newer version of this app is open elsewhere. Reload this page.",
    timeout: "The server took too long to answer. Try again.",
    network: "Could not reach the server. Check your connection and try again.",
    unauthorized: "Please sign in again.",
    forbidden: "You are not allowed to do this.",
    "rate-limited": "Too many requests. Wait a moment and try again.",
    "too-large": "This is too large to send.",
  } satisfies Record<ErrorCode, string>,
  noCrm: 'No CRM connected.',
  overdueBy: (n: number) => plural('en', n, { one: 'overdue by # day', other: 'overdue by # days' }),
  dueIn: (n: number) => plural('en', n, { one: 'due in # day', other: 'due in # days' }),
  dueToday: 'due today',
};

/** A complete message table: every language implements every key. */
export type Translation = typeof en;
