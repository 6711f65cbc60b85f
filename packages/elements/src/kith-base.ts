/**
 * The two things every Kith element does the same way, as functions so that
 * an element need not extend one base: the lead form extends lit's
 * `ReactiveElement` (no template engine, to fit its size budget), the others
 * extend {@link KithElement}.
 */

/** Registers `tag` for `ctor`; a second registration of the same tag warns instead of throwing. */
export function defineOnce(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== ctor) console.warn(`kith: <${tag}> is already defined by another class; keeping the first`);
    return;
  }
  customElements.define(tag, ctor);
}

/**
 * Fires a `kith-*` event from `host` that bubbles out of shadow roots. Call it
 * only for user actions, never when code sets a property. Returns false when
 * a listener called `preventDefault()` on a cancelable event.
 */
export function emitKith<K extends keyof HTMLElementEventMap>(
  host: HTMLElement,
  name: K,
  init: HTMLElementEventMap[K] extends CustomEvent<infer D> ? { detail: D; cancelable?: boolean } : never,
): boolean {
  return host.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, cancelable: init.cancelable ?? false, detail: init.detail }));
}
