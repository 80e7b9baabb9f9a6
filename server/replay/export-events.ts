import type { Response } from 'express';
import {
  REPLAY_EXPORT_CSV_COLUMNS,
  REPLAY_EXPORT_TOTAL_HEADER,
  vnIso,
  type LoggedEvent,
  type ReplayExportFormat,
} from '../../protocol';
import { csvEncoder } from '../open-data/encode';
import type { EventStore, TimeRangeFilter } from '../store/event-store';
import { componentLogger } from '../log/logger';

const csv = csvEncoder(REPLAY_EXPORT_CSV_COLUMNS);

/** One CSV row: the envelope fields, then what the event's stream adds as one JSON object. */
function csvRow(e: LoggedEvent): string {
  const { v: _v, seq, tsMs, stream, area, source, id, ...payload } = e;
  // Vietnam wall time to the millisecond: what an analyst reads in a sheet, exact.
  return csv.row(
    [seq, vnIso(tsMs, 'milliseconds'), tsMs, stream, area, source, id, JSON.stringify(payload)],
    false,
  );
}

/** `ioc-events_20210726-0800_20210727-0800_sensor_794.csv`: the range in Vietnam time and the filters. */
export function exportFileName(
  filter: TimeRangeFilter,
  area: string | undefined,
  format: ReplayExportFormat,
) {
  const stamp = (ms: number) => vnIso(ms).slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const parts = ['ioc-events', stamp(filter.fromMs), stamp(filter.toMs), filter.stream, area];
  return `${parts.filter(Boolean).join('_')}.${format}`;
}

/** Resolves true once the socket can take more, false when the client went away first. */
function drained(res: Response): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const settle = (ok: boolean) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => settle(true);
    const onClose = () => settle(false);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

/**
 * Streams the range from the store to the response with backpressure: what is held is the store's page and the
 * socket's buffer, whatever the range. The total is counted first, so the client can draw a progress bar; an
 * analyst who cancels closes the socket, which ends the read and releases the store's cursor.
 */
export async function streamExport(
  res: Response,
  store: EventStore,
  filter: TimeRangeFilter,
  area: string | undefined,
  format: ReplayExportFormat,
  /** Applied to each event before it is written (operators' details withheld from a reader). */
  shown: (e: LoggedEvent) => LoggedEvent = (e) => e,
): Promise<void> {
  const total = await store.countByTime(filter);
  res.status(200);
  res.type(format === 'csv' ? csv.mediaType : 'application/x-ndjson; charset=utf-8');
  res.setHeader(REPLAY_EXPORT_TOTAL_HEADER, String(total));
  // Set by hand: express's res.attachment would also replace the media type with one guessed from the name.
  res.setHeader('Content-Disposition', `attachment; filename="${exportFileName(filter, area, format)}"`);
  res.setHeader('Cache-Control', 'no-store');
  if (format === 'csv') res.write(csv.head);
  const line = format === 'csv' ? csvRow : ndjsonLine;
  await writeEvents(res, store.iterateByTime(filter), (e) => line(shown(e)));
}

const ndjsonLine = (e: LoggedEvent) => JSON.stringify(e) + '\n';

/**
 * Writes the events, one line each, and ends the response. Waits whenever the socket's buffer is full and
 * stops (releasing the store's read) when the client goes away; the store's pages give the event loop its turns
 * between writes that the socket accepts at once, so a fast reader does not hold the server either.
 */
export async function writeEvents<E = LoggedEvent>(
  res: Response,
  events: AsyncIterable<E>,
  line: (e: E) => string = ndjsonLine as (e: E) => string,
): Promise<void> {
  try {
    for await (const e of events) {
      if (res.destroyed) return;
      if (!res.write(line(e)) && !(await drained(res))) return;
    }
  } catch (err) {
    // The client left (or the server is closing) while the next page was read: nobody to tell.
    if (res.destroyed || !res.socket || res.socket.destroyed) return;
    // The status is sent already: cutting the connection is how the client learns the file is incomplete.
    componentLogger('replay').error({ err }, 'export failed');
    res.destroy();
    return;
  }
  res.end();
}
