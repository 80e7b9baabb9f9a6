import type { LonLat } from '../../protocol';

/*
 * Hand-authored schematic lines. They come only from public facts (the province's bounding box lon 105.50–106.75,
 * lat 10.40–11.03, its neighbours, its area, the district seats) and general knowledge of where the main rivers
 * and roads run. They are deliberately coarse: no official boundary was used, traced or consulted, so the
 * product may ship them.
 */

/**
 * Approximate outline of Long An, `[lon, lat]`, clockwise as drawn (the builder re-orients it). Wide in the west
 * (Đồng Tháp Mười plain), notched in the north by Cambodia's Svay Rieng salient, narrowing towards HCMC.
 */
export const PROVINCE_OUTLINE: readonly LonLat[] = [
  // Cambodia, west to east; the border dips south around Kiến Tường's crossing.
  [105.5, 10.9],
  [105.6, 10.95],
  [105.72, 10.98],
  [105.83, 10.93],
  [105.91, 10.85],
  [105.98, 10.8],
  [106.08, 10.82],
  [106.16, 10.84],
  [106.21, 10.93],
  [106.27, 11.0],
  // Tây Ninh, north-east.
  [106.36, 11.03],
  [106.44, 11.02],
  // Ho Chi Minh City, east.
  [106.48, 10.95],
  [106.5, 10.86],
  [106.55, 10.77],
  [106.63, 10.7],
  [106.71, 10.65],
  [106.75, 10.56],
  [106.74, 10.47],
  // Tiền Giang, south.
  [106.66, 10.41],
  [106.55, 10.4],
  [106.45, 10.4],
  [106.37, 10.46],
  [106.25, 10.5],
  [106.13, 10.535],
  [106.02, 10.565],
  // Đồng Tháp, west.
  [105.91, 10.64],
  [105.79, 10.72],
  [105.66, 10.8],
  [105.55, 10.83],
];

/** A named polyline, `[lon, lat]` vertices. */
export interface SchematicLine {
  name: string;
  path: readonly LonLat[];
}

/** Rough river courses, downstream order; used to put water-level gauges on water. */
export const RIVERS: readonly SchematicLine[] = [
  {
    name: 'sông Vàm Cỏ Tây',
    path: [
      [105.91, 10.83],
      [105.95, 10.76],
      [106.05, 10.7],
      [106.15, 10.66],
      [106.25, 10.62],
      [106.35, 10.58],
      [106.41, 10.545],
      [106.47, 10.53],
      [106.53, 10.545],
      [106.58, 10.56],
    ],
  },
  {
    name: 'sông Vàm Cỏ Đông',
    path: [
      [106.3, 11.01],
      [106.33, 10.93],
      [106.37, 10.85],
      [106.42, 10.76],
      [106.47, 10.68],
      [106.5, 10.62],
      [106.55, 10.58],
      [106.58, 10.56],
    ],
  },
  {
    name: 'sông Vàm Cỏ',
    path: [
      [106.58, 10.56],
      [106.65, 10.5],
      [106.73, 10.45],
    ],
  },
  {
    name: 'sông Cần Giuộc',
    path: [
      [106.64, 10.68],
      [106.67, 10.62],
      [106.7, 10.56],
      [106.73, 10.5],
    ],
  },
  {
    name: 'kênh Hồng Ngự',
    path: [
      [105.52, 10.86],
      [105.62, 10.86],
      [105.72, 10.87],
      [105.84, 10.88],
    ],
  },
  {
    name: 'kênh Dương Văn Dương',
    path: [
      [105.95, 10.6],
      [106.05, 10.63],
      [106.15, 10.66],
    ],
  },
  {
    name: 'kênh Thủ Thừa',
    path: [
      [106.3, 10.62],
      [106.36, 10.6],
      [106.42, 10.6],
    ],
  },
];

/** Rough road corridors; used to put traffic counters on roads. */
export const ROADS: readonly SchematicLine[] = [
  {
    name: 'Quốc lộ 1',
    path: [
      [106.56, 10.68],
      [106.49, 10.635],
      [106.45, 10.58],
      [106.42, 10.545],
      [106.39, 10.47],
    ],
  },
  {
    name: 'Quốc lộ 62',
    path: [
      [106.42, 10.545],
      [106.33, 10.6],
      [106.2, 10.65],
      [106.1, 10.7],
      [105.97, 10.76],
      [105.93, 10.82],
    ],
  },
  {
    name: 'cao tốc TP.HCM–Trung Lương',
    path: [
      [106.55, 10.665],
      [106.52, 10.64],
      [106.44, 10.58],
      [106.38, 10.52],
      [106.33, 10.46],
    ],
  },
  {
    name: 'Quốc lộ 50',
    path: [
      [106.68, 10.68],
      [106.67, 10.6],
      [106.64, 10.52],
      [106.62, 10.44],
    ],
  },
  {
    name: 'đường N2',
    path: [
      [106.42, 10.95],
      [106.41, 10.8],
      [106.4, 10.68],
      [106.3, 10.62],
    ],
  },
];
