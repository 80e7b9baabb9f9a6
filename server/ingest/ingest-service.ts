import {
  outOfTime,
  type IocEvent,
  type AreaRollup,
  type DataStreamName,
  type ErrorReason,
  type EventTimeBounds,
  type IngestItemResult,
  type IngestReport,
  type LoggedEvent,
  type ReportLedger,
} from '../../protocol';
import type { Aggregator, EventStore } from '../store/event-store';
import { dailyIncrements, ledgerThrough } from './daily-aggregates';
import { admissionRefusal, type AdmissionRules } from './event-admission';
import { createGroupCommit } from './group-commit';
import { checkItems, type ItemCheck } from './item-checks';
import type { ValidationPool } from './validation-pool';

/**
 * Who is writing. `source`: an external source through `/ingest` or `POST /api/ingest`, which may write the
 * data streams only. `server`: code of this process (simulators, operator actions already checked by the
 * operator guard), which may also write `ops`.
 */
export type IngestOrigin = 'source' | 'server';

/**
 * What one ingest token may write: as which source (null: any), which data streams and which areas (an area
 * and everything under it; null: all). The environment's shared tokens have no limits (compatibility).
 */
export interface WriterScope {
  source: string | null;
  streams: readonly DataStreamName[] | null;
  areas: readonly string[] | null;
}

export interface IngestService {
  /**
   * Validates each item on its own, appends the valid ones durably, then hands them on. The returned report is
   * the acknowledgement: it resolves only after the store has made the accepted events durable.
   */
  ingest(
    items: readonly unknown[],
    origin?: IngestOrigin,
    /** A source name alone binds the source and leaves streams and areas open. */
    scope?: string | null | WriterScope,
  ): Promise<IngestReport>;
  /**
   * The in-process simulator's path: its events are built by our own code from the seed and cross no
   * boundary, so they skip the schema check (a third of the backfill's CPU). tests/unit/sim-plan-schema.test.ts
   * proves every event of the default backfill passes the schema. Same queue, area check, log and hand-on.
   */
  appendPlanned(events: readonly IocEvent[]): Promise<PlannedAppendReport>;
}

export interface PlannedAppendReport {
  accepted: number;
  duplicates: number;
  /** Events whose area this installation does not know (another area set): left out, like `ingest` does. */
  rejected: number;
}

export interface IngestDeps {
  store: EventStore;
  rollup: AreaRollup;
  isKnownArea: (code: string) => boolean;
  /** Called with the newly accepted events, in seq order, after they are durable. */
  onAccepted: (events: LoggedEvent[]) => void;
  /** What is taken in besides a valid shape: event time, sites, official COVID sources. */
  rules: AdmissionRules;
  /** The report ledger of every event logged so far (the live state's), for the COVID aggregates. */
  reports?: () => ReportLedger | undefined;
  /** Seq of the last event that ledger has taken: on a shared log, the store hands over what came after. */
  reportsSeq?: () => number;
  /** The span of event time accepted, read per request since the clock moves. */
  timeBounds: () => EventTimeBounds;
  /** Worker threads for the schema checks of larger batches; without it they run in this thread. */
  validation?: ValidationPool;
}

const UNSCOPED: WriterScope = { source: null, streams: null, areas: null };

function scopeOf(scope: string | null | WriterScope | undefined): WriterScope {
  if (scope === undefined || scope === null) return UNSCOPED;
  return typeof scope === 'string' ? { ...UNSCOPED, source: scope } : scope;
}

/**
 * Smallest batch whose schema check goes to the validation pool: for a handful of items the structured clone
 * there and back costs the main thread more than the check it saves.
 */
export const POOL_MIN_ITEMS = 16;

/**
 * Most events one grouped transaction takes. A commit holds the event loop: at 4000 events it is some tens of
 * milliseconds. The pipeline bench at 50.000 ev/s put p99 at 210 ms with 4000, 337 ms with 8000 and 783 ms with
 * 2000 (more commits), so 4000.
 */
const GROUP_MAX_EVENTS = 4_000;

