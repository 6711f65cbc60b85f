import { ContextConsumer, createContext } from '@lit/context';
import type { Crm } from '@kith/core';
import type { ReactiveControllerHost } from 'lit';

/** The context `<kith-crm>` provides: the CRM every descendant element reads and writes through. */
export const crmContext = createContext<Crm | undefined>(Symbol.for('kith-crm'));

/**
 * Resolves the CRM an element works with: its own `crm` property when set,
 * else the nearest `<kith-crm>` provider's. Re-renders the host when the
 * provider's CRM changes.
 */
export class CrmController {
  readonly #host: ReactiveControllerHost & HTMLElement & { crm?: Crm | undefined };
  readonly #consumer: ContextConsumer<typeof crmContext, ReactiveControllerHost & HTMLElement>;

  constructor(host: ReactiveControllerHost & HTMLElement & { crm?: Crm | undefined }) {
    this.#host = host;
    this.#consumer = new ContextConsumer(host, { context: crmContext, subscribe: true });
  }

  /** The CRM in effect, or undefined when the element has none yet. */
  get value(): Crm | undefined {
    return this.#host.crm ?? this.#consumer.value;
  }
}
