import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMATIC_2021 } from '../../geo';
import type { HealthResponse } from '../../protocol';
import { createApp, type App } from '../../server/app';
import type { EventStore } from '../../server/store/event-store';
import { openSqliteStore } from '../../server/store/sqlite-store';

type Outage = 'up' | 'failing' | 'hanging';

/** The real SQLite store behind a switch: every call fails (as PostgreSQL unreachable) or never answers. */
function storeWithOutage(inner: EventStore) {
  const state = { outage: 'up' as Outage };
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (state.outage === 'failing')
          return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
        if (state.outage === 'hanging') return new Promise(() => {});
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store, state };
}

describe('liveness and readiness while the store is down (issue 21, finding 9)', () => {
  let app: App | undefined;
  let inner: EventStore | undefined;
  let dir = '';
  let outage: { outage: Outage } = { outage: 'up' };
  afterEach(async () => {
    outage.outage = 'up';
    await app?.close();
    await inner?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start() {
    dir = mkdtempSync(path.join(tmpdir(), 'ioc-live-'));
    inner = openSqliteStore(path.join(dir, 'events.sqlite'));
    const wrapped = storeWithOutage(inner);
    outage = wrapped.state;
    app = await createApp({
      store: wrapped.store,
      clock: { now: () => Date.UTC(2021, 7, 1, 1), speed: () => 1 },
      areaSet: SCHEMATIC_2021,
      ingestTokens: ['liveness-token-0123456789'],
      batchWindowMs: 50,
      version: 'test',
    });
    await new Promise<void>((resolve) => app!.httpServer.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  }
  const get = async (url: string) => {
    const res = await fetch(url);
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it('keeps /api/health at 200 with the store down, and /api/ready at 503 saying it is the store', async () => {
    const url = await start();
    expect(await get(`${url}/api/health`)).toMatchObject({
      status: 200,
      body: { status: 'ok', store: 'ok' },
    });
    expect(await get(`${url}/api/ready`)).toEqual({ status: 200, body: { status: 'ready' } });

    outage.outage = 'failing';
    const health = await get(`${url}/api/health`);
    expect(health.status).toBe(200);
    const body = health.body as HealthResponse;
    expect(body).toMatchObject({ status: 'ok', store: 'down', version: 'test' });
    expect(Object.values(body.streams).every((s) => s.lastEventTsMs === null)).toBe(true);
    expect(await get(`${url}/api/ready`)).toEqual({
      status: 503,
      body: { error: 'not_ready', details: 'event store: connect ECONNREFUSED 127.0.0.1:5432' },
    });

    outage.outage = 'up';
    expect(await get(`${url}/api/health`)).toMatchObject({ status: 200, body: { store: 'ok' } });
    expect((await get(`${url}/api/ready`)).status).toBe(200);
  });

  it('answers /api/health at once when the store hangs, and /api/ready 503 once its check times out', async () => {
    const url = await start();
    outage.outage = 'hanging';
    const t0 = Date.now();
    const health = await get(`${url}/api/health`);
    // A probe's usual timeout is a second or more: the answer comes well within it.
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(health).toMatchObject({ status: 200, body: { status: 'ok', store: 'down' } });
    expect(await get(`${url}/api/ready`)).toEqual({
      status: 503,
      body: { error: 'not_ready', details: 'event store: timed out' },
    });
  });
});
