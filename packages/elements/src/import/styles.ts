import { css } from 'lit';
import { frame } from '../styles/frame.js';
import { tokens } from '../styles/tokens.js';

export const styles = [
  tokens,
  frame,
  css`
    [part~='base'] {
      gap: var(--_k-space);
      padding: var(--kith-import-padding, calc(var(--_k-space) * 2));
    }
    [part~='heading'] {
      font-size: 1.15em;
      font-weight: 600;
    }
    [part~='step'],
    small {
      margin: 0;
      color: var(--_k-muted);
    }
    .fields {
      display: grid;
      gap: calc(var(--_k-space) / 2);
      justify-items: start;
    }
    label {
      display: grid;
      gap: 0.25em;
    }
    table {
      border-collapse: collapse;
      width: 100%;
    }
    th,
    td {
      text-align: start;
      padding: 0.35em 0.5em;
      border-block-end: 1px solid var(--_k-border);
      vertical-align: top;
    }
    caption {
      text-align: start;
      font-weight: 600;
      padding-block: 0.35em;
    }
    tr.error td:first-child {
      box-shadow: inset 3px 0 var(--_k-danger);
    }
    [part~='summary'] {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_k-space);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    dl[part~='summary'] div {
      display: grid;
    }
    dd {
      margin: 0;
      font-size: 1.4em;
      font-weight: 600;
    }
    progress {
      width: min(100%, 30em);
    }
    [part~='actions'] {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_k-space) / 2);
      align-items: center;
    }
    button,
    select,
    input {
      font: inherit;
    }
    button.primary {
      background: var(--_k-primary);
      color: var(--_k-on-primary);
      border: 1px solid transparent;
      border-radius: var(--_k-radius);
      padding: 0.35em 0.9em;
    }
    [part~='error'] {
      color: var(--_k-danger);
    }
    [part~='status']:empty {
      display: none;
    }
    :focus-visible {
      outline: var(--_k-focus);
      outline-offset: 2px;
    }
  `,
];
