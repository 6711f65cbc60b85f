import { plural } from '../../translations/plural.js';
import type { TaskListMessages } from './en.js';

export const ru: TaskListMessages = {
  title: 'Мои задачи',
  contactTitle: 'Открытые задачи',
  loading: 'Загрузка задач…',
  noCrm: 'CRM не подключена.',
  empty: 'Задач нет. Отлично.',
  retry: 'Повторить',
  groups: { overdue: 'Просрочено', today: 'Сегодня', upcoming: 'Предстоящие', none: 'Без срока' },
  count: (n: number) => plural('ru', n, { one: '# задача', few: '# задачи', many: '# задач', other: '# задачи' }),
  complete: 'Выполнить',
  completeTask: (title: string) => `Выполнить «${title}»`,
  outcome: 'Результат',
  nextTitle: 'Следующий шаг',
  nextHint: 'Оставьте пустым, чтобы ничего не планировать',
  nextDue: 'Срок',
  nextKind: 'Тип',
  kinds: { call: 'Звонок', email: 'Письмо', meeting: 'Встреча', todo: 'Дело' },
  save: 'Завершить задачу',
  cancel: 'Отмена',
  done: (title: string) => `Задача «${title}» выполнена.`,
  doneNext: (title: string, next: string) => `Задача «${title}» выполнена; запланировано «${next}».`,
  about: 'По',
};
