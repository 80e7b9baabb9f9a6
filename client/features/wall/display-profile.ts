/**
 * A wall's display profile: how big the screen is and how far the operators sit from it. The wall's type is
 * sized from it, so that every text meant to be read from the seat subtends at least {@link MIN_ARCMIN} of arc.
 *
 * Character height is the height of a capital letter without accents (ISO 9241-303 measures it on upper-case
 * letters; Vietnamese diacritics sit above it and are not counted). The cap height of the font in use is measured
 * in the browser (`capHeightRatio`), so the rule holds whichever system font the wall's machine has.
 */
export interface DisplayProfile {
  id: string;
  /** Diagonal of the visible picture, inches. */
  diagonalIn: number;
  /** Native resolution, physical pixels; its ratio is the screen's aspect. */
  widthPx: number;
  heightPx: number;
  /** From the operators' seats to the screen, metres. */
  distanceM: number;
}

/** ISO 9241-303's minimum character height for text that must be read; 20–22′ is preferred. */
export const MIN_ARCMIN = 16;

export const DISPLAY_PROFILES = {
  '55-1080p-4m': { id: '55-1080p-4m', diagonalIn: 55, widthPx: 1920, heightPx: 1080, distanceM: 4 },
  '65-4k-6m': { id: '65-4k-6m', diagonalIn: 65, widthPx: 3840, heightPx: 2160, distanceM: 6 },
} as const satisfies Record<string, DisplayProfile>;

export type DisplayProfileId = keyof typeof DISPLAY_PROFILES;

/** The control room's usual wall: a 55″ full-HD screen seen from the first row of desks. */
export const DEFAULT_PROFILE_ID: DisplayProfileId = '55-1080p-4m';

const isProfileId = (s: string | null): s is DisplayProfileId => s !== null && s in DISPLAY_PROFILES;

/**
 * `?profile=65-4k-6m`, or a preset with its distance or diagonal changed (`&distance=5`, `&diagonal=75`, for a
 * room the presets do not describe); anything unknown or out of range falls back to the default.
 */
export function parseDisplayProfile(search: string): DisplayProfile {
  const q = new URLSearchParams(search);
  const id = q.get('profile');
  const base: DisplayProfile = DISPLAY_PROFILES[isProfileId(id) ? id : DEFAULT_PROFILE_ID];
  const distance = Number(q.get('distance'));
  const diagonal = Number(q.get('diagonal'));
  const custom = {
    ...(q.get('distance') && distance >= 1 && distance <= 30 ? { distanceM: distance } : {}),
    ...(q.get('diagonal') && diagonal >= 20 && diagonal <= 400 ? { diagonalIn: diagonal } : {}),
  };
  return Object.keys(custom).length ? { ...base, ...custom, id: `${base.id}+custom` } : base;
}

/** Physical width of the picture, millimetres, from its diagonal and aspect. */
export function screenWidthMm(p: DisplayProfile): number {
  const aspect = p.widthPx / p.heightPx;
  return (p.diagonalIn * 25.4 * aspect) / Math.hypot(aspect, 1);
}

/** The height, millimetres, that subtends `arcmin` at `distanceM`. */
export function heightForArcminMm(distanceM: number, arcmin: number = MIN_ARCMIN): number {
  const half = ((arcmin / 60) * Math.PI) / 360;
  return 2 * distanceM * 1000 * Math.tan(half);
}

/** The angle, arcminutes, that a height of `heightMm` subtends at `distanceM`. */
export function arcminForHeight(heightMm: number, distanceM: number): number {
  return ((2 * Math.atan(heightMm / 2 / (distanceM * 1000)) * 180) / Math.PI) * 60;
}

/**
 * The smallest font size, CSS px, whose capitals subtend `arcmin` on this screen. The viewport is the whole screen
 * (a kiosk), so one CSS px is the screen's width over the viewport's width in CSS px, whatever the device pixel
 * ratio; `capHeightRatio` is the font's cap height over its em (≈ 0.73 for DejaVu Sans, 0.72 for Arial).
 */
export function minFontPx(
  p: DisplayProfile,
  viewportWidthCssPx: number,
  capHeightRatio: number,
  arcmin: number = MIN_ARCMIN,
): number {
  const mmPerCssPx = screenWidthMm(p) / viewportWidthCssPx;
  return heightForArcminMm(p.distanceM, arcmin) / mmPerCssPx / capHeightRatio;
}
