/** The language tag in effect for an element: its own or the nearest ancestor's `lang`, then `<html lang>`, then English. */
export function langOf(el: Element): string {
  return (el.closest('[lang]') as HTMLElement | null)?.lang || document.documentElement.lang || 'en';
}
