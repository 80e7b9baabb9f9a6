import type { SensorKind } from '../../protocol';

/** What every site of a kind shares: id code, unit, reporting cadence (s) and the label its name starts with. */
export interface KindSpec {
  idCode: string;
  unit: string;
  cadenceS: number;
  label: string;
}

export const KIND_SPECS: Record<SensorKind, KindSpec> = {
  water_level: { idCode: 'WL', unit: 'm', cadenceS: 60, label: 'Mực nước' },
  rainfall: { idCode: 'RF', unit: 'mm/h', cadenceS: 60, label: 'Lượng mưa' },
  pm25: { idCode: 'PM', unit: 'µg/m³', cadenceS: 30, label: 'Bụi mịn PM2.5' },
  aqi: { idCode: 'AQ', unit: 'AQI', cadenceS: 30, label: 'Chất lượng không khí' },
  traffic_flow: { idCode: 'TF', unit: 'veh/h', cadenceS: 10, label: 'Lưu lượng xe' },
  noise: { idCode: 'NS', unit: 'dBA', cadenceS: 15, label: 'Tiếng ồn' },
  temperature: { idCode: 'TP', unit: '°C', cadenceS: 60, label: 'Nhiệt độ' },
};

type Tier = 'city' | 'east' | 'west';

/**
 * Sites per district: dense in the provincial capital and the industrial east next to HCMC, where the operations
 * centre watches traffic and air; sparse in the flood plain of the west, where water and rain matter most.
 */
export const SITES_PER_DISTRICT: Record<string, { count: number; tier: Tier }> = {
  '794': { count: 40, tier: 'city' },
  '802': { count: 15, tier: 'east' },
  '803': { count: 15, tier: 'east' },
  '804': { count: 15, tier: 'east' },
  '806': { count: 15, tier: 'east' },
  '807': { count: 15, tier: 'east' },
  '808': { count: 15, tier: 'east' },
  '795': { count: 10, tier: 'west' },
  '805': { count: 10, tier: 'west' },
  '796': { count: 9, tier: 'west' },
  '797': { count: 9, tier: 'west' },
  '798': { count: 8, tier: 'west' },
  '799': { count: 8, tier: 'west' },
  '800': { count: 8, tier: 'west' },
  '801': { count: 8, tier: 'west' },
};

const KIND_WEIGHTS: Record<Tier, Record<SensorKind, number>> = {
  city: { water_level: 6, rainfall: 4, pm25: 7, aqi: 6, traffic_flow: 8, noise: 6, temperature: 3 },
  east: { water_level: 3, rainfall: 2, pm25: 2, aqi: 2, traffic_flow: 3, noise: 2, temperature: 1 },
  west: { water_level: 3, rainfall: 2, pm25: 1, aqi: 1, traffic_flow: 1, noise: 0, temperature: 1 },
};

/** Splits `count` sites among kinds in proportion to the tier's weights (largest remainder, ties in kind order). */
export function kindsFor(tier: Tier, count: number): SensorKind[] {
  const weights = Object.entries(KIND_WEIGHTS[tier]) as [SensorKind, number][];
  const total = weights.reduce((s, [, w]) => s + w, 0);
  const shares = weights.map(([kind, w], order) => {
    const exact = (w * count) / total;
    return { kind, n: Math.floor(exact), rest: exact - Math.floor(exact), order };
  });
  let left = count - shares.reduce((s, x) => s + x.n, 0);
  for (const s of [...shares].sort((a, b) => b.rest - a.rest || a.order - b.order)) {
    if (left-- <= 0) break;
    s.n++;
  }
  return shares.flatMap((s) => Array<SensorKind>(s.n).fill(s.kind));
}

/** Tân An's 9 wards and 5 communes of 2021, to name sites in the city: wards near the centre, communes beyond. */
export const TAN_AN_WARDS = [
  'Phường 1',
  'Phường 2',
  'Phường 3',
  'Phường 4',
  'Phường 5',
  'Phường 6',
  'Phường 7',
  'Phường Tân Khánh',
  'Phường Khánh Hậu',
];
export const TAN_AN_COMMUNES = [
  'xã Hướng Thọ Phú',
  'xã Nhơn Thạnh Trung',
  'xã Lợi Bình Nhơn',
  'xã Bình Tâm',
  'xã An Vĩnh Ngãi',
];
