import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  applyEvents,
  emptyDashboardState,
  type DashboardState,
  type EventTimeBounds,
  type IocEvent,
  type LoggedEvent,
} from '../../protocol';
import { AREAS_2021, makeRollup } from '../../geo/areas';
import { SENSOR_SITES } from '../../geo';
import { createSimulation } from '../../simulators/plan';
import { createStateEngine } from '../../server/engine/state-engine';
import { createIngestService } from '../../server/ingest/ingest-service';
import { admissionRules, foldBoundsAt, timeBoundsAt } from '../../server/ingest/event-admission';
import { openSqliteStore } from '../../server/store/sqlite-store';
import type { EventStore } from '../../server/store/event-store';

const rollup = makeRollup(AREAS_2021);
// A window with all three streams: the COVID reports of the day come at 17:00.
const START = Date.parse('2021-08-02T16:50:00+07:00');
const END = START + 20 * 60_000;
// One reading in 40 keeps each run small (some sites fall silent: the offline rule has work too).
const PLAN: readonly IocEvent[] = createSimulation({
  seed: 3,
  sites: SENSOR_SITES,
  sensorHistoryFromMs: START,
})
  .eventsBetween(START, END)
  .filter((e, i) => e.stream !== 'sensor' || i % 40 === 0);
const RULES = admissionRules();
/** The IOC clock stands at the end of the window. */
const BOUNDS: EventTimeBounds = timeBoundsAt(RULES, END);

const numbered = (events: readonly IocEvent[]): LoggedEvent[] => events.map((e, i) => ({ ...e, seq: i + 1 }));
/** The state without `seq`: a skipped event still moves it, and it is all it may move. */
const withoutSeq = (s: DashboardState) => ({ ...s, seq: 0 });

const templateOf = (stream: IocEvent['stream']) => PLAN.find((e) => e.stream === stream)!;

/** One event of each stream dated where no event of this installation can be. */
const outOfRange: fc.Arbitrary<IocEvent> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('sensor', 'dossier', 'covid') as fc.Arbitrary<'sensor' | 'dossier' | 'covid'>,
      fc.constantFrom(
        Date.UTC(2099, 11, 31, 12), // the attack of finding 3
        END + 24 * 3600_000, // tomorrow
        END + RULES.futureToleranceMs + 1,
        Date.UTC(2015, 5, 1), // before the history
        RULES.historyFromMs - 1,
      ),
    )
    .map(([stream, tsMs]) => ({ ...templateOf(stream), id: `bad-${stream}-${tsMs}`, tsMs }) as IocEvent),
  fc
    .constantFrom('9999-12-31', '2021-08-04', '2016-01-01', '2018-12-31')
    .map((date) => ({ ...templateOf('covid'), id: `bad-covid-${date}`, date, epidemicLevel: 1 }) as IocEvent),
);

const withOneBad = fc.tuple(outOfRange, fc.nat({ max: PLAN.length }));

describe('one out-of-range event among valid ones', () => {
  it('covers every stream with a plan that holds all three', () => {
    expect(new Set(PLAN.map((e) => e.stream))).toEqual(new Set(['sensor', 'dossier', 'covid']));
  });

  it('leaves the reduced state as it is without it, through the reducers', () => {
    fc.assert(
      fc.property(withOneBad, ([bad, at]) => {
        const all = numbered([...PLAN.slice(0, at), bad, ...PLAN.slice(at)]);
        const without = all.filter((e) => e.seq !== at + 1);
        const a = applyEvents(emptyDashboardState(), all, rollup, BOUNDS);
        const b = applyEvents(emptyDashboardState(), without, rollup, BOUNDS);
        expect(withoutSeq(a)).toEqual(withoutSeq(b));
        expect(a.seq).toBe(all.length);
      }),
      { numRuns: 40 },
    );
  });

  it('would poison the state without the bounds (the 2099 reading moves the sensor clock there)', () => {
    const bad = { ...templateOf('sensor'), id: 'bad', tsMs: Date.UTC(2099, 11, 31) } as IocEvent;
    const s = applyEvents(emptyDashboardState(), numbered([...PLAN, bad]), rollup);
    expect(s.alerts.sensorClockMs).toBe(Date.UTC(2099, 11, 31));
  });

  describe('through ingest and the state engine', () => {
    const stores: EventStore[] = [];
    const dir = mkdtempSync(path.join(tmpdir(), 'ioc-out-of-range-'));
    afterEach(async () => {
      for (const s of stores.splice(0)) await s.close();
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const engineOn = async (store: EventStore) =>
      createStateEngine(store, rollup, undefined, () => foldBoundsAt(RULES, END, END));
    const serviceOn = (store: EventStore, apply: (e: LoggedEvent[]) => void) =>
      createIngestService({
        store,
        rollup,
        isKnownArea: () => true,
        rules: RULES,
        timeBounds: () => BOUNDS,
        onAccepted: apply,
      });
    const open = () => {
      const s = openSqliteStore(path.join(dir, `events-${stores.length}-${Math.random()}.sqlite`));
      stores.push(s);
      return s;
    };

    it('refuses it at ingest with its reason, and the state equals the state without it', async () => {
      await fc.assert(
        fc.asyncProperty(withOneBad, async ([bad, at]) => {
          const [withBad, clean] = [open(), open()];
          const [e1, e2] = [await engineOn(withBad), await engineOn(clean)];
          const report = await serviceOn(withBad, e1.apply).ingest(
            [...PLAN.slice(0, at), bad, ...PLAN.slice(at)],
            'source',
          );
          await serviceOn(clean, e2.apply).ingest([...PLAN], 'source');
          expect(report.results[at]).toMatchObject({
            status: 'rejected',
            reason: expect.stringMatching(/^(future_event|stale_event)$/),
          });
          expect(report.rejected).toBe(1);
          expect(e1.state).toEqual(e2.state);
        }),
        { numRuns: 10 },
      );
    }, 60_000);

    it('skips it on restart when an old log already holds it', async () => {
      await fc.assert(
        fc.asyncProperty(withOneBad, async ([bad, at]) => {
          // Written straight to the log, as the code before the time rule let it through.
          const store = open();
          await store.append([...PLAN.slice(0, at), bad, ...PLAN.slice(at)]);
          const logged = await store.readAfter(0, PLAN.length + 1);
          const restarted = await engineOn(store);
          const expected = applyEvents(
            emptyDashboardState(),
            logged.filter((e) => e.id !== bad.id),
            rollup,
          );
          expect(withoutSeq(restarted.state)).toEqual(withoutSeq(expected));
          // A seek folds the same way.
          expect(withoutSeq(await restarted.stateAt(Date.UTC(2100, 0, 1)))).toEqual(withoutSeq(expected));
        }),
        { numRuns: 10 },
      );
    }, 60_000);
  });
});
