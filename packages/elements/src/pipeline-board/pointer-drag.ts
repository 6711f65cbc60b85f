/**
 * Pointer dragging for mouse, pen and touch through one path (Pointer
 * Events), without the HTML drag-and-drop API: that API cannot auto-scroll a
 * virtualized column, gives touch no drag on several platforms, and its drag
 * image cannot be styled by the host. A mouse or pen drag starts after a few
 * pixels of movement; a touch drag after a short press without movement, so
 * a swipe still scrolls the column.
 */

export interface DragCallbacks {
  /** A drag of the item `id` begins at (x, y). */
  start(id: string, x: number, y: number): void;
  /** The pointer moved during a drag; also called every frame while it rests near an edge (auto-scroll). */
  move(x: number, y: number): void;
  /** The drag ended: `drop` is false when it was cancelled (pointercancel, Escape). */
  end(drop: boolean): void;
}

const MOVE_THRESHOLD = 5;
const PRESS_MS = 300;

interface Pending {
  id: string;
  pointerId: number;
  x: number;
  y: number;
  /** Set for touch: the press timer that starts the drag. */
  timer?: ReturnType<typeof setTimeout>;
}

export class PointerDrag {
  #pending: Pending | undefined;
  #active: { pointerId: number; x: number; y: number; frame: number } | undefined;
  #suppressClick = false;

  constructor(
    private readonly surface: HTMLElement,
    private readonly callbacks: DragCallbacks,
  ) {
    surface.addEventListener('pointerdown', this.#down);
    surface.addEventListener('pointermove', this.#moveEvent);
    surface.addEventListener('pointerup', this.#up);
    surface.addEventListener('pointercancel', this.#cancelEvent);
    // A touch drag must stop the page from scrolling; only a non-passive listener may do that.
    surface.addEventListener('touchmove', this.#touchmove, { passive: false });
    surface.addEventListener('click', this.#click, true);
  }

  get dragging(): boolean {
    return !!this.#active;
  }

  /** Ends a running drag without dropping (Escape). */
  cancel(): void {
    this.#finish(false);
  }

  #down = (e: PointerEvent) => {
    if (!e.isPrimary || (e.pointerType === 'mouse' && e.button !== 0) || this.#active) return;
    const card = (e.composedPath() as Element[]).find((el) => el instanceof HTMLElement && el.dataset.dealId);
    if (!(card instanceof HTMLElement)) return;
    const pending: Pending = { id: card.dataset.dealId!, pointerId: e.pointerId, x: e.clientX, y: e.clientY };
    if (e.pointerType === 'touch') pending.timer = setTimeout(() => this.#begin(pending.x, pending.y), PRESS_MS);
    this.#pending = pending;
  };

  #moveEvent = (e: PointerEvent) => {
    const active = this.#active;
    if (active && e.pointerId === active.pointerId) {
      active.x = e.clientX;
      active.y = e.clientY;
      this.callbacks.move(e.clientX, e.clientY);
      return;
    }
    const p = this.#pending;
    if (!p || e.pointerId !== p.pointerId) return;
    const far = Math.hypot(e.clientX - p.x, e.clientY - p.y) > MOVE_THRESHOLD;
    if (!far) return;
    if (p.timer !== undefined) {
      // A touch that moves before the press time is a scroll, not a drag.
      clearTimeout(p.timer);
      this.#pending = undefined;
      return;
    }
    this.#begin(e.clientX, e.clientY);
  };

  #begin(x: number, y: number) {
    const p = this.#pending;
    if (!p) return;
    this.#pending = undefined;
    try {
      this.surface.setPointerCapture(p.pointerId);
    } catch {
      // The pointer is gone already (lifted during the press): no drag.
      return;
    }
    const tick = () => {
      if (!this.#active) return;
      this.callbacks.move(this.#active.x, this.#active.y);
      this.#active.frame = requestAnimationFrame(tick);
    };
    this.#active = { pointerId: p.pointerId, x, y, frame: 0 };
    this.callbacks.start(p.id, x, y);
    this.#active.frame = requestAnimationFrame(tick);
  }

  #up = (e: PointerEvent) => {
    if (this.#pending && e.pointerId === this.#pending.pointerId) {
      clearTimeout(this.#pending.timer);
      this.#pending = undefined;
    }
    if (this.#active && e.pointerId === this.#active.pointerId) this.#finish(true);
  };

  #cancelEvent = (e: PointerEvent) => {
    if (this.#pending?.pointerId === e.pointerId) {
      clearTimeout(this.#pending.timer);
      this.#pending = undefined;
    }
    if (this.#active?.pointerId === e.pointerId) this.#finish(false);
  };

  #finish(drop: boolean) {
    const active = this.#active;
    if (!active) return;
    cancelAnimationFrame(active.frame);
    this.#active = undefined;
    if (this.surface.hasPointerCapture(active.pointerId)) this.surface.releasePointerCapture(active.pointerId);
    // The click that follows a mouse drag's release must not open the card.
    this.#suppressClick = true;
    setTimeout(() => (this.#suppressClick = false));
    this.callbacks.end(drop);
  }

  #touchmove = (e: TouchEvent) => {
    if (this.#active) e.preventDefault();
  };

  #click = (e: MouseEvent) => {
    if (this.#suppressClick) {
      e.stopPropagation();
      e.preventDefault();
      this.#suppressClick = false;
    }
  };
}
