import { ContextProvider } from '@lit/context';
import type { Crm } from '@kith/core';
import { css, html } from 'lit';
import { crmContext } from '../context.js';
import { KithElement } from '../kith-element.js';

/**
 * Hands a CRM to every Kith element inside it, through `@lit/context`. Set its
 * `crm` property to the result of `createCrm(...)`; descendants that have no
 * `crm` of their own use this one, and follow it when it is replaced.
 *
 * @tag kith-crm
 * @summary Provides a CRM to the elements inside it.
 * @slot - The elements that use the CRM.
 */
export class KithCrm extends KithElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  static override properties = {
    crm: { attribute: false },
  };

  /** The CRM to provide. */
  declare crm: Crm | undefined;

  readonly #provider = new ContextProvider(this, { context: crmContext });

  constructor() {
    super();
    this.crm = undefined;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('crm')) this.#provider.setValue(this.crm);
  }

  override render() {
    return html`<slot></slot>`;
  }
}
