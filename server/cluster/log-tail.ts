import type { LoggedEvent } from '../../protocol';
import type { EventStore } from '../store/event-store';
import { componentLogger } from '../log/logger';

/** What a shared log offers besides the store: a wake-up call whenever any node appended. */
export interface AppendFeed {
  watchAppends(onSeq: (headSeq: number) => void): () => void;
}

export type Deliver = (events: LoggedEvent[]) => void;

export interface LogTail {
  /**
   * Wraps the app's delivery (engine, fan-out …) into the ingest service's `onAccepted`. Alone, it delivers
   * what this node accepted. With a shared log, every node delivers every event of the log exactly once, in seq
   * order, whichever node accepted it, so each node's state and each client's batches are contiguous.
   * `onLocal` sees what this node accepted (for its counters), before delivery.
   */
  through(deliver: Deliver, onLocal?: Deliver): Deliver;
  /** Highest seq delivered. */
  head(): number;
  close(): void;
}

/** Events read from the log per round trip while catching up. */
const READ_PAGE = 5000;
/** A fallback in case a notification is lost (LISTEN connection re-established). */
const POLL_MS = 2000;

export function createLogTail(
  store: EventStore,
  feed: AppendFeed | null | undefined,
  startSeq: number,
): LogTail {
  let head = startSeq;
  let sink: Deliver = () => {};
  let known = startSeq;
  let reading: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const cleanups: (() => void)[] = [];

  /** Delivers the part of `events` that extends the delivered prefix; returns false if there is a hole first. */
  const offer = (events: readonly LoggedEvent[]): boolean => {
    const fresh = events.filter((e) => e.seq > head);
    if (fresh.length === 0) return true;
    if (fresh[0]!.seq !== head + 1) return false;
    head = fresh.at(-1)!.seq;
    known = Math.max(known, head);
    sink(fresh);
    return true;
  };

  // One reader at a time; a wake-up during a read makes it go round once more.
  const catchUp = (): Promise<void> => {
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      do {
        again = false;
        for (;;) {
          if (stopped) return;
          const page = await store.readAfter(head, READ_PAGE);
          if (page.length === 0 || !offer(page)) break;
          if (page.length < READ_PAGE && head >= known) break;
        }
      } while (again && !stopped);
    })()
      .catch((err: unknown) => componentLogger('cluster').error({ err }, 'log tail: read failed'))
      .finally(() => {
        reading = null;
      });
    return reading;
  };

  return {
    through(deliver, onLocal) {
      sink = deliver;
      if (!feed)
        return (events) => {
          onLocal?.(events);
          head = events.at(-1)?.seq ?? head;
          deliver(events);
        };
      cleanups.push(
        feed.watchAppends((seq) => {
          known = Math.max(known, seq);
          if (seq > head) void catchUp();
        }),
      );
      const poll = setInterval(() => void catchUp(), POLL_MS);
      poll.unref();
      cleanups.push(() => clearInterval(poll));
      void catchUp();
      // What this node accepted goes straight on when it follows what was delivered (no read back);
      // otherwise another node's events come first, from the log.
      return (events) => {
        onLocal?.(events);
        known = Math.max(known, events.at(-1)?.seq ?? 0);
        if (!offer(events)) void catchUp();
      };
    },
    head: () => head,
    close() {
      stopped = true;
      for (const c of cleanups.splice(0)) c();
    },
  };
}
