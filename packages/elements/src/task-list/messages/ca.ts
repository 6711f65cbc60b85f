import { plural } from '../../translations/plural.js';
import type { TaskListMessages } from './en.js';

export const ca: TaskListMessages = {
  title: 'Les meves tasques',
  contactTitle: 'Tasques obertes',
  loading: 'Carregant les tasques…',
  noCrm: 'Cap CRM connectat.',
  empty: 'Res per fer. Ben fet.',
  retry: 'Torna-ho a provar',
  groups: { overdue: 'Endarrerides', today: 'Avui', upcoming: 'Properes', none: 'Sense data' },
  count: (n: number) => plural('ca', n, { one: '# tasca', other: '# tasques' }),
  complete: 'Completa',
  completeTask: (title: string) => `Completa «${title}»`,
  outcome: 'Resultat',
  nextTitle: 'Pas següent',
  nextHint: 'Deixa-ho buit per no planificar res',
  nextDue: 'Venciment',
  nextKind: 'Tipus',
  kinds: { call: 'Trucada', email: 'Correu', meeting: 'Reunió', todo: 'Tasca' },
  save: 'Completa la tasca',
  cancel: 'Cancel·la',
  done: (title: string) => `«${title}» completada.`,
  doneNext: (title: string, next: string) => `«${title}» completada; s'ha planificat «${next}».`,
  about: 'Sobre',
};
