import { css } from 'lit';
import { controls } from '../styles/controls.js';
import { frame } from '../styles/frame.js';
import { tokens } from '../styles/tokens.js';

export const styles = [
  tokens,
  frame,
  controls,
  css`
    [part~='base'] {
      gap: var(--_k-space);
      padding: var(--kith-task-list-padding, calc(var(--_k-space) * 2));
    }
    [role='heading'] {
      font-weight: 600;
    }
    [part~='heading'] {
      font-size: 1.15em;
    }
    [part~='group-heading'] {
      font-size: 0.95em;
      margin-block-start: var(--_k-space);
      display: flex;
      gap: 0.5em;
      align-items: baseline;
    }
    [part~='group-heading'] small {
      font-weight: normal;
      color: var(--_k-muted);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: calc(var(--_k-space) / 2);
    }
    [part~='task'] {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.25em var(--_k-space);
      align-items: start;
      padding: calc(var(--_k-space) * 0.75);
      border: 1px solid var(--_k-border);
      border-radius: var(--_k-radius);
    }
    [part~='task'][data-group='overdue'] {
      border-inline-start: 4px solid var(--kith-task-overdue-color, var(--_k-danger));
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em 0.75em;
      font-size: 0.875em;
      color: var(--_k-muted);
    }
    [part~='due'][data-state='overdue'] {
      color: var(--kith-task-overdue-color, var(--_k-danger));
      font-weight: 600;
    }
    button {
      font: inherit;
      padding: 0.3em 0.75em;
      border-radius: var(--_k-radius);
      border: 1px solid var(--_k-border);
      background: transparent;
      color: inherit;
      cursor: pointer;
    }
    button[type='submit'] {
      background: var(--_k-primary);
      color: var(--_k-on-primary);
      border-color: var(--_k-primary);
    }
    [part~='complete-form'] {
      grid-column: 1 / -1;
      display: grid;
      gap: var(--_k-space);
      padding-block-start: var(--_k-space);
    }
    .field {
      display: grid;
      gap: 0.2em;
    }
    .row {
      display: flex;
      gap: var(--_k-space);
      flex-wrap: wrap;
    }
    .hint {
      font-size: 0.8em;
      color: var(--_k-muted);
    }
    [part~='error'] {
      color: var(--_k-danger);
    }
    [aria-invalid='true'] {
      border-color: var(--_k-danger);
    }
  `,
];
