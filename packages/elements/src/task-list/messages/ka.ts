import { plural } from '../../translations/plural.js';
import type { TaskListMessages } from './en.js';

export const ka: TaskListMessages = {
  title: 'ჩემი დავალებები',
  contactTitle: 'ღია დავალებები',
  loading: 'დავალებები იტვირთება…',
  noCrm: 'CRM არ არის დაკავშირებული.',
  empty: 'დავალებები არ არის.',
  retry: 'ხელახლა ცდა',
  groups: { overdue: 'ვადაგადაცილებული', today: 'დღეს', upcoming: 'მომავალი', none: 'ვადის გარეშე' },
  count: (n: number) => plural('ka', n, { one: '# დავალება', other: '# დავალება' }),
  complete: 'შესრულება',
  completeTask: (title: string) => `„${title}“ შესრულება`,
  outcome: 'შედეგი',
  nextTitle: 'შემდეგი ნაბიჯი',
  nextHint: 'დატოვეთ ცარიელი, თუ არაფერს გეგმავთ',
  nextDue: 'ვადა',
  nextKind: 'ტიპი',
  kinds: { call: 'ზარი', email: 'ელფოსტა', meeting: 'შეხვედრა', todo: 'საქმე' },
  save: 'დავალების დასრულება',
  cancel: 'გაუქმება',
  done: (title: string) => `„${title}“ შესრულდა.`,
  doneNext: (title: string, next: string) => `„${title}“ შესრულდა; დაიგეგმა „${next}“.`,
  about: 'შესახებ',
};
