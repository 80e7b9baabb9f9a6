import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clockFromAnchor,
  leaseKey,
  startScenarioLease,
  type ScenarioLease,
} from '../../server/cluster/scenario-lease';
import { openPostgresStore } from '../../server/store/postgres-store';
import { freshSchema, PG_URL } from './support/services';
import { silentLogger } from '../support/capture-logger';

/** A candidate node: counts its takeovers and losses. */
function candidate(schema: string, holder: string, events: string[]): ScenarioLease {
  return startScenarioLease({
    url: PG_URL,
    schema,
    holder,
    pollMs: 100,
    logger: silentLogger(),
    onAcquired: async () => void events.push(`${holder} acquired`),
    onLost: async () => void events.push(`${holder} lost`),
  });
}

describe('scenario lease (PostgreSQL advisory lock)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function schemaWithTables(): Promise<string> {
    const s = await freshSchema();
    // The store's migrations create scenario_clock.
    const store = await openPostgresStore(PG_URL, { schema: s.schema, max: 1 });
    await store.close();
    cleanups.push(s.drop);
    return s.schema;
  }

  it('is held by one node at a time; the other reads its clock and takes over when its session ends', async () => {
    const schema = await schemaWithTables();
    const events: string[] = [];
    const a = candidate(schema, 'a', events);
    await a.ready;
    const b = candidate(schema, 'b', events);
    await b.ready;
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    expect([a.held(), b.held()]).toEqual([true, false]);
    expect(events).toEqual(['a acquired']);

    const anchor = { scenarioMs: Date.UTC(2021, 7, 1, 1), realMs: Date.now(), speed: 60 };
    await a.publish(anchor);
    // B re-reads the clock on each try; several tries pass and it still does not get the lease.
    await expect.poll(() => b.anchor(), { timeout: 5000 }).toEqual({ ...anchor, holder: 'a' });
    expect(b.held()).toBe(false);
    const tick = Date.now();
    expect(clockFromAnchor(b.anchor()!, () => tick).now()).toBe(
      anchor.scenarioMs + (tick - anchor.realMs) * 60,
    );

    // A clean shutdown ends A's session: B's next try takes the lease.
    await a.close();
    await expect.poll(() => b.held(), { timeout: 5000 }).toBe(true);
    expect(events).toEqual(['a acquired', 'b acquired']);
  });

  it('is lost, and the simulator told to stop, when the holder’s session is terminated', async () => {
    const schema = await schemaWithTables();
    const events: string[] = [];
    const a = candidate(schema, 'a', events);
    await a.ready;
    cleanups.push(() => a.close());
    expect(a.held()).toBe(true);

    // What a database failover or an operator's pg_terminate_backend does to the holder's session.
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    cleanups.push(() => admin.end());
    // This schema's lock only: other test files may hold leases of their own schemas at the same time.
    const [classId, objId] = leaseKey(schema);
    const held = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1::oid AND objid = $2::oid`,
      [String(classId >>> 0), String(objId >>> 0)],
    );
    expect(held.rows).toHaveLength(1);
    for (const { pid } of held.rows) await admin.query('SELECT pg_terminate_backend($1)', [pid]);

    await expect.poll(() => events.includes('a lost'), { timeout: 5000 }).toBe(true);
    // Nobody else wants it: A takes it again on its next try, with a new session.
    await expect.poll(() => a.held(), { timeout: 5000 }).toBe(true);
    expect(events).toEqual(['a acquired', 'a lost', 'a acquired']);
  });
});
