import { describe, expect, it } from 'vitest';
import { applyEvents, type LoggedEvent, type SensorReading } from '../../protocol';
import { AREAS_2021, makeRollup } from '../../geo/areas';
import { nextAlert, type AlertSearch } from '../../server/replay/find-alert';
import type { EventStore } from '../../server/store/event-store';
import { reading, stateWithRules } from '../fixtures/events';

const rollup = makeRollup(AREAS_2021);
const MIN = 60_000;
const T0 = reading.tsMs;

/** A water-level reading at the alarm level, `dtMin` minutes after the fixture's time. */
const alarmAt = (seq: number, dtMin: number, siteId: string): LoggedEvent => ({
  ...(reading satisfies SensorReading),
  id: `${siteId}:${dtMin}`,
  siteId,
  tsMs: T0 + dtMin * MIN,
  value: 2.1,
  seq,
});

const LOG: LoggedEvent[] = [alarmAt(1, 10, 'LA-WL-794-01'), alarmAt(2, 20, 'LA-WL-794-02')];

/** Only what `readWindow` reads of a store: events of [fromMs, toMs) by time. */
const store = {
  async *iterateByTime({ fromMs, toMs }: { fromMs: number; toMs: number }) {
    for (const e of LOG) if (e.tsMs >= fromMs && e.tsMs < toMs) yield e;
  },
} as unknown as EventStore;

/** A seek's state: the log up to the instant, less the events a seek knows better of (the sensor history's). */
const seekIgnoring =
  (ignored: ReadonlySet<number>): AlertSearch['stateAt'] =>
  async (atMs) =>
    applyEvents(
      stateWithRules(),
      LOG.filter((e) => e.tsMs <= atMs && !ignored.has(e.seq)),
      rollup,
    );

describe('the next alert a replay jumps to', () => {
  it('is the first one the fold from the cursor raises, when a seek there shows it', async () => {
    const found = await nextAlert(
      { store, rollup, stateAt: seekIgnoring(new Set()) },
      stateWithRules(),
      T0,
      T0 + 60 * MIN,
    );
    expect(found).toMatchObject({ siteId: 'LA-WL-794-01', raisedTsMs: T0 + 10 * MIN });
  });

  it('passes over an alert that a seek to its instant does not show, to the next one that it does', async () => {
    // The fold from the cursor raises the first site's alarm; a seek at its instant does not (as a site latched
    // from the sensor history is not silent to a seek): jumping there would show a state without it.
    const stateAt = seekIgnoring(new Set([1]));
    const found = await nextAlert({ store, rollup, stateAt }, stateWithRules(), T0, T0 + 60 * MIN);
    expect(found).toMatchObject({ siteId: 'LA-WL-794-02', raisedTsMs: T0 + 20 * MIN });
    const seen = await stateAt(found!.raisedTsMs);
    expect(seen.alerts.recent.map((a) => a.id)).toContain(found!.id);
  });
});
