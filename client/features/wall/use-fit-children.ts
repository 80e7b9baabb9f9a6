import { useEffect, useLayoutEffect, type RefObject } from 'react';

/**
 * Shows the longest run of a container's children that fits inside it whole and hides the rest, so the wall
 * shows fewer items rather than cut ones (the console has them all). Order is priority: a hidden child never
 * has a shown one after it. Children laid out in order do not move when later ones are hidden, so one pass is
 * stable. Runs after every render (values and ages change the heights) and when the container is resized.
 */
export function useFitChildren(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    if (ref.current) fitChildren(ref.current);
  });
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => fitChildren(el));
    observer.observe(el);
    // A web font swapping in re-flows the children without a render or a resize of the container: a row that
    // fitted in the fallback font can be cut in the shipped one.
    const refit = () => fitChildren(el);
    document.fonts?.addEventListener('loadingdone', refit);
    return () => {
      observer.disconnect();
      document.fonts?.removeEventListener('loadingdone', refit);
    };
  }, [ref]);
}

/** One fitting pass; exported for tests. Writes `data-shown` and `data-total` on the container. */
export function fitChildren(el: HTMLElement): void {
  const kids = Array.from(el.children) as HTMLElement[];
  for (const k of kids) k.hidden = false;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  const bottom = box.bottom - (parseFloat(style.paddingBottom) || 0);
  const right = box.right - (parseFloat(style.paddingRight) || 0);
  let shown = 0;
  let full = false;
  for (const k of kids) {
    const r = k.getBoundingClientRect();
    // Half a pixel of slack for sub-pixel layout; beyond that the child would be cut.
    full ||= r.bottom > bottom + 0.5 || r.right > right + 0.5;
    k.hidden = full;
    if (!full) shown++;
  }
  el.dataset.shown = String(shown);
  el.dataset.total = String(kids.length);
}
