/**
 * The lead form's own words, apart from the shared translation tables so
 * that the standalone file carries ten short messages per language instead
 * of every element's. Hosts replace any of them (or add a language) through
 * the element's `messages` property.
 */
export interface LeadFormMessages {
  /** A required field is empty (or a required box unticked). */
  required: string;
  email: string;
  phone: string;
  /** Any other broken constraint: pattern, length, range. */
  invalid: string;
  /** Announced when a submit finds invalid fields. */
  fix: string;
  sending: string;
  sent: string;
  /** Offline or the server is down: the lead waits in the browser's outbox. */
  queued: string;
  /** Refused by the server, or not stored because storage is off. */
  failed: string;
  /** The browser's own submit limit, or the server's rate limit. */
  limit: string;
}

const en: LeadFormMessages = {
  required: 'Please fill in this field.',
  email: 'Please enter a valid email address.',
  phone: 'Please enter a valid phone number.',
  invalid: 'Please check this value.',
  fix: 'Please correct the marked fields.',
  sending: 'Sending…',
  sent: 'Thank you! We have received your request.',
  queued: 'You are offline. Your request is saved and will be sent automatically.',
  failed: 'Sending failed. Please try again.',
  limit: 'Too many attempts. Please try again later.',
};

export const LEAD_FORM_MESSAGES: Record<string, LeadFormMessages> = {
  en,
  ru: {
    required: 'Заполните это поле.',
    email: 'Введите корректный адрес электронной почты.',
    phone: 'Введите корректный номер телефона.',
    invalid: 'Проверьте это значение.',
    fix: 'Исправьте отмеченные поля.',
    sending: 'Отправка…',
    sent: 'Спасибо! Мы получили вашу заявку.',
    queued: 'Нет соединения. Заявка сохранена и будет отправлена автоматически.',
    failed: 'Не удалось отправить. Попробуйте ещё раз.',
    limit: 'Слишком много попыток. Попробуйте позже.',
  },
  ka: {
    required: 'შეავსეთ ეს ველი.',
    email: 'შეიყვანეთ სწორი ელფოსტის მისამართი.',
    phone: 'შეიყვანეთ სწორი ტელეფონის ნომერი.',
    invalid: 'შეამოწმეთ ეს მნიშვნელობა.',
    fix: 'გაასწორეთ მონიშნული ველები.',
    sending: 'იგზავნება…',
    sent: 'გმადლობთ! თქვენი მოთხოვნა მივიღეთ.',
    queued: 'კავშირი არ არის. მოთხოვნა შენახულია და ავტომატურად გაიგზავნება.',
    failed: 'გაგზავნა ვერ მოხერხდა. სცადეთ ხელახლა.',
    limit: 'ძალიან ბევრი მცდელობა. სცადეთ მოგვიანებით.',
  },
  ca: {
    required: 'Empleneu aquest camp.',
    email: 'Introduïu una adreça electrònica vàlida.',
    phone: 'Introduïu un número de telèfon vàlid.',
    invalid: 'Reviseu aquest valor.',
    fix: 'Corregiu els camps marcats.',
    sending: 'S’està enviant…',
    sent: 'Gràcies! Hem rebut la vostra sol·licitud.',
    queued: 'No hi ha connexió. La sol·licitud s’ha desat i s’enviarà automàticament.',
    failed: 'No s’ha pogut enviar. Torneu-ho a provar.',
    limit: 'Massa intents. Torneu-ho a provar més tard.',
  },
  sw: {
    required: 'Tafadhali jaza sehemu hii.',
    email: 'Tafadhali weka anwani sahihi ya barua pepe.',
    phone: 'Tafadhali weka namba sahihi ya simu.',
    invalid: 'Tafadhali kagua thamani hii.',
    fix: 'Tafadhali sahihisha sehemu zilizowekwa alama.',
    sending: 'Inatuma…',
    sent: 'Asante! Tumepokea ombi lako.',
    queued: 'Huna mtandao. Ombi lako limehifadhiwa na litatumwa lenyewe.',
    failed: 'Imeshindwa kutuma. Tafadhali jaribu tena.',
    limit: 'Majaribio mengi mno. Tafadhali jaribu tena baadaye.',
  },
};

/** The messages for a BCP 47 tag (`pt-BR`, then `pt`, then English), with the host's overrides on top. */
export function messagesFor(lang: string, overrides?: Record<string, Partial<LeadFormMessages>>): LeadFormMessages {
  const tag = lang.toLowerCase();
  const base = tag.split('-')[0]!;
  return { ...en, ...LEAD_FORM_MESSAGES[base], ...LEAD_FORM_MESSAGES[tag], ...overrides?.[base], ...overrides?.[tag] };
}
