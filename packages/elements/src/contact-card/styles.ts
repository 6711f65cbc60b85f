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
      gap: calc(var(--_k-space) * 1.5);
      padding: var(--kith-card-padding, calc(var(--_k-space) * 2));
    }
    [part~='header'] {
      display: flex;
      align-items: center;
      gap: var(--_k-space);
      flex-wrap: wrap;
    }
    [part~='avatar'] {
      inline-size: var(--kith-avatar-size, 3rem);
      block-size: var(--kith-avatar-size, 3rem);
      border-radius: 50%;
      display: grid;
      place-items: center;
      font-weight: 600;
      color: #fff;
      /* Lightness 30%: white initials keep at least 4.5:1 contrast on every hue. */
      background: var(--kith-avatar-color, hsl(var(--_hue, 220) 45% 30%));
      flex: none;
    }
    [data-variant='compact'] [part~='avatar'] {
      --kith-avatar-size: 2.25rem;
    }
    .who {
      flex: 1;
      min-inline-size: 10rem;
    }
    [part~='name'] {
      margin: 0;
      font-size: 1.15em;
    }
    [part~='subtitle'],
    .muted {
      margin: 0;
      color: var(--_k-muted);
      font-size: 0.9em;
    }
    dl {
      margin: 0;
      display: grid;
      grid-template-columns: minmax(7rem, max-content) 1fr;
      gap: 0.25rem var(--_k-space);
    }
    dt {
      color: var(--_k-muted);
      font-size: 0.9em;
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    ul.inline {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    [part~='tag'] {
      padding: 0 0.4rem;
      border: 1px solid var(--_k-border);
      border-radius: 999px;
      font-size: 0.85em;
    }
    [part~='next-task'][data-state='overdue'] {
      color: var(--_k-danger);
      font-weight: 600;
    }
    [part~='next-task'][data-state='overdue']::before {
      content: '⚠ ';
    }
    [part~='duplicate'] {
      padding: var(--_k-space);
      border-inline-start: 4px solid var(--_k-warning);
      background: color-mix(in srgb, var(--_k-warning) 8%, transparent);
    }
    [part~='duplicate'] p,
    [part~='duplicate'] ul {
      margin: 0;
    }
    [part~='deals'] [role='heading'] {
      margin: 0 0 0.25rem;
      font-size: 1em;
    }
    [part~='deals'] ul {
      margin: 0;
      padding-inline-start: 1.1rem;
    }
    [part~='group'] {
      border-block-start: 1px solid var(--_k-border);
      padding-block: 0.25rem;
    }
    [part~='group'] summary {
      cursor: pointer;
      font-weight: 600;
      padding-block: 0.25rem;
    }
    [part~='actions'] {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_k-space);
    }
    button {
      font: inherit;
      padding: 0.3rem 0.75rem;
      border: 1px solid var(--_k-border);
      border-radius: var(--_k-radius);
      background: transparent;
      color: inherit;
      cursor: pointer;
    }
    button[aria-pressed='true'],
    button[type='submit'] {
      background: var(--_k-primary);
      border-color: var(--_k-primary);
      color: var(--_k-on-primary);
    }
    form {
      display: grid;
      gap: var(--_k-space);
      padding: var(--_k-space);
      border: 1px solid var(--_k-border);
      border-radius: var(--_k-radius);
    }
    form .row {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_k-space);
    }
    .field {
      display: grid;
      gap: 0.15rem;
      font-size: 0.9em;
      min-inline-size: 10rem;
      flex: 1;
    }
    fieldset {
      border: 1px solid var(--_k-border);
      border-radius: var(--_k-radius);
      display: grid;
      gap: var(--_k-space);
    }
    [aria-invalid='true'] {
      border-color: var(--_k-danger);
    }
    [part~='field-error'],
    [part~='error'] {
      color: var(--_k-danger);
    }
    [part~='conflict'] {
      padding: var(--_k-space);
      border: 2px solid var(--_k-danger);
      border-radius: var(--_k-radius);
    }
    [part~='conflict'] table {
      border-collapse: collapse;
    }
    [part~='conflict'] th,
    [part~='conflict'] td {
      text-align: start;
      padding: 0.15rem 0.5rem;
    }
    a {
      color: var(--_k-primary);
    }
  `,
];
