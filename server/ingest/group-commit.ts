import type { IocEvent, LoggedEvent } from '../../protocol';
import type { AppendResult } from '../store/event-store';

export interface GroupCommitOptions {
  /** The store's append: one call is one transaction. */
  append: (events: readonly IocEvent[]) => Promise<AppendResult>;
  /** Called once per group with its new events, in seq order, after they are durable and before any caller hears. */
  onAccepted: (events: LoggedEvent[]) => void;
  /** A group stops growing past this many events (a single larger request still goes whole). */
  maxEvents: number;
}

interface Waiting {
  /** Null while the request's events are still being checked (its place in the order is already taken). */
  events: readonly IocEvent[] | null;
  resolve: (r: AppendResult) => void;
  reject: (err: unknown) => void;
}

/**
 * Appends requests one group at a time, in arrival order. Every request that arrives while a group is being
 * committed (or in the same turn of the event loop) waits for the next group, so many small messages share one
 * transaction and one sync to disk instead of paying one each. Each caller still hears only after its events
 * are durable, and gets the outcomes of its own events as if it had appended alone.
 * A request may give a promise of its events (checked in a worker thread): it keeps its place from the moment it
 * arrives, and the requests behind it wait until its events are known, so seqs follow arrival order.
 */
export function createGroupCommit(opts: GroupCommitOptions) {
  const waiting: Waiting[] = [];
  let busy = false;

  function schedule() {
    // A head still being checked calls schedule() again when its events are known.
    if (busy || waiting.length === 0 || waiting[0]!.events === null) return;
    busy = true;
    // setImmediate, not a microtask: it runs after the poll phase, so every message the sockets delivered in
    // this turn has queued its request by then.
    setImmediate(() => void commitNext());
  }

  async function commitNext() {
    const group = takeGroup();
    try {
      const all = group.flatMap((w) => w.events!);
      const result = await opts.append(all);
      if (result.accepted.length) opts.onAccepted(result.accepted);
      const bySeq = new Map(result.accepted.map((e) => [e.seq, e]));
      let at = 0;
      for (const w of group) {
        const outcomes = result.outcomes.slice(at, at + w.events!.length);
        at += w.events!.length;
        const accepted = outcomes.flatMap((o) => (o.status === 'accepted' ? [bySeq.get(o.seq)!] : []));
        w.resolve({ outcomes, accepted });
      }
    } catch (err) {
      for (const w of group) w.reject(err);
    } finally {
      busy = false;
      schedule();
    }
  }

  function takeGroup(): Waiting[] {
    let n = 0;
    let k = 0;
    for (let next = waiting[k]; next?.events && (k === 0 || n + next.events.length <= opts.maxEvents);) {
      n += next.events.length;
      next = waiting[++k];
    }
    return waiting.splice(0, k);
  }

  return function append(events: readonly IocEvent[] | Promise<readonly IocEvent[]>): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      if (!(events instanceof Promise)) {
        waiting.push({ events, resolve, reject });
        return schedule();
      }
      const w: Waiting = { events: null, resolve, reject };
      waiting.push(w);
      events.then(
        (known) => {
          w.events = known;
          schedule();
        },
        (err: unknown) => {
          // Its check failed: it gives up its place, and whoever waited behind it goes on.
          waiting.splice(waiting.indexOf(w), 1);
          reject(err);
          schedule();
        },
      );
    });
  };
}
