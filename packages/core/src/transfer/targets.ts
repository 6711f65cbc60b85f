import type { FieldDefinition } from '../model/custom-field.js';

/** The kinds of record an import creates. */
export const IMPORT_ENTITIES = ['contact', 'company', 'deal'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

/** How a column's cells are read. */
export type CellKind = 'text' | 'emails' | 'phones' | 'date' | 'number' | 'money' | 'list' | 'boolean' | 'ref';

/**
 * Where a column's values go. Built-in targets are field names; custom fields
 * are `custom.<key>`. Several columns may share a list target (`Phone 1` and
 * `Phone 2` both go to `phone`).
 */
export type ImportTarget = string;

interface TargetSpec {
  kind: CellKind;
  /** Header words that suggest this target, normalised (see normaliseHeader), in English, Russian, Georgian, Catalan and Swahili. */
  words: readonly string[];
  /** Several columns may feed this target. */
  many?: boolean;
}

const common = {
  id: { kind: 'ref', words: ['id', 'kith id', 'record id'] },
  tags: { kind: 'list', words: ['tags', 'tag', 'labels', 'label', 'теги', 'тег', 'метки', 'ტეგები', 'etiquetes', 'etiqueta', 'lebo', 'vitambulisho'] },
  owner: { kind: 'ref', words: ['owner', 'owner email', 'assigned to', 'responsible', 'sales rep', 'manager', 'ответственный', 'владелец', 'менеджер', 'პასუხისმგებელი', 'მენეჯერი', 'responsable', 'propietari', 'mmiliki', 'msimamizi'] },
} satisfies Record<string, TargetSpec>;

/** The built-in targets of each entity, in the order a mapping screen lists them. */
export const BUILT_IN_TARGETS: Record<ImportEntity, Record<string, TargetSpec>> = {
  contact: {
    id: common.id,
    firstName: { kind: 'text', words: ['first name', 'firstname', 'given name', 'forename', 'имя', 'სახელი', 'nom', 'jina la kwanza', 'jina'] },
    lastName: { kind: 'text', words: ['last name', 'lastname', 'surname', 'family name', 'фамилия', 'გვარი', 'cognom', 'cognoms', 'jina la ukoo', 'jina la mwisho'] },
    fullName: { kind: 'text', words: ['name', 'full name', 'contact', 'contact name', 'фио', 'имя и фамилия', 'полное имя', 'контакт', 'სრული სახელი', 'სახელი და გვარი', 'nom complet', 'jina kamili'] },
    email: { kind: 'emails', many: true, words: ['email', 'e mail', 'mail', 'email address', 'e mail address', 'электронная почта', 'эл почта', 'почта', 'емейл', 'имейл', 'ელფოსტა', 'ელ ფოსტა', 'correu electronic', 'correu', 'adreca electronica', 'barua pepe', 'barua'] },
    phone: { kind: 'phones', many: true, words: ['phone', 'telephone', 'tel', 'phone number', 'mobile', 'mobile phone', 'cell', 'cell phone', 'work phone', 'home phone', 'телефон', 'тел', 'мобильный', 'мобильный телефон', 'номер телефона', 'ტელეფონი', 'მობილური', 'telefon', 'mobil', 'numero de telefon', 'simu', 'nambari ya simu', 'rununu'] },
    jobTitle: { kind: 'text', words: ['job title', 'title', 'position', 'role', 'job', 'должность', 'позиция', 'თანამდებობა', 'carrec', 'cheo', 'wadhifa'] },
    birthday: { kind: 'date', words: ['birthday', 'birth date', 'date of birth', 'dob', 'день рождения', 'дата рождения', 'დაბადების დღე', 'დაბადების თარიღი', 'aniversari', 'data de naixement', 'siku ya kuzaliwa', 'tarehe ya kuzaliwa'] },
    lifecycle: { kind: 'text', words: ['lifecycle', 'lifecycle stage', 'status', 'customer status', 'статус', 'стадия клиента', 'სტატუსი', 'estat', 'hali'] },
    tags: common.tags,
    owner: common.owner,
    company: { kind: 'ref', words: ['company', 'company name', 'organisation', 'organization', 'account', 'employer', 'компания', 'организация', 'фирма', 'კომპანია', 'ორგანიზაცია', 'empresa', 'organitzacio', 'kampuni', 'shirika'] },
    companyDomain: { kind: 'text', words: ['website', 'company domain', 'web site', 'web', 'domain', 'url', 'site', 'company website', 'сайт', 'веб сайт', 'домен', 'ვებგვერდი', 'საიტი', 'lloc web', 'web', 'tovuti'] },
  },
  company: {
    id: common.id,
    name: { kind: 'text', words: ['name', 'company', 'company name', 'organisation', 'organization', 'account', 'название', 'компания', 'организация', 'კომპანია', 'სახელი', 'nom', 'empresa', 'jina', 'kampuni'] },
    domain: { kind: 'text', words: ['domain', 'website', 'web site', 'web', 'url', 'site', 'сайт', 'домен', 'ვებგვერდი', 'საიტი', 'lloc web', 'tovuti'] },
    kinds: { kind: 'list', words: ['kind', 'kinds', 'type', 'relationship', 'тип', 'ტიპი', 'tipus', 'aina'] },
    tags: common.tags,
    owner: common.owner,
  },
  deal: {
    id: common.id,
    title: { kind: 'text', words: ['title', 'deal', 'deal name', 'name', 'opportunity', 'сделка', 'название', 'название сделки', 'გარიგება', 'სახელი', 'oportunitat', 'nom', 'mpango', 'jina'] },
    value: { kind: 'money', words: ['value', 'amount', 'deal value', 'sum', 'price', 'budget', 'сумма', 'бюджет', 'стоимость', 'თანხა', 'ღირებულება', 'import', 'valor', 'kiasi', 'thamani'] },
    currency: { kind: 'text', words: ['currency', 'валюта', 'ვალუტა', 'moneda', 'divisa', 'sarafu'] },
    pipeline: { kind: 'ref', words: ['pipeline', 'funnel', 'sales pipeline', 'воронка', 'ვორონკა', 'pipeline de vendes', 'embut', 'mfumo'] },
    stage: { kind: 'ref', words: ['stage', 'deal stage', 'status', 'этап', 'стадия', 'статус', 'ეტაპი', 'etapa', 'fase', 'hatua'] },
    lostReason: { kind: 'text', words: ['lost reason', 'reason lost', 'loss reason', 'причина отказа', 'причина проигрыша', 'წაგების მიზეზი', 'motiu de perdua', 'sababu ya kupoteza'] },
    expectedCloseDate: { kind: 'date', words: ['close date', 'expected close', 'expected close date', 'closing date', 'дата закрытия', 'დახურვის თარიღი', 'data de tancament', 'tarehe ya kufunga'] },
    probability: { kind: 'number', words: ['probability', 'вероятность', 'ალბათობა', 'probabilitat', 'uwezekano'] },
    contactEmail: { kind: 'emails', words: ['contact email', 'contact', 'email', 'client email', 'контакт', 'email контакта', 'почта', 'კონტაქტი', 'ელფოსტა', 'contacte', 'correu', 'mawasiliano', 'barua pepe'] },
    company: { kind: 'ref', words: ['company', 'company name', 'account', 'organisation', 'organization', 'компания', 'организация', 'კომპანია', 'empresa', 'kampuni'] },
    tags: common.tags,
    owner: common.owner,
  },
};

/** The cell kind of a custom field's values. */
export function customKind(def: FieldDefinition): CellKind {
  switch (def.type) {
    case 'number':
      return 'number';
    case 'money':
      return 'money';
    case 'date':
      return 'date';
    case 'boolean':
      return 'boolean';
    case 'multi-select':
      return 'list';
    default:
      return 'text';
  }
}

/**
 * A header as compared with the target words: lower case, accents dropped
 * (`Telèfon` -> `telefon`), punctuation and a trailing number removed
 * (`Phone 2` -> `phone`), spaces collapsed; camelCase split, so an export's
 * own headers (`firstName`) map back.
 */
export function normaliseHeader(header: string): string {
  return header
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\s+\d+$/, '')
    .trim();
}