export function createIngestService(deps: IngestDeps): IngestService {
  // On a shared log the live state may not have taken another node's last appends yet: the store hands them
  // over (after `seenSeq`), so a province report is reconciled with district reports logged a moment before.
  const aggregate: Aggregator = Object.assign(
    (news: readonly LoggedEvent[], missed: readonly LoggedEvent[] = []) =>
      dailyIncrements(news, deps.rollup, ledgerThrough(deps.reports?.(), missed, deps.rollup)),
    deps.reportsSeq ? { seenSeq: deps.reportsSeq } : {},
  );
  // One group of requests at a time: the engine and the fan-out see events in seq order whatever the store, and
  // messages that arrive together share a transaction.
  const append = createGroupCommit({
    // The live state's ledger is that of every event before this group: groups commit one at a time, and the
    // engine takes each group before the next one starts.
    append: (events) => deps.store.append(events, aggregate),
    onAccepted: deps.onAccepted,
    maxEvents: GROUP_MAX_EVENTS,
  });
  return {
    ingest(items, origin = 'server', scope = null) {
      return ingestChecked(items, origin, scopeOf(scope));
    },
    async appendPlanned(events) {
      const bounds = deps.timeBounds();
      const fits = (e: IocEvent) => deps.isKnownArea(e.area) && !outOfTime(e, bounds);
      const known = events.every(fits) ? events : events.filter(fits);
      const { accepted } = await append(known);
      return {
        accepted: accepted.length,
        duplicates: known.length - accepted.length,
        rejected: events.length - known.length,
      };
    },
  };

  function ingestChecked(items: readonly unknown[], origin: IngestOrigin, scope: WriterScope) {
    // Read on arrival, as before the checks moved: a batch is judged by the clock of the moment it came in.
    const ctx = { rules: deps.rules, bounds: deps.timeBounds(), scope, rollup: deps.rollup };
    const admit = (checks: ItemCheck[]) => admitChecked(checks, origin, ctx);
    if (!deps.validation || items.length < POOL_MIN_ITEMS) return appendAdmitted(admit(checkItems(items)));
    // The batch takes its place in the append order now; the checks fill it in when the worker answers.
    return appendAdmitted(deps.validation.check(items).then(admit));
  }

  async function appendAdmitted(admitted: Admitted | Promise<Admitted>): Promise<IngestReport> {
    // Empty requests queue too: `ingest([])` resolving means every append before it is durable (shutdown uses it).
    const appended = append(admitted instanceof Promise ? admitted.then((a) => a.valid) : admitted.valid);
    // The append first: if the checks failed it fails with them, and no rejection is left without a listener.
    const { outcomes, accepted } = await appended;
    const { results, valid, validIndex } = await admitted;
    outcomes.forEach((o, i) => {
      const index = validIndex[i]!;
      results[index] = { index, id: valid[i]!.id, status: o.status, seq: o.seq };
    });

    const count = (s: IngestItemResult['status']) => results.filter((r) => r.status === s).length;
    return {
      accepted: accepted.length,
      duplicates: count('duplicate'),
      rejected: count('rejected'),
      results,
    };
  }

  function admitChecked(
    checks: readonly ItemCheck[],
    origin: IngestOrigin,
    ctx: Parameters<typeof admissionRefusal>[1],
  ): Admitted {
    const { scope } = ctx;
    const results: IngestItemResult[] = new Array(checks.length);
    const refuse = (index: number, id: string, reason: ErrorReason, details: string) =>
      (results[index] = { index, id, status: 'rejected', reason, details });
    const valid: IocEvent[] = [];
    const validIndex: number[] = [];
    checks.forEach((check, index) => {
      if (!check.ok) {
        results[index] = {
          index,
          id: check.id,
          status: 'rejected',
          reason: 'invalid_payload',
          details: check.details,
        };
        return;
      }
      const ev = check.event;
      if (!deps.isKnownArea(ev.area)) {
        const details = `area "${ev.area}" is not an administrative unit of this installation`;
        results[index] = { index, id: ev.id, status: 'rejected', reason: 'unknown_area', details };
      } else if (origin === 'source' && ev.stream === 'ops') {
        // An ingest token is the right to report facts, not to act as an operator on alerts or rules.
        const details = 'sources may not write the ops stream; operator actions need an operator token';
        results[index] = { index, id: ev.id, status: 'rejected', reason: 'unauthorized', details };
      } else if (scope.source !== null && ev.source !== scope.source) {
        // A per-source token speaks for its own source only, so a leaked one cannot forge another's events.
        const details = `this token belongs to source "${scope.source}", not "${ev.source}"`;
        results[index] = { index, id: ev.id, status: 'rejected', reason: 'unauthorized', details };
      } else {
        const why = admissionRefusal(ev, ctx);
        if (why) return void refuse(index, ev.id, why[0], why[1]);
        valid.push(ev);
        validIndex.push(index);
      }
    });
    return { results, valid, validIndex };
  }
}

/** A batch after its checks: the answers so far (refusals), and the valid events with their indexes. */
interface Admitted {
  results: IngestItemResult[];
  valid: IocEvent[];
  validIndex: number[];
}
