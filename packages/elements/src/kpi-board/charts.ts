import { svg, type SVGTemplateResult } from 'lit';

/** One bar of a chart: its label, length (0–1 of the widest), an optional inner part, and what a screen reader hears. */
export interface Bar {
  key: string;
  label: string;
  /** Shown at the bar's end. */
  value: string;
  size: number;
  /** An inner part of the bar (0–1 of the widest), e.g. leads that became customers. */
  inner?: number;
  description: string;
}

const ROW = 40;
const LABEL = 170;
const WIDTH = 600;
/** Room after the longest bar for its value (`998 / 120`), which is written beside it. */
const VALUE_ROOM = 80;

/**
 * Horizontal bars as SVG: one focusable list item per bar whose accessible
 * name says everything the bar shows, so the chart reads as a list without a
 * mouse. `centred` draws a funnel (bars centred on one axis).
 */
export function barChart(bars: readonly Bar[], label: string, centred: boolean): SVGTemplateResult {
  const area = WIDTH - LABEL - 8 - (centred ? 0 : VALUE_ROOM);
  return svg`<svg part="chart" role="list" aria-label=${label} viewBox=${`0 0 ${WIDTH} ${Math.max(1, bars.length) * ROW}`} preserveAspectRatio="xMinYMin meet">
    ${bars.map((b, i) => {
      const w = Math.max(2, b.size * area);
      const x = centred ? LABEL + (area - w) / 2 : LABEL;
      const y = i * ROW + 4;
      const inner = b.inner === undefined ? undefined : Math.max(0, b.inner * area);
      return svg`<g role="listitem" tabindex=${i === 0 ? '0' : '-1'} aria-label=${b.description} data-key=${b.key} part="bar">
        <text x="0" y=${y + ROW / 2} dominant-baseline="middle" part="bar-label">${b.label}</text>
        <rect x=${x} y=${y} width=${w} height=${ROW - 10} rx="3" part="bar-fill"></rect>
        ${inner !== undefined ? svg`<rect x=${x} y=${y} width=${inner} height=${ROW - 10} rx="3" part="bar-inner"></rect>` : ''}
        <text x=${centred ? x + w / 2 : x + w + 6} y=${y + (ROW - 10) / 2} dominant-baseline="middle" text-anchor=${centred ? 'middle' : 'start'} part=${centred ? 'bar-value bar-value-inside' : 'bar-value'}>${b.value}</text>
      </g>`;
    })}
  </svg>`;
}

/** Moves focus between a chart's bars with the arrow keys, Home and End (one tab stop per chart). */
export function chartKeys(event: KeyboardEvent): void {
  const bar = (event.target as Element).closest('[role="listitem"]');
  const chart = bar?.closest('svg');
  if (!bar || !chart) return;
  const bars = [...chart.querySelectorAll<SVGGElement>('[role="listitem"]')];
  const at = bars.indexOf(bar as SVGGElement);
  const to = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: bars.length - 1 }[event.key];
  if (to === undefined || to < 0 || to >= bars.length) return;
  event.preventDefault();
  bars.forEach((b, i) => b.setAttribute('tabindex', i === to ? '0' : '-1'));
  bars[to]!.focus();
}
