/**
 * Windowing for a column of fixed-height cards: which rows to render for a
 * scroll position. Fixed heights keep it to arithmetic (no measuring), which
 * is why cards have a fixed height (`card-height`) on this board.
 */

/** Rows rendered beyond each edge of the viewport, so a quick scroll shows no blank. */
export const OVERSCAN = 4;

/** The half-open range [start, end) of rows to render. */
export function visibleRows(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan = OVERSCAN): [number, number] {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return [start, Math.max(start, end)];
}

/** The row a point `y` pixels below the column's top (scroll included) falls before: a drop index in [0, count]. */
export function dropIndex(y: number, rowHeight: number, count: number): number {
  return Math.min(count, Math.max(0, Math.floor(y / rowHeight + 0.5)));
}
