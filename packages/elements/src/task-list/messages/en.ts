import { plural } from '../../translations/plural.js';

/** The task list's words in English; its shape is the type every other language matches. */
export const en = {
  title: 'My tasks',
  contactTitle: 'Open tasks',
  loading: 'Loading tasks…',
  noCrm: 'No CRM connected.',
  empty: 'Nothing to do. Well done.',
  retry: 'Try again',
  groups: { overdue: 'Overdue', today: 'Today', upcoming: 'Upcoming', none: 'No date' },
  count: (n: number) => plural('en', n, { one: '# task', other: '# tasks' }),
  complete: 'Complete',
  completeTask: (title: string) => `Complete “${title}”`,
  outcome: 'Outcome',
  nextTitle: 'Next step',
  nextHint: 'Leave empty to schedule nothing',
  nextDue: 'Due',
  nextKind: 'Kind',
  kinds: { call: 'Call', email: 'Email', meeting: 'Meeting', todo: 'To-do' },
  save: 'Complete task',
  cancel: 'Cancel',
  done: (title: string) => `Completed “${title}”.`,
  doneNext: (title: string, next: string) => `Completed “${title}”; scheduled “${next}”.`,
  about: 'About',
};
export type TaskListMessages = typeof en;
