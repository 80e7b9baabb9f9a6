import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IocEvent } from '../../protocol';
import type { ClockAnchor } from '../../server/cluster/scenario-lease';
import { createScenario, planResumeMs, type Scenario } from '../../server/scenario';
import { openSqliteStore } from '../../server/store/sqlite-store';
import type { EventStore } from '../../server/store/event-store';

const START = Date.parse('2021-08-01T08:00:00+07:00');
const sim = { enabled: true, seed: 4, startMs: START, speed: 60, historyFromMs: START - 60_000 };

describe('scenario (simulator + clock) resumed from the log', () => {
  let dir = '';
  let store: EventStore;
  const running: Scenario[] = [];
  afterEach(async () => {
    for (const s of running.splice(0)) await s.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function scenario(anchors: Omit<ClockAnchor, 'holder'>[] = []) {
    const s = createScenario({
      store,
      sim,
      send: async (events: IocEvent[]) => void (await store.append(events)),
      snapshot: async () => {},
      onClock: (a) => void anchors.push(a),
    });
    running.push(s);
    return s;
  }

  function open() {
    dir = mkdtempSync(path.join(tmpdir(), 'ioc-scenario-'));
    store = openSqliteStore(path.join(dir, 'events.sqlite'));
  }

  it('backfills with the clock standing at the start, then runs it; a real source does not move the resume point', async () => {
    open();
    const anchors: Omit<ClockAnchor, 'holder'>[] = [];
    const s = scenario(anchors);
    await s.start();
    expect(anchors.map((a) => [a.scenarioMs, a.speed])).toEqual([
      [START, 0],
      [START, 60],
    ]);
    expect(s.clock().speed()).toBe(60);
    const backfilled = await planResumeMs(store);
    expect(backfilled).toBeGreaterThan(sim.historyFromMs);
    expect(backfilled).toBeLessThan(START);
    // A real sensor stamped with today's time: the scenario must not jump to it.
    const real: Record<string, unknown> = { ...(await store.readAfter(0, 1))[0]! };
    delete real.seq;
    await store.append([{ ...real, source: 'real-gateway', tsMs: Date.UTC(2026, 0, 1) } as IocEvent]);
    expect(await store.lastEventTsMs(real.stream as 'sensor')).toBe(Date.UTC(2026, 0, 1));
    expect(await planResumeMs(store)).toBe(backfilled);
  });

  it('keeps the cluster clock of a holder that just died, and restarts it where the log stands after a long outage', async () => {
    open();
    const first = scenario();
    await first.start();
    await first.stop();
    const logAt = await planResumeMs(store);
    const from = Math.max(START, logAt);

    // The previous holder's clock is 10 s of real time ahead of the log: kept, the gap is sent on the first tick.
    const recent: ClockAnchor = { scenarioMs: from, realMs: Date.now() - 10_000, speed: 60, holder: 'a' };
    const anchors: Omit<ClockAnchor, 'holder'>[] = [];
    const takeover = scenario(anchors);
    await takeover.start(recent);
    expect(anchors.at(-1)).toEqual(recent);
    await takeover.stop();

    // An hour of real time ahead: the cluster was down; the clock restarts at the log (no hour of catch-up).
    const stale: ClockAnchor = { scenarioMs: from, realMs: Date.now() - 3600_000, speed: 60, holder: 'a' };
    const later: Omit<ClockAnchor, 'holder'>[] = [];
    const restart = scenario(later);
    const before = Date.now();
    await restart.start(stale);
    const resumed = later.at(-1)!;
    expect(resumed.scenarioMs).toBeGreaterThanOrEqual(from);
    expect(resumed.scenarioMs).toBeLessThan(from + 3600_000);
    expect(resumed.realMs).toBeGreaterThanOrEqual(before);
  });

  it('stops sending at once: a stopped run adds nothing to the log', async () => {
    open();
    const s = scenario();
    await s.start();
    await s.stop();
    const head = await store.lastSeq();
    await new Promise((r) => setTimeout(r, 600));
    expect(await store.lastSeq()).toBe(head);
    expect(s.cursorMs()).toBeNull();
  });
});
