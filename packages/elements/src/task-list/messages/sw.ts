import { plural } from '../../translations/plural.js';
import type { TaskListMessages } from './en.js';

export const sw: TaskListMessages = {
  title: 'Kazi zangu',
  contactTitle: 'Kazi zilizo wazi',
  loading: 'Inapakia kazi…',
  noCrm: 'Hakuna CRM iliyounganishwa.',
  empty: 'Hakuna cha kufanya. Hongera.',
  retry: 'Jaribu tena',
  groups: { overdue: 'Zilizochelewa', today: 'Leo', upcoming: 'Zijazo', none: 'Bila tarehe' },
  count: (n: number) => plural('sw', n, { one: 'kazi #', other: 'kazi #' }),
  complete: 'Kamilisha',
  completeTask: (title: string) => `Kamilisha “${title}”`,
  outcome: 'Matokeo',
  nextTitle: 'Hatua inayofuata',
  nextHint: 'Acha tupu usipange chochote',
  nextDue: 'Tarehe',
  nextKind: 'Aina',
  kinds: { call: 'Simu', email: 'Barua pepe', meeting: 'Mkutano', todo: 'Kazi' },
  save: 'Kamilisha kazi',
  cancel: 'Ghairi',
  done: (title: string) => `“${title}” imekamilika.`,
  doneNext: (title: string, next: string) => `“${title}” imekamilika; “${next}” imepangwa.`,
  about: 'Kuhusu',
};
