import type { LonLat, SensorKind } from '../protocol';

/** A fixed measuring point. Positions are `[lon, lat]`; `cadenceS` is how often it reports when healthy. */
export interface SensorSite {
  siteId: string;
  name: string;
  kind: SensorKind;
  unit: string;
  /** Code of the district-level unit (or ward) the site lies in. */
  area: string;
  lonLat: LonLat;
  cadenceS: number;
}
