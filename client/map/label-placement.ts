/** A label that would like to be drawn: its anchor on screen (px) and the size of its text box. */
export interface LabelCandidate {
  id: string;
  /** Centre of the text box, px from the map's top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Higher is placed first: it wins a collision. */
  priority: number;
}

/** A label kept, with its box in px (left, top, right, bottom). */
export interface PlacedLabel {
  id: string;
  box: [number, number, number, number];
}

const overlaps = (a: PlacedLabel['box'], b: PlacedLabel['box']) =>
  a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/**
 * A greedy placement pass: labels in priority order (ties by id, so the result is stable), each kept only when
 * its box, grown by `gapPx` on every side, meets no kept box and lies inside the `width` × `height` view. So no
 * two drawn labels ever overlap, whatever the zoom; a label that loses is hidden rather than moved away from
 * the place it names.
 */
export function placeLabels(
  candidates: readonly LabelCandidate[],
  view: { width: number; height: number },
  gapPx = 3,
): PlacedLabel[] {
  const order = [...candidates].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  const placed: PlacedLabel[] = [];
  for (const c of order) {
    const box: PlacedLabel['box'] = [
      c.x - c.width / 2 - gapPx,
      c.y - c.height / 2 - gapPx,
      c.x + c.width / 2 + gapPx,
      c.y + c.height / 2 + gapPx,
    ];
    if (box[0] < 0 || box[1] < 0 || box[2] > view.width || box[3] > view.height) continue;
    if (placed.some((p) => overlaps(p.box, box))) continue;
    placed.push({ id: c.id, box });
  }
  return placed;
}
