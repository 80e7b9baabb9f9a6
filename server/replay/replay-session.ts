import {
  applyEvents,
  emptyDashboardState,
  type LoggedEvent,
  type ReplayBatch,
  type ReplayPosition,
  type ReplaySnapshot,
  type ReplaySpeed,
} from '../../protocol';
import type { ReplaySession, ReplaySessionDeps, SendBatch } from './session-types';
import { nextAlert, previousAlert } from './find-alert';
import { playTarget } from './play-target';
import { readWindow } from './read-window';
import { stepTarget } from './step-target';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export type { ReplaySession, ReplaySessionDeps, ReplaySessionStats, SendBatch } from './session-types';

/**
 * One analyst's replay: its own clock, state and timer, reading the shared log and never touching live state.
 * Commands and clock ticks run one at a time, so a seek never interleaves with a batch being built.
 */
export function createReplaySession(deps: ReplaySessionDeps, send: SendBatch): ReplaySession {
  const realNow = deps.realNow ?? Date.now;
  let epoch = 0;
  let cursorMs = 0;
  let endMs = 0;
  let state = emptyDashboardState();
  let playing = false;
  let speed: ReplaySpeed = 60;
  let untilMs = Number.MAX_SAFE_INTEGER;
  let lastAdvanceMs = realNow();
  let unacked: { token: number; events: number } | null = null;
  let token = 0;
  let batchesSent = 0;
  let stalledTicks = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  let closed = false;
  let chain: Promise<unknown> = Promise.resolve();

  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    // A turn of the event loop before each: queued seeks would otherwise fold one after another in a single
    // stretch of microtasks, with every HTTP request and dashboard of the server waiting behind them.
    const run = chain.then(nextTurn).then(fn);
    chain = run.catch(() => undefined);
    return run;
  };
  const position = (): ReplayPosition => ({ epoch, cursorMs, playing, speed, endMs });
  // The version of the tree the browser holds: a batch carries the tree only when it has changed since.
  let sentTree = 0;
  const snapshot = (): ReplaySnapshot => {
    const areaTree = deps.areaTree();
    sentTree = areaTree.version;
    return { position: position(), state, areaTree };
  };
  const treeIfChanged = () => {
    const areaTree = deps.areaTree();
    if (areaTree.version === sentTree) return {};
    sentTree = areaTree.version;
    return { areaTree };
  };
  const stopTimer = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };

  /** Folds (cursorMs, toMs]; a late event that seq order would skip makes it a full re-fold instead. */
  const advance = async (events: LoggedEvent[], toMs: number) => {
    const late = events.some((e) => e.seq <= state.seq);
    state = late ? await deps.stateAt(toMs) : applyEvents(state, events, deps.rollup);
    cursorMs = toMs;
    return late;
  };

  const tick = async () => {
    if (!playing || closed) return;
    if (unacked) {
      stalledTicks++;
      deps.onStall?.();
      return;
    }
    endMs = await deps.endMs();
    const now = realNow();
    const target = playTarget(cursorMs, speed, now - lastAdvanceMs, Math.min(untilMs, endMs));
    lastAdvanceMs = now;
    const fromMs = cursorMs;
    const win = await readWindow(deps.store, cursorMs, target, deps.maxBatchEvents);
    const folded = await advance(win.events, win.toMs);
    const latched = deps.latch ? deps.latch(state, cursorMs) : state;
    const late = folded || latched !== state;
    state = latched;
    if (cursorMs >= Math.min(untilMs, endMs)) {
      playing = false;
      stopTimer();
    } else if (cursorMs === fromMs) return; // nothing moved: no batch to draw
    const sent = (unacked = { token: ++token, events: late ? 0 : win.events.length });
    batchesSent++;
    const batch: ReplayBatch = late
      ? { position: position(), fromMs, ...treeIfChanged(), state }
      : { position: position(), fromMs, ...treeIfChanged(), events: win.events };
    send(batch, () => {
      if (unacked === sent) unacked = null;
    });
  };

  const seekNow = async (atMs: number) => {
    epoch++;
    unacked = null;
    endMs = await deps.endMs();
    state = await deps.stateAt(atMs);
    cursorMs = atMs;
    lastAdvanceMs = realNow();
    return snapshot();
  };

  return {
    seek: (atMs) => serial(() => seekNow(atMs)),
    play: (nextSpeed, until) =>
      serial(async () => {
        speed = nextSpeed;
        untilMs = until ?? Number.MAX_SAFE_INTEGER;
        if (!playing && !closed) {
          playing = true;
          lastAdvanceMs = realNow();
          timer = setInterval(() => void serial(tick), deps.tickMs);
        }
        return position();
      }),
    pause: () =>
      serial(async () => {
        playing = false;
        stopTimer();
        return position();
      }),
    step: (count) =>
      serial(async () => {
        playing = false;
        stopTimer();
        epoch++;
        unacked = null;
        endMs = await deps.endMs();
        const target = await stepTarget(deps.store, cursorMs, count, endMs);
        if (target !== null)
          await advance((await readWindow(deps.store, cursorMs, target, Infinity)).events, target);
        return snapshot();
      }),
    jump: (direction) =>
      serial(async () => {
        endMs = await deps.endMs();
        const alert =
          direction === 'next'
            ? await nextAlert(deps, state, cursorMs, endMs)
            : previousAlert(state, cursorMs);
        return { ...(alert ? await seekNow(alert.raisedTsMs) : snapshot()), alert };
      }),
    stats: () => ({
      epoch,
      cursorMs,
      playing,
      batchesSent,
      unackedEvents: unacked?.events ?? 0,
      stalledTicks,
    }),
    close() {
      closed = true;
      playing = false;
      stopTimer();
    },
  };
}
