import { plural } from './plural.js';
import type { Translation } from './en.js';

export const ru: Translation = {
  $code: 'ru',
  $name: 'Русский',
  $dir: 'ltr',
  lifecycle: { lead: 'Лид', prospect: 'Потенциальный', customer: 'Клиент', loyal: 'Постоянный', lost: 'Потерян' },
  lifecycleLabel: 'Этап жизненного цикла',
  errors: {
    validation: 'Проверьте отмеченные поля.',
    conflict: 'Кто-то уже изменил эту запись. Обновите, чтобы увидеть его версию.',
    'not-found': 'Этой записи больше нет.',
    storage: 'Не удалось сохранить. Проверьте соединение и попробуйте ещё раз.',
    closed: 'Соединение с CRM закрыто.',
    aborted: 'Отменено.',
  },
  noCrm: 'CRM не подключена.',
  overdueBy: (n) => plural('ru', n, { one: 'просрочено на # день', few: 'просрочено на # дня', many: 'просрочено на # дней', other: 'просрочено на # дня' }),
  dueIn: (n) => plural('ru', n, { one: 'через # день', few: 'через # дня', many: 'через # дней', other: 'через # дня' }),
  dueToday: 'сегодня',
};
