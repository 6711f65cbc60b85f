import { css } from 'lit';

/**
 * The bordered panel the card, task list, KPI board and import wizard sit
 * in: a block host and a `base` part with the theme's border, radius and
 * surface. Each element sets its own gap and `--kith-<element>-padding`.
 */
export const frame = css`
  :host {
    display: block;
  }
  [part~='base'] {
    display: grid;
    border: 1px solid var(--_k-border);
    border-radius: var(--_k-radius);
    background: var(--_k-surface);
  }
`;
