import { LitElement } from 'lit';
import { defineOnce, emitKith } from './kith-base.js';
import { LocalizeController } from './localize.js';

/**
 * What most Kith elements need: a safe `define()`, the localisation
 * controller (language and direction from the page), and a typed `emit()`
 * for `kith-*` events.
 */
export class KithElement extends LitElement {
  /** Registers `tag` for this class; a second registration of the same tag warns instead of throwing. */
  static define(tag: string, ctor: CustomElementConstructor = this): void {
    defineOnce(tag, ctor);
  }

  /** Language and direction, read from the element or its nearest ancestor with `lang`/`dir`. */
  protected readonly localize = new LocalizeController(this);

  /** What to tell the user about a failure: the message of its code in the page's language, else its own message. */
  protected errorText(error: unknown): string {
    const code = (error as { code?: string } | undefined)?.code;
    const errors = this.localize.t.errors as Record<string, string>;
    return (code && errors[code]) || (error instanceof Error ? error.message : String(error));
  }

  /**
   * Fires a `kith-*` event that bubbles out of shadow roots. Call it only for
   * user actions, never when code sets a property. Returns false when a
   * listener called `preventDefault()` on a cancelable event.
   */
  protected emit<K extends keyof HTMLElementEventMap>(
    name: K,
    init: HTMLElementEventMap[K] extends CustomEvent<infer D> ? { detail: D; cancelable?: boolean } : never,
  ): boolean {
    return emitKith(this, name, init);
  }
}
