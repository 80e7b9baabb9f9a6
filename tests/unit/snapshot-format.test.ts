import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AREAS_2021, makeRollup } from '../../geo/areas';
import { applyEvents, emptyDashboardState } from '../../protocol';
import { createStateEngine } from '../../server/engine/state-engine';
import { openSqliteStore } from '../../server/store/sqlite-store';
import { decodeSnapshot, SNAPSHOT_VERSION } from '../../server/store/snapshot-format';
import { logged, reading } from '../fixtures/events';

const rollup = makeRollup(AREAS_2021);
let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

/** A store whose only snapshot is `body`, written as an older server did (straight into the table). */
function storeWithSnapshot(body: unknown) {
  dir = mkdtempSync(path.join(tmpdir(), 'ioc-snap-'));
  const file = path.join(dir, 'events.sqlite');
  openSqliteStore(file).close();
  const db = new Database(file);
  db.prepare('INSERT INTO snapshots (seq, max_ts_ms, body) VALUES (?, ?, ?)').run(0, 0, JSON.stringify(body));
  db.close();
  return openSqliteStore(file);
}

describe('stored snapshots', () => {
  it('migrates one stored before alerts existed once, on load, so the engine folds on with alerts', async () => {
    const { alerts: _, ...before } = emptyDashboardState();
    const store = storeWithSnapshot({ ...before, seq: 0 });
    // Held for the water level's on-delay (5 readings over 4 minutes), so it raises.
    const held = [0, 1, 2, 3, 4, 5].map((m) => ({
      ...reading,
      id: `r${m}`,
      tsMs: reading.tsMs + m * 60_000,
    }));
    await store.append(logged(...held).map(({ seq: _s, ...e }) => e));
    const engine = await createStateEngine(store, rollup);
    expect(engine.state.alerts.recent.map((a) => a.severity)).toEqual(['critical']);
    expect((await engine.stateAt(reading.tsMs + 5 * 60_000)).alerts.conditions).toHaveProperty(
      `sensor:${reading.siteId}`,
    );
    await store.close();
  });

  it('writes the layout version with the state, and reads back what it wrote', async () => {
    const store = storeWithSnapshot(null);
    const state = applyEvents(emptyDashboardState(), logged(reading), rollup);
    await store.saveSnapshot(state, reading.tsMs);
    expect((await store.latestSnapshot())?.state).toEqual(state);
    await store.close();
    const db = new Database(path.join(dir, 'events.sqlite'));
    const row = db.prepare('SELECT body FROM snapshots WHERE seq = 1').get() as { body: string };
    db.close();
    expect(JSON.parse(row.body)).toMatchObject({ version: SNAPSHOT_VERSION, state: { seq: 1 } });
  });

  it('refuses a layout newer than it knows rather than misread it', () => {
    expect(() => decodeSnapshot({ version: SNAPSHOT_VERSION + 1, state: emptyDashboardState() })).toThrow(
      /layout/,
    );
  });
});
