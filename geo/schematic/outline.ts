import type { LonLat } from '../../protocol';

/*
 * Hand-authored schematic lines from general knowledge of where the main rivers and roads run, used only to put
 * water gauges on water and traffic counters on roads. Deliberately coarse; no official map was traced.
 */

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
