import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

export const styles = [
  tokens,
  css`
    :host {
      display: block;
      --_board-height: var(--kith-board-height, 70vh);
      --_column-width: var(--kith-column-width, 17rem);
    }
    [part~='base'] {
      display: grid;
      gap: var(--_k-space);
      position: relative;
    }
    [part~='base'][data-dragging] {
      user-select: none;
      -webkit-user-select: none;
    }
    [part~='toolbar'] {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_k-space);
      align-items: end;
    }
    [part~='toolbar'] label {
      display: grid;
      font-size: 0.85em;
      color: var(--_k-muted);
    }
    select,
    input,
    button {
      font: inherit;
      color: inherit;
    }
    [part~='columns'] {
      display: flex;
      gap: var(--_k-space);
      overflow-x: auto;
      padding-block-end: 0.25rem;
    }
    [part~='column'] {
      flex: 0 0 var(--_column-width);
      display: grid;
      grid-template-rows: auto 1fr;
      border: 1px solid var(--_k-border);
      border-radius: var(--_k-radius);
      background: color-mix(in srgb, currentColor 3%, var(--_k-surface));
      min-inline-size: 0;
    }
    [part~='column-header'] {
      display: grid;
      gap: 0.1rem;
      padding: var(--_k-space);
      border-block-end: 1px solid var(--_k-border);
      font-size: 0.85em;
    }
    h3 {
      margin: 0;
      font-size: 1.1em;
    }
    [part~='count'],
    [part~='weighted'] {
      color: var(--_k-muted);
    }
    [part~='column-body'] {
      block-size: var(--_board-height);
      overflow-y: auto;
      overscroll-behavior: contain;
      position: relative;
    }
    .spacer {
      position: relative;
      margin: 0;
      padding: 0;
    }
    [part~='card'],
    [part~='ghost'] {
      position: absolute;
      inset-inline: 0.4rem;
      inset-block-start: 0.25rem;
      box-sizing: border-box;
      display: grid;
      align-content: start;
      /* Rows keep their text's height when a card holds more than it has room for:
         auto rows would shrink the overflow-hidden title and contact line to nothing. */
      grid-auto-rows: max-content;
      gap: 0.1rem;
      padding: 0.4rem 0.6rem;
      overflow: hidden;
      border: 1px solid var(--_k-border);
      border-radius: var(--_k-radius);
      background: var(--_k-surface);
      cursor: grab;
      /* A touch swipe scrolls the column; a press-and-hold drags (see pointer-drag.ts). */
      touch-action: pan-x pan-y;
      font-size: 0.9em;
    }
    /* Lifted: marked by outline and shadow, not by fading, so its text keeps its contrast. */
    [part~='card'][part~='lifted'] {
      outline: 2px dashed var(--_k-primary);
      outline-offset: 2px;
      box-shadow: 0 6px 16px rgb(0 0 0 / 0.25);
    }
    [part~='card'][part~='rotting'] {
      border-inline-start: 4px solid var(--_k-danger);
    }
    [part~='ghost'] {
      position: fixed;
      inset: 0 auto auto 0;
      inline-size: var(--_column-width);
      pointer-events: none;
      box-shadow: 0 6px 18px color-mix(in srgb, currentColor 25%, transparent);
      z-index: 10;
      cursor: grabbing;
    }
    [part~='card-title'] {
      font-weight: 600;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    [part~='card-meta'],
    [part~='card-age'] {
      color: var(--_k-muted);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    [part~='card-foot'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      font-size: 0.85em;
    }
    [part~='card-rotting'] {
      color: var(--_k-danger);
      font-weight: 600;
    }
    [part~='card-next'][data-state='overdue'] {
      color: var(--_k-danger);
    }
    [part~='card-next'][data-state='today'] {
      color: var(--_k-success);
    }
    [part~='card-next'][data-state='none'] {
      color: var(--_k-warning);
    }
    [part~='drop-indicator'] {
      position: absolute;
      inset-inline: 0.25rem;
      inset-block-start: 0.25rem;
      block-size: 3px;
      border-radius: 2px;
      background: var(--_k-primary);
      pointer-events: none;
    }
    [part~='zones'] {
      display: flex;
      gap: var(--_k-space);
    }
    [part~='zone'] {
      flex: 1;
      padding: 0.75rem;
      text-align: center;
      border: 2px dashed var(--_k-border);
      border-radius: var(--_k-radius);
    }
    [part~='zone'][part~='won'] {
      color: var(--_k-success);
    }
    [part~='zone'][part~='lost'] {
      color: var(--_k-danger);
    }
    [part~='zone'][part~='active'] {
      border-color: currentColor;
      background: color-mix(in srgb, currentColor 10%, transparent);
    }
    [part~='empty'],
    [part~='loading'] {
      color: var(--_k-muted);
      padding: var(--_k-space);
      margin: 0;
    }
    [part~='error']:empty {
      display: none;
    }
    [part~='error'] {
      color: var(--_k-danger);
    }
    dialog {
      border: 1px solid var(--_k-border);
      border-radius: var(--_k-radius);
      background: var(--_k-surface);
      color: var(--_k-text);
      max-inline-size: 28rem;
    }
    fieldset {
      display: grid;
      gap: 0.25rem;
      border: 0;
      padding: 0;
    }
    [part~='dialog-error'] {
      color: var(--_k-danger);
      min-block-size: 1.2em;
    }
    [part~='dialog-actions'] {
      display: flex;
      gap: var(--_k-space);
      justify-content: end;
    }
  `,
];
