import type { SensorArchive } from '../sensor-history/sensor-archive';
import type { EventStore } from '../store/event-store';

export type Cell = string | number | null;

/** What the datasets are computed from. */
export interface OpenDataSource {
  store: EventStore;
  /** The district-level units rows are broken down by, in code order. */
  districts: readonly { code: string; name: string }[];
  /** The sensor history before the log's readings (its hourly summaries make the older site days). */
  sensorArchive?: () => SensorArchive | null;
}
