import type { Request, Router } from 'express';
import type { Socket } from 'socket.io';
import {
  ReplayExportQuery,
  ReplayTimelineQuery,
  parseInstant,
  type AreaRollup,
  type AreaTree,
  type DashboardState,
  type EventTimeBounds,
} from '../../protocol';
import { guardedRouter, type GuardFor } from '../http/guarded-router';
import { HttpError } from '../http/http-error';
import { parseQuery } from '../http/parse-query';
import { withholdOpsDetails } from '../security/ops-redaction';
import type { EventStore } from '../store/event-store';
import type { MessageGuard } from '../security/message-guard';
import { setupReplayNamespace, type ReplayNamespace, type ReplaySessionLimits } from './replay-namespace';
import type { ReplaySessionDeps, ReplaySessionStats } from './replay-session';
import { streamExport } from './export-events';
import { buildTimeline } from './timeline';
import { withinFoldBounds } from './bounded-store';

/** How often a playing session advances: five batches a second look smooth and cost little. */
export const REPLAY_TICK_MS = 200;
/** The per-session buffer bound: one unacknowledged batch of at most this many events. */
export const REPLAY_MAX_BATCH_EVENTS = 5000;
const MAX_TIMELINE_RANGE_MS = 400 * 86_400_000;

export interface ReplayDeps {
  store: EventStore;
  stateAt: (atMs: number) => Promise<DashboardState>;
  rollup: AreaRollup;
  /** The tree `rollup` describes; sessions send it with their snapshots and with a batch after it changed. */
  areaTree: () => AreaTree;
  tickMs?: number;
  maxBatchEvents?: number;
  onStall?: () => void;
  /** Codes of the areas under an area (itself included), for the export's `area` filter. */
  areasWithin?: (code: string) => string[];
  /** The guard of the timeline and export routes (server/auth/access.ts). */
  guard: GuardFor;
  /**
   * Whether a session's socket or an export's caller holds the operate right; others get operators' names and
   * comments withheld. Everyone sees them when omitted (tests of replay alone).
   */
  seesOpsDetails?: { socket: (socket: Socket) => boolean; request: (req: Request) => boolean };
  /** The per-socket and per-principal allowance every replay command is charged against. */
  messageGuard: MessageGuard;
  /** Open sessions allowed in total and per principal; DEFAULT_REPLAY_SESSION_LIMITS when omitted. */
  sessionLimits?: ReplaySessionLimits;
  /** The state engine's fold bounds: what a replay plays, steps and jumps through; exports keep the whole log. */
  foldBounds?: () => EventTimeBounds;
  /** Sets each site's last reading from the sensor history into a played state (session-types.ts). */
  latch?: ReplaySessionDeps['latch'];
}

export interface Replay {
  /** Mounted at `/api/replay`: `GET /timeline?from&to&buckets`, `GET /export?from&to&format&stream&area`. */
  router: Router;
  /** Per open session (keyed by socket id): what it holds and sent, for tests and operators. */
  stats(): Record<string, ReplaySessionStats>;
  close(): void;
}

/** The analyst replay: the `/replay` namespace (one isolated session per socket) and its timeline endpoint. */
export function createReplay(nsp: ReplayNamespace, deps: ReplayDeps): Replay {
  const { store } = deps;
  const endMs = async () => {
    const ts = await Promise.all(
      (['dossier', 'sensor', 'covid'] as const).map((s) => store.lastEventTsMs(s)),
    );
    return Math.max(0, ...ts.map((t) => t ?? 0));
  };
  const folded = deps.foldBounds ? withinFoldBounds(store, deps.foldBounds) : store;
  const sessions = setupReplayNamespace(
    nsp,
    {
      store: folded,
      stateAt: deps.stateAt,
      rollup: deps.rollup,
      areaTree: deps.areaTree,
      endMs,
      tickMs: deps.tickMs ?? REPLAY_TICK_MS,
      maxBatchEvents: deps.maxBatchEvents ?? REPLAY_MAX_BATCH_EVENTS,
      ...(deps.onStall ? { onStall: deps.onStall } : {}),
      ...(deps.latch ? { latch: deps.latch } : {}),
    },
    deps.messageGuard,
    deps.sessionLimits,
    deps.seesOpsDetails?.socket ?? (() => true),
  );

  const r = guardedRouter(deps.guard);
  r.get('/timeline', 'read', async (req, res) => {
    const q = parseQuery(ReplayTimelineQuery, req.query);
    const fromMs = parseInstant(q.from);
    const toMs = parseInstant(q.to);
    if (Number.isNaN(fromMs) || Number.isNaN(toMs) || toMs <= fromMs || toMs - fromMs > MAX_TIMELINE_RANGE_MS)
      throw new HttpError(
        400,
        'invalid_query',
        'from and to must be instants, to after from, 400 days at most',
      );
    res.json(await buildTimeline({ ...deps, store: folded }, fromMs, toMs, q.buckets));
  });
  r.get('/export', 'read', async (req, res) => {
    const q = parseQuery(ReplayExportQuery, req.query);
    const fromMs = parseInstant(q.from);
    const toMs = parseInstant(q.to);
    if (Number.isNaN(fromMs) || Number.isNaN(toMs) || toMs <= fromMs)
      throw new HttpError(400, 'invalid_query', 'from and to must be instants, to after from');
    const areas = q.area === undefined ? undefined : (deps.areasWithin?.(q.area) ?? [q.area]);
    if (areas?.length === 0) throw new HttpError(404, 'unknown_area', `no area with code "${q.area}"`);
    const filter = { fromMs, toMs, ...(q.stream ? { stream: q.stream } : {}), ...(areas ? { areas } : {}) };
    const withhold = !(deps.seesOpsDetails?.request(req) ?? true);
    await streamExport(res, store, filter, q.area, q.format, withhold ? withholdOpsDetails : undefined);
  });

  return {
    router: r.router,
    stats: () => Object.fromEntries([...sessions].map(([id, s]) => [id, s.stats()])),
    close: () => {
      for (const s of sessions.values()) s.close();
    },
  };
}
