import { useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';

/**
 * Whether the page is being printed: print media applies (a print preview, `emulateMedia`) or the browser is
 * between `beforeprint` and `afterprint` (its Print dialog, `page.pdf`).
 *
 * Why a store and not CSS alone: charts size their SVG in pixels from a ResizeObserver, and Chromium lays the
 * page out for print right after `beforeprint` without running observers or React's scheduler in between, so
 * a chart measured on a 1920 px screen is printed 1920-px-wide. The change is therefore rendered synchronously
 * (`flushSync`) inside the event, before the print layout.
 */
let printing = false;
/** When the current (or last) printing began, ms: what a printed page gives as its time of printing. */
let startedAtMs: number | null = null;
let inPrintEvent = false;
const listeners = new Set<() => void>();
let detach: (() => void) | null = null;

function publish(next: boolean) {
  if (next === printing) return;
  printing = next;
  if (next) startedAtMs = Date.now();
  flushSync(() => listeners.forEach((l) => l()));
}

function attach(): () => void {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return () => {};
  const query = window.matchMedia('print');
  printing = query.matches;
  if (printing) startedAtMs ??= Date.now();
  const onChange = (e: MediaQueryListEvent) => publish(e.matches || inPrintEvent);
  const before = () => {
    inPrintEvent = true;
    publish(true);
  };
  const after = () => {
    inPrintEvent = false;
    publish(query.matches);
  };
  query.addEventListener('change', onChange);
  window.addEventListener('beforeprint', before);
  window.addEventListener('afterprint', after);
  return () => {
    query.removeEventListener('change', onChange);
    window.removeEventListener('beforeprint', before);
    window.removeEventListener('afterprint', after);
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  detach ??= attach();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      detach?.();
      detach = null;
    }
  };
}

const snapshot = () => printing;
const serverSnapshot = () => false;
const startedSnapshot = () => startedAtMs;
const noStart = () => null;

/** True while the page is printed; components re-render in the same task, before the print layout. */
export function usePrintMedia(): boolean {
  return useSyncExternalStore(subscribe, snapshot, serverSnapshot);
}

/** When printing began (ms), null if the page has not been printed. */
export function usePrintStartedAt(): number | null {
  return useSyncExternalStore(subscribe, startedSnapshot, noStart);
}

/**
 * The printed plot of a report chart, in millimetres: two charts per row in the 186 mm wide content box of an
 * A4 page with 12 mm margins (review.css lays the cards out in the same millimetres).
 */
export const PRINT_PLOT_MM = { width: 82, height: 52 } as const;
const PX_PER_MM = 96 / 25.4;
/** The same plot in CSS pixels, what recharts is given while printing. */
export const PRINT_PLOT_PX = {
  width: Math.floor(PRINT_PLOT_MM.width * PX_PER_MM),
  height: Math.floor(PRINT_PLOT_MM.height * PX_PER_MM),
} as const;
