import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

export const styles = [
  tokens,
  css`
    :host {
      display: inline-block;
      --kith-badge-radius: var(--_k-radius);
    }
    [part='base'] {
      display: inline-flex;
      align-items: center;
      gap: 0.35em;
      padding-block: 0.1em;
      padding-inline: 0.6em;
      border-radius: var(--kith-badge-radius);
      border: 1px solid var(--_k-border);
      font-size: 0.85em;
      line-height: 1.5;
      white-space: nowrap;
    }
    [part='dot'] {
      inline-size: 0.5em;
      block-size: 0.5em;
      border-radius: 50%;
      background: var(--kith-badge-color, var(--_k-muted));
    }
    :host([stage='prospect']) {
      --kith-badge-color: var(--kith-lifecycle-prospect, var(--_k-warning));
    }
    :host([stage='customer']) {
      --kith-badge-color: var(--kith-lifecycle-customer, var(--_k-primary));
    }
    :host([stage='loyal']) {
      --kith-badge-color: var(--kith-lifecycle-loyal, var(--_k-success));
    }
    :host([stage='lost']) {
      --kith-badge-color: var(--kith-lifecycle-lost, var(--_k-danger));
    }
  `,
];
