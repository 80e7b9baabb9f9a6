import { z } from 'zod';

/** What a sensor measures; each kind has one unit (m, mm/h, µg/m³, index, vehicles/h, dBA, °C). */
export const SensorKind = z.enum([
  'water_level',
  'rainfall',
  'pm25',
  'aqi',
  'traffic_flow',
  'noise',
  'temperature',
]);
export type SensorKind = z.infer<typeof SensorKind>;
