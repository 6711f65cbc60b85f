import { plural } from '../../translations/plural.js';
import type { KpiBoardMessages } from './en.js';

const deals = (n: number) => plural('ru', n, { one: '# сделка', few: '# сделки', many: '# сделок', other: '# сделки' });

export const ru: KpiBoardMessages = {
  title: 'Как мы продаём',
  range: (from: string, to: string) => `${from} – ${to}`,
  loading: 'Считаем…',
  noCrm: 'CRM не подключена.',
  retry: 'Повторить',
  none: '—',
  tiles: {
    winRate: 'Доля выигранных',
    revenue: 'Выручка',
    averageCheck: 'Средний чек',
    conversion: 'Лиды → продажи, на 100',
    firstResponse: 'Первый ответ (медиана)',
    growth: 'Рост клиентской базы',
    overdue: 'Просроченные задачи',
  },
  wonOf: (won: number, closed: number) => `${won} выиграно из ${closed} закрытых`,
  leadsCount: (n: number) => plural('ru', n, { one: '# лид', few: '# лида', many: '# лидов', other: '# лида' }),
  waiting: (n: number) => `ещё ждут: ${n}`,
  lastMonth: (month: string) => `за ${month}`,
  funnel: 'Воронка продаж',
  pipeline: 'Воронка',
  funnelHelp: 'Стрелки переключают этапы.',
  stageBar: (name: string, reached: number, pct: string | undefined, days: string | undefined) =>
    `${name}: ${deals(reached)}${pct ? `, ${pct} от предыдущего этапа` : ''}${days ? `, медиана ${days} на этапе` : ''}`,
  days: (n: number) => plural('ru', n, { one: '# день', few: '# дня', many: '# дней', other: '# дня' }),
  sources: 'Откуда приходят клиенты',
  sourceBar: (channel: string, leads: number, customers: number, revenue: string) =>
    `${channel}: лидов ${leads}, клиентов ${customers}${revenue ? `, выиграно ${revenue}` : ''}`,
  legendLeads: 'Лиды',
  legendCustomers: 'Стали клиентами',
  channels: { organic: 'Поиск', paid: 'Реклама', social: 'Соцсети', email: 'Email', referral: 'Рекомендации', direct: 'Прямые заходы', form: 'Веб-форма', import: 'Импорт', manual: 'Вручную', event: 'Мероприятие', phone: 'Телефон', other: 'Другое', unknown: 'Неизвестно' },
  workload: 'Загрузка',
  owner: 'Ответственный',
  nobody: 'Никто',
  openDeals: 'Открытые сделки',
  openTasks: 'Открытые задачи',
  overdueTasks: 'Просрочено',
  forecast: 'Взвешенный прогноз',
  month: 'Ожидаемое закрытие',
  noDate: 'Без даты',
  weighted: 'Взвешенно',
  total: 'Всего',
  updated: 'Показатели обновлены.',
};