/** A target with its cell kind: built-in or `custom.<key>`. */
export function targetKind(entity: ImportEntity, target: ImportTarget, defs: readonly FieldDefinition[]): CellKind | undefined {
  if (target.startsWith('custom.')) {
    const def = defs.find((d) => d.key === target.slice(7));
    return def ? customKind(def) : undefined;
  }
  return BUILT_IN_TARGETS[entity][target]?.kind;
}

/** Whether several columns may feed the target. */
export function targetTakesMany(entity: ImportEntity, target: ImportTarget): boolean {
  return Boolean(BUILT_IN_TARGETS[entity][target]?.many);
}

/** Every target of an entity: the built-in ones, then one per custom field. */
export function targetsOf(entity: ImportEntity, defs: readonly FieldDefinition[]): { target: ImportTarget; label: string; kind: CellKind }[] {
  return [
    ...Object.entries(BUILT_IN_TARGETS[entity]).map(([target, spec]) => ({ target, label: target, kind: spec.kind })),
    ...defs.map((d) => ({ target: `custom.${d.key}`, label: d.label, kind: customKind(d) })),
  ];
}

/**
 * A suggested target for each header, or null: an exact word match first
 * (custom fields by label or key, then the built-in words), and a target
 * that takes one column is suggested for the first such header only.
 */
export function suggestMapping(entity: ImportEntity, headers: readonly string[], defs: readonly FieldDefinition[]): (ImportTarget | null)[] {
  const byWord = new Map<string, ImportTarget>();
  for (const [target, spec] of Object.entries(BUILT_IN_TARGETS[entity])) for (const w of spec.words) if (!byWord.has(w)) byWord.set(w, target);
  // Custom fields win over built-in words: a host that defined "Status" means its own field.
  for (const d of defs) {
    byWord.set(normaliseHeader(d.label), `custom.${d.key}`);
    byWord.set(normaliseHeader(d.key), `custom.${d.key}`);
  }
  const taken = new Set<ImportTarget>();
  return headers.map((h) => {
    const raw = h.trim();
    const exact = raw.startsWith('custom.') && defs.some((d) => `custom.${d.key}` === raw) ? raw : undefined;
    const target = exact ?? byWord.get(normaliseHeader(raw));
    if (!target) return null;
    if (taken.has(target) && !targetTakesMany(entity, target)) return null;
    taken.add(target);
    return target;
  });
}
