/** The font every map label uses; the placement pass and the wall's sizing measure text with it. */
export const LABEL_FONT = '"Be Vietnam Pro", system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';
export const LABEL_WEIGHT = 600;
