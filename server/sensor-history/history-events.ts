import type { IocEvent, LoggedEvent } from '../../protocol';
import type { TimeRangeFilter } from '../store/event-store';
import type { SensorArchive } from './sensor-archive';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The sensor readings of a `stream=sensor` export: the history's first (they all precede the log's own, a day
 * a page with a turn of the event loop between), then the log's. History readings carry no `seq` (they were
 * never appended): each line is a plain `SensorReading`, which `POST /api/ingest` would take as it is.
 */
export async function* withSensorHistory(
  archive: SensorArchive,
  filter: TimeRangeFilter,
  logged: AsyncIterable<LoggedEvent>,
): AsyncGenerator<IocEvent> {
  for (const page of archive.events(filter.fromMs, filter.toMs, filter.areas)) {
    yield* page;
    await nextTurn();
  }
  yield* logged;
}
