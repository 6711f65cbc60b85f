import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

export const styles = [
  tokens,
  css`
    :host {
      display: block;
    }
    [part~='base'] {
      display: grid;
      gap: var(--_k-space);
    }
    h3,
    h4 {
      margin: 0;
      font-size: 0.95em;
    }
    [part~='upcoming'] ul {
      margin: 0;
      padding: 0;
      list-style: none;
      display: grid;
      gap: 0.25rem;
    }
    [part~='task'] {
      display: flex;
      justify-content: space-between;
      gap: var(--_k-space);
      padding: 0.25rem 0.5rem;
      border-inline-start: 3px solid var(--_k-border);
    }
    [part~='task'][data-state='overdue'] {
      border-color: var(--_k-danger);
    }
    [part~='task'][data-state='overdue'] [part~='task-due'] {
      color: var(--_k-danger);
      font-weight: 600;
    }
    [part~='task'][data-state='today'] {
      border-color: var(--_k-success);
    }
    [part~='filters'],
    [part~='composer'] {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_k-space);
      align-items: end;
    }
    [part~='filters'] label,
    .field {
      display: grid;
      font-size: 0.85em;
    }
    [part~='composer'] {
      padding: var(--_k-space);
      border: 1px solid var(--_k-border);
      border-radius: var(--_k-radius);
    }
    [part~='composer'] fieldset {
      display: flex;
      gap: var(--_k-space);
      border: 1px solid var(--_k-border);
      border-radius: var(--_k-radius);
    }
    [part~='composer'] textarea {
      min-inline-size: 16rem;
    }
    [part~='field-error'] {
      color: var(--_k-danger);
    }
    [aria-invalid='true'] {
      border-color: var(--_k-danger);
    }
    [part~='feed'] {
      block-size: var(--kith-timeline-height, 60vh);
      overflow: auto;
    }
    [part~='feed'][hidden] {
      display: none;
    }
    [part~='day'] {
      padding: 0.5rem 0 0.25rem;
      inline-size: 100%;
      border-block-end: 1px solid var(--_k-border);
    }
    [part~='entry'] {
      display: grid;
      grid-template-columns: 1.75rem 1fr;
      gap: var(--_k-space);
      padding: 0.375rem 0;
      inline-size: 100%;
    }
    [part~='icon'] {
      display: grid;
      place-items: center;
      block-size: 1.75rem;
      border-radius: 50%;
      background: color-mix(in srgb, var(--_k-primary) 12%, transparent);
    }
    [part~='entry'] p {
      margin: 0.125rem 0 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    [part~='time'] {
      color: var(--_k-muted);
      font-size: 0.85em;
      position: relative;
    }
    /* The exact time, on hover and on keyboard focus (a title alone shows on hover only). */
    [part~='time']:hover::after,
    [part~='time']:focus::after {
      content: attr(data-exact);
      position: absolute;
      inset-block-start: 100%;
      inset-inline-start: 0;
      z-index: 1;
      padding: 0.125rem 0.375rem;
      white-space: nowrap;
      color: var(--_k-surface);
      background: CanvasText;
      border-radius: var(--_k-radius);
    }
    [part~='thread'] {
      margin: 0.25rem 0 0;
      padding-inline-start: 1rem;
      border-inline-start: 2px solid var(--_k-border);
    }
    [part~='error']:empty {
      display: none;
    }
    [part~='error'] {
      color: var(--_k-danger);
    }
  `,
];
