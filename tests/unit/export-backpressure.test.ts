import { Writable } from 'node:stream';
import type { Response } from 'express';
import { describe, expect, it, vi } from 'vitest';
import type { LoggedEvent } from '../../protocol';
import { streamExport } from '../../server/replay/export-events';
import type { EventStore } from '../../server/store/event-store';
import { reading } from '../fixtures/events';

const TOTAL = 50_000;
const HIGH_WATER = 16 * 1024;

/**
 * A response whose client reads only when told to. The kernel's socket buffers are out of the picture here
 * (loopback autotuning lets them grow to tens of MB), so what is measured is the exporter's own discipline.
 */
class SlowClient extends Writable {
  received = 0;
  private held: (() => void)[] = [];
  constructor() {
    super({ highWaterMark: HIGH_WATER });
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
    this.received += chunk.length;
    this.held.push(done);
  }
  /** The client reads everything it was sent so far, and from now on at once. */
  readAll() {
    this._write = (chunk: Buffer, _enc, done) => {
      this.received += chunk.length;
      done();
    };
    for (const done of this.held.splice(0)) done();
  }
  status() {
    return this;
  }
  type() {
    return this;
  }
  setHeader() {
    return this;
  }
}

function countingStore() {
  const counter = { pulled: 0, released: false };
  const store = {
    countByTime: async () => TOTAL,
    async *iterateByTime(): AsyncIterableIterator<LoggedEvent> {
      try {
        for (let i = 1; i <= TOTAL; i++) {
          counter.pulled++;
          yield { ...reading, id: `s:${i}`, tsMs: reading.tsMs + i, seq: i };
        }
      } finally {
        counter.released = true;
      }
    },
  } as unknown as EventStore;
  return { store, counter };
}

const until = (ok: () => boolean) =>
  vi.waitFor(() => expect(ok()).toBe(true), { timeout: 1000, interval: 5 });
const settle = () => new Promise((r) => setTimeout(r, 50));
const filter = { fromMs: reading.tsMs, toMs: reading.tsMs + TOTAL + 1 };

describe('replay export under a client that does not read', () => {
  it('stops pulling from the store once the response is full, and finishes the range once the client reads', async () => {
    const { store, counter } = countingStore();
    const client = new SlowClient();
    const done = streamExport(client as unknown as Response, store, filter, undefined, 'ndjson');
    await settle();
    const lineBytes = JSON.stringify({ ...reading, id: 's:1', seq: 1 }).length;
    // What is held is one buffer's worth of lines, plus the one that found it full.
    expect(counter.pulled).toBeGreaterThan(0);
    expect(counter.pulled).toBeLessThanOrEqual(Math.ceil(HIGH_WATER / lineBytes) + 2);
    const heldWhilePaused = counter.pulled;
    await settle();
    expect(counter.pulled).toBe(heldWhilePaused);

    client.readAll();
    await done;
    expect(counter.pulled).toBe(TOTAL);
    expect(client.received).toBeGreaterThan(TOTAL * lineBytes * 0.9);
    expect(client.writableEnded).toBe(true);
  });

  it('releases the store as soon as the client goes away', async () => {
    const { store, counter } = countingStore();
    const client = new SlowClient();
    const done = streamExport(client as unknown as Response, store, filter, undefined, 'csv');
    await until(() => counter.pulled > 0);
    await settle();
    client.destroy();
    await done;
    expect(counter.released).toBe(true);
    expect(counter.pulled).toBeLessThan(TOTAL);
  });
});
