import { css } from '@lit/reactive-element';

/**
 * The design tokens every element reads. Hosts theme Kith by setting the
 * public `--kith-*` properties anywhere above the element; each element reads
 * them through these private `--_k-*` names, whose fallbacks follow the page:
 * its font, its text colour, and `Canvas`/`CanvasText` so a dark
 * `color-scheme` works with no extra CSS.
 */
export const tokens = css`
  :host {
    --_k-font: var(--kith-font-family, inherit);
    --_k-text: var(--kith-color-text, inherit);
    --_k-muted: var(--kith-color-muted, color-mix(in srgb, currentColor 62%, transparent));
    --_k-surface: var(--kith-color-surface, Canvas);
    --_k-border: var(--kith-color-border, color-mix(in srgb, currentColor 22%, transparent));
    --_k-primary: var(--kith-color-primary, #2450d8);
    --_k-on-primary: var(--kith-color-on-primary, #fff);
    --_k-danger: var(--kith-color-danger, #c62828);
    --_k-success: var(--kith-color-success, #1b7f3b);
    --_k-warning: var(--kith-color-warning, #a15c00);
    --_k-radius: var(--kith-radius, 0.375rem);
    --_k-space: var(--kith-space, 0.5rem);
    --_k-focus: var(--kith-focus-ring, 2px solid var(--_k-primary));
    font-family: var(--_k-font);
    color: var(--_k-text);
  }
  :focus-visible {
    outline: var(--_k-focus);
    outline-offset: 2px;
  }
  /* Read by screen readers, not shown: live regions that announce what changed. */
  .sr {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
