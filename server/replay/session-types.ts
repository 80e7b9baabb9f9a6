import type {
  DashboardState,
  AreaRollup,
  AreaTree,
  ReplayBatch,
  ReplayJumpResult,
  ReplayPosition,
  ReplaySnapshot,
  ReplaySpeed,
} from '../../protocol';
import type { EventStore } from '../store/event-store';

export interface ReplaySessionDeps {
  store: EventStore;
  /** Every event with tsMs ≤ atMs folded in seq order: the state engine's definition, shared with live. */
  stateAt: (atMs: number) => Promise<DashboardState>;
  rollup: AreaRollup;
  /** The tree `rollup` describes, sent to the analyst's browser so it folds the batches the same way. */
  areaTree: () => AreaTree;
  /** Latest event time in the log; playing stops there. */
  endMs: () => Promise<number>;
  tickMs: number;
  /** The bound of the session's buffer: at most one unacknowledged batch of at most this many events. */
  maxBatchEvents: number;
  realNow?: () => number;
  onStall?: () => void;
  /**
   * Each site's last reading at `atMs` from outside the log (the sensor history), set into the state; the same
   * object when nothing changed. Played batches then carry the whole state, since the readings have no seq.
   */
  latch?: (state: DashboardState, atMs: number) => DashboardState;
}

export interface ReplaySessionStats {
  epoch: number;
  cursorMs: number;
  playing: boolean;
  batchesSent: number;
  /** Events of the batch the client has not acknowledged yet; 0 when none is out. */
  unackedEvents: number;
  stalledTicks: number;
}

export type SendBatch = (batch: ReplayBatch, done: () => void) => void;

export interface ReplaySession {
  seek(atMs: number): Promise<ReplaySnapshot>;
  play(speed: ReplaySpeed, untilMs?: number): Promise<ReplayPosition>;
  pause(): Promise<ReplayPosition>;
  step(count: number): Promise<ReplaySnapshot>;
  jump(direction: 'next' | 'previous'): Promise<ReplayJumpResult>;
  stats(): ReplaySessionStats;
  close(): void;
}
