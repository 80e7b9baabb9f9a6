import type { SensorSite } from '../../geo/sensor-site';

/** Vietnam-time instant of a local date and time, e.g. `vn('2021-08-01')` or `vn('2021-08-01T17:00')`. */
export function vn(local: string): number {
  return Date.parse(`${local.length === 10 ? `${local}T00:00` : local}:00+07:00`);
}

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** One site of each kind, so sensor tests do not depend on the generated site list. */
export const TEST_SITES: readonly SensorSite[] = [
  {
    siteId: 'T-WL-794',
    name: 'Water level, Tân An',
    kind: 'water_level',
    unit: 'm',
    area: '794',
    lonLat: [106.41, 10.535],
    cadenceS: 300,
  },
  {
    siteId: 'T-RF-794',
    name: 'Rain gauge, Tân An',
    kind: 'rainfall',
    unit: 'mm/h',
    area: '794',
    lonLat: [106.42, 10.54],
    cadenceS: 300,
  },
  {
    siteId: 'T-PM-794',
    name: 'PM2.5, Tân An',
    kind: 'pm25',
    unit: 'µg/m³',
    area: '794',
    lonLat: [106.415, 10.545],
    cadenceS: 300,
  },
  {
    siteId: 'T-AQ-803',
    name: 'AQI, Bến Lức',
    kind: 'aqi',
    unit: 'AQI',
    area: '803',
    lonLat: [106.49, 10.63],
    cadenceS: 300,
  },
  {
    siteId: 'T-TF-803',
    name: 'Traffic, QL1 Bến Lức',
    kind: 'traffic_flow',
    unit: 'veh/h',
    area: '803',
    lonLat: [106.5, 10.64],
    cadenceS: 60,
  },
  {
    siteId: 'T-NS-794',
    name: 'Noise, Tân An',
    kind: 'noise',
    unit: 'dBA',
    area: '794',
    lonLat: [106.425, 10.54],
    cadenceS: 60,
  },
  {
    siteId: 'T-TP-802',
    name: 'Temperature, Đức Hòa',
    kind: 'temperature',
    unit: '°C',
    area: '802',
    lonLat: [106.39, 10.91],
    cadenceS: 300,
  },
];
