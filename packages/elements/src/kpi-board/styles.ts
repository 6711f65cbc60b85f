import { css } from 'lit';
import { frame } from '../styles/frame.js';
import { tokens } from '../styles/tokens.js';

export const styles = [
  tokens,
  frame,
  css`
    [part~='base'] {
      gap: calc(var(--_k-space) * 2);
      padding: var(--kith-kpi-padding, calc(var(--_k-space) * 2));
    }
    [role='heading'] {
      font-weight: 600;
      font-size: 1.05em;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: var(--_k-space);
    }
    header small {
      color: var(--_k-muted);
    }
    [part~='tiles'] {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
      gap: var(--_k-space);
      margin: 0;
    }
    [part~='tile'] {
      padding: var(--_k-space);
      border: 1px solid var(--_k-border);
      border-radius: var(--_k-radius);
      display: grid;
      gap: 0.2em;
    }
    [part~='tile'] dt {
      font-size: 0.85em;
      color: var(--_k-muted);
    }
    [part~='tile'] dd {
      margin: 0;
      font-size: 1.4em;
      font-weight: 600;
    }
    [part~='tile'] .sub {
      font-size: 0.8em;
      font-weight: normal;
      color: var(--_k-muted);
    }
    figure {
      margin: 0;
      display: grid;
      gap: calc(var(--_k-space) / 2);
    }
    figcaption {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_k-space);
      align-items: baseline;
    }
    .help {
      font-size: 0.8em;
      color: var(--_k-muted);
    }
    svg {
      inline-size: 100%;
      max-inline-size: 44rem;
      block-size: auto;
      overflow: visible;
    }
    [part~='bar-label'],
    [part~='bar-value'] {
      fill: currentColor;
      font-size: 14px;
    }
    [part~='bar-value-inside'] {
      fill: var(--_k-on-primary);
      font-weight: 600;
    }
    [part~='bar-fill'] {
      fill: var(--kith-chart-color, var(--_k-primary));
    }
    [part~='sources'] [part~='bar-fill'] {
      fill: var(--kith-chart-muted-color, color-mix(in srgb, var(--_k-primary) 35%, Canvas));
    }
    [part~='bar-inner'] {
      fill: var(--kith-chart-color, var(--_k-primary));
    }
    [part~='bar']:focus {
      outline: none;
    }
    [part~='bar']:focus-visible [part~='bar-fill'] {
      stroke: var(--_k-text, CanvasText);
      stroke-width: 3;
    }
    .legend {
      display: flex;
      gap: var(--_k-space);
      font-size: 0.85em;
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .swatch {
      display: inline-block;
      inline-size: 0.8em;
      block-size: 0.8em;
      margin-inline-end: 0.3em;
      border-radius: 2px;
      background: var(--kith-chart-color, var(--_k-primary));
    }
    .swatch.muted {
      background: var(--kith-chart-muted-color, color-mix(in srgb, var(--_k-primary) 35%, Canvas));
    }
    table {
      border-collapse: collapse;
      font-size: 0.9em;
    }
    th,
    td {
      text-align: start;
      padding: 0.25em 0.75em 0.25em 0;
      border-block-end: 1px solid var(--_k-border);
    }
    td.num {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    select,
    button {
      font: inherit;
      padding: 0.2em 0.5em;
      border-radius: var(--_k-radius);
      border: 1px solid var(--_k-border);
      background: var(--_k-surface);
      color: inherit;
    }
    [part~='error'] {
      color: var(--_k-danger);
    }
    .grid2 {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
      gap: calc(var(--_k-space) * 2);
    }
  `,
];
