import { html, nothing } from 'lit';

/**
 * A heading at a level the host chooses (`heading-level`), as
 * `role="heading"` with `aria-level`: one template for every level, with no
 * `unsafeStatic` tag names, so elements stay CSP-safe and embeddable under
 * any page outline. `focusable` lets code move focus to it (tabindex -1).
 */
export function heading(level: number, content: unknown, options: { id?: string; part?: string; focusable?: boolean } = {}) {
  return html`<div role="heading" aria-level=${Math.min(6, Math.max(1, level))} id=${options.id ?? nothing} part=${options.part ?? nothing} tabindex=${options.focusable ? '-1' : nothing}>${content}</div>`;
}
