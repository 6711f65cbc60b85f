import { type Money, formatMoney } from '@kith/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { langOf } from './page-lang.js';
import { ca } from './translations/ca.js';
import { en, type Translation } from './translations/en.js';
import { ka } from './translations/ka.js';
import { ru } from './translations/ru.js';
import { sw } from './translations/sw.js';

const registry = new Map<string, Translation>([en, ru, ka, ca, sw].map((t) => [t.$code, t]));
const hosts = new Set<ReactiveControllerHost>();
let observer: MutationObserver | undefined;

/** Adds or replaces a language; every connected element re-renders. */
export function registerTranslation(...translations: Translation[]): void {
  for (const t of translations) registry.set(t.$code.toLowerCase(), t);
  refreshLocalized();
}

/** Re-renders every connected element, after a language's messages were added. */
function refreshLocalized(): void {
  for (const host of hosts) host.requestUpdate();
}

/** The best table for a BCP 47 tag: exact (`pt-br`), then its language (`pt`), then English. */
function pick<T>(tables: ReadonlyMap<string, T>, lang: string, fallback: T): T {
  const tag = lang.toLowerCase();
  return tables.get(tag) ?? tables.get(tag.split('-')[0]!) ?? fallback;
}

/**
 * One element's messages in every language, kept apart from the shared
 * tables so that other elements' bundles do not carry them. Chosen by the
 * same rule as the shared tables; `register()` adds or replaces a language.
 */
export class MessageSection<T> {
  readonly #tables: Map<string, T>;
  readonly #en: T;

  constructor(tables: { en: T } & Record<string, T>) {
    this.#tables = new Map(Object.entries(tables).map(([code, t]) => [code.toLowerCase(), t]));
    this.#en = tables.en;
  }

  /** Adds or replaces the messages of a language (`de`, `pt-br`); connected elements re-render. */
  register(code: string, messages: T): void {
    this.#tables.set(code.toLowerCase(), messages);
    refreshLocalized();
  }

  /** The messages for a language tag. */
  for(lang: string): T {
    return pick(this.#tables, lang, this.#en);
  }
}

/** The languages Kith has tables for. */
export function availableLanguages(): string[] {
  return [...registry.keys()];
}

/** The table for a BCP 47 tag: exact (`pt-br`), then its language (`pt`), then English. */
export function translationFor(lang: string): Translation {
  return pick(registry, lang, en);
}

/**
 * Gives an element its language and direction from the nearest `lang`/`dir`
 * (its own, an ancestor's, or `<html>`'s), re-rendering when the page's change,
 * plus Intl formatting in that language.
 */
export class LocalizeController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.#host);
    if (!observer && typeof MutationObserver !== 'undefined') {
      observer = new MutationObserver(() => hosts.forEach((h) => h.requestUpdate()));
      observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang', 'dir'] });
    }
  }

  hostDisconnected(): void {
    hosts.delete(this.#host);
  }

  /** The language tag in effect. */
  lang(): string {
    return langOf(this.#host);
  }

  /** `rtl` or `ltr`, from the nearest `dir` attribute, else the language's own direction. */
  dir(): 'ltr' | 'rtl' {
    const d = ((this.#host.closest('[dir]') as HTMLElement | null)?.dir || document.documentElement.dir).toLowerCase();
    return d === 'rtl' || d === 'ltr' ? d : this.t.$dir;
  }

  /** The message table in effect. */
  get t(): Translation {
    return translationFor(this.lang());
  }

  number(value: number, options?: Intl.NumberFormatOptions): string {
    return new Intl.NumberFormat(this.lang(), options).format(value);
  }

  money(value: Money): string {
    return formatMoney(value, this.lang());
  }

  date(value: string | number | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
    return new Intl.DateTimeFormat(this.lang(), options).format(new Date(value));
  }

  /** "3 days ago", "in 2 hours": the largest unit that fits. */
  relative(from: number, to: number = Date.now()): string {
    const seconds = Math.round((from - to) / 1000);
    const units: [Intl.RelativeTimeFormatUnit, number][] = [['year', 31_536_000], ['month', 2_592_000], ['week', 604_800], ['day', 86_400], ['hour', 3600], ['minute', 60]];
    const rtf = new Intl.RelativeTimeFormat(this.lang(), { numeric: 'auto' });
    for (const [unit, size] of units) if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
    return rtf.format(seconds, 'second');
  }
}
