import type { Response } from 'express';
import type { RowEncoder } from './encode';
import type { Cell } from './source';

/** Bytes gathered before a write: fewer, larger writes, still a small fixed buffer. */
const CHUNK_CHARS = 32 * 1024;

/** Resolves when the socket can take more, or when the client has gone (then `res.destroyed` is true). */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Writes rows as they are produced, waiting for the socket whenever its buffer is full, so a download of any
 * length holds one chunk in memory and a slow reader slows the producer instead of filling the heap.
 */
export async function streamRows(
  res: Response,
  rows: AsyncIterable<Cell[]>,
  encoder: RowEncoder,
): Promise<void> {
  let pending = encoder.head;
  let first = true;
  for await (const cells of rows) {
    pending += encoder.row(cells, first);
    first = false;
    if (pending.length < CHUNK_CHARS) continue;
    const ok = res.write(pending);
    pending = '';
    // The store answers at once, so without a turn of the event loop per chunk a fast reader's download would
    // run start to end while dashboards and sources wait.
    if (!ok) await drained(res);
    else await new Promise<void>((resolve) => setImmediate(resolve));
    // Leaving the loop closes the row generator, and with it any open read of the store.
    if (res.destroyed) return;
  }
  res.end(pending + encoder.tail);
}
