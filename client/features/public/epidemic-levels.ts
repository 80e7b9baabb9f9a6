// No deck.gl here: the panels and the legend import these colours, and the map (with deck.gl) loads lazily.
import type { Rgba } from '../../map/colours';

/**
 * The colours the 2021 COVID maps used for the four levels of Resolution 128/NQ-CP: green, yellow, orange,
 * red. The legend names each level too, so the map reads without telling colours apart.
 */
export const LEVEL_COLOURS: Record<number, Rgba> = {
  1: [46, 160, 67, 200],
  2: [242, 201, 76, 210],
  3: [242, 142, 43, 210],
  4: [214, 48, 49, 210],
};
export const LEVELS = [1, 2, 3, 4] as const;
export const levelCss = (level: number) => {
  const [r, g, b] = LEVEL_COLOURS[level] ?? LEVEL_COLOURS[1]!;
  return `rgb(${r} ${g} ${b})`;
};
