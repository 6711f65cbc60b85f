import { css } from '@lit/reactive-element';
import { tokens } from '../styles/tokens.js';

// The form itself is the host's own markup and takes the host's CSS; these rules only cover what the element adds.
export const styles = [
  tokens,
  css`
    :host {
      display: block;
    }
    [hidden] {
      display: none !important;
    }
    [part~='status']:not(:empty),
    [part~='error']:not(:empty) {
      margin-block-start: var(--_k-space);
    }
    [part~='error'] {
      color: var(--kith-lead-form-error-color, var(--_k-danger));
    }
    [part~='success'] {
      padding: calc(var(--_k-space) * 2);
      border: 1px solid var(--_k-border);
      border-radius: var(--_k-radius);
      border-inline-start: 4px solid var(--kith-lead-form-success-color, var(--_k-success));
    }
  `,
];
