import path from 'node:path';
import type { SensorSite } from '../../geo/sensor-site';
import { openSensorHistory, type HistorySpan, type SensorHistoryStore } from './history-store';
import { createSensorArchive, type SensorArchive } from './sensor-archive';

export interface OpenedHistory {
  file: string;
  store: SensorHistoryStore;
  /** Whether the file holds the whole wanted span (same seed and bounds): no backfill needed. */
  complete: () => boolean;
  /** The archive once complete; null before (the backfill is still writing it) or without a scenario. */
  archive: () => SensorArchive | null;
  close: () => void;
}

/** `$DATA_DIR/sensor-history.sqlite`, for the scenario's span; see sensor-archive.ts for what it holds. */
export function openHistory(dataDir: string, want: HistorySpan, sites: readonly SensorSite[]): OpenedHistory {
  const file = path.join(dataDir, 'sensor-history.sqlite');
  const store = openSensorHistory(file);
  const complete = () => {
    const s = store.span();
    return !!s && s.seed === want.seed && s.fromMs === want.fromMs && s.toMs === want.toMs;
  };
  let archive: SensorArchive | null = null;
  return {
    file,
    store,
    complete,
    archive: () => (archive ??= complete() ? createSensorArchive(store, want, sites) : null),
    close: () => store.close(),
  };
}
