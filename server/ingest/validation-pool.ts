import { Worker } from 'node:worker_threads';
import { componentLogger } from '../log/logger';
import { checkItems, checksOf, type ItemCheck, type ItemVerdict } from './item-checks';

/** Main thread → worker: one batch's items. */
export interface ValidationJob {
  job: number;
  items: readonly unknown[];
}

/** Worker → main thread: the items' verdicts, in the items' order. */
export interface ValidationAnswer {
  job: number;
  verdicts: ItemVerdict[];
}

export interface ValidationPool {
  /** The schema check of each item, in order; never rejects (a lost worker's batch is checked again). */
  check(items: readonly unknown[]): Promise<ItemCheck[]>;
  /** Resolves once every worker has loaded and answered, so the first batches do not wait for a thread's start. */
  warm(): Promise<void>;
  /** Stops the workers; a batch still being checked is checked in this thread. */
  close(): Promise<void>;
}

export interface ValidationPoolOptions {
  /** Worker threads, at least 1. */
  size: number;
  /** Starts one worker thread; tests pass one whose threads they can stop. */
  spawn?: () => Worker;
}

/** A batch whose worker died this many times is checked in the main thread rather than risk another. */
const MAX_TRIES = 2;
/** Workers that died in a row without answering anything: past this the pool stops starting them (a broken build). */
const MAX_SILENT_DEATHS = 3;

/**
 * From the sources (tsx) the worker is this folder's `.ts`, loaded through tsx's API; in the built server it is
 * `validation-worker.js` beside the bundle (scripts/build-server.mjs), as for the sensor history's worker.
 */
export function spawnValidationWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./validation-worker.js', import.meta.url));
  const file = new URL('./validation-worker.ts', import.meta.url).href;
  return new Worker(
    `import('tsx/esm/api').then((api) => api.tsImport(${JSON.stringify(file)}, ${JSON.stringify(import.meta.url)}))`,
    { eval: true },
  );
}

interface Job {
  job: number;
  items: readonly unknown[];
  tries: number;
  resolve: (checks: ItemCheck[]) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Job>;
}

/**
 * Ingest's schema checks in worker threads, so that the main thread's turn goes to the log append and the fan-out.
 * The checks are pure, so a batch whose worker dies is simply checked again by another: nothing is acknowledged
 * before it is checked and appended, and the order of the appends is kept by the group commit, not here.
 */
export function createValidationPool(opts: ValidationPoolOptions): ValidationPool {
  const spawn = opts.spawn ?? spawnValidationWorker;
  const log = componentLogger('ingest');
  const slots: Slot[] = [];
  let nextJob = 1;
  let closed = false;
  let silentDeaths = 0;

  function start(): Slot {
    const slot: Slot = { worker: spawn(), pending: new Map() };
    let answered = false;
    // The pool must not keep a stopping process alive; callers wait on their promises, not on the threads.
    slot.worker.unref();
    slot.worker.on('message', (a: ValidationAnswer) => {
      const job = slot.pending.get(a.job);
      if (!job) return;
      answered = true;
      silentDeaths = 0;
      slot.pending.delete(a.job);
      job.resolve(checksOf(a.verdicts, job.items));
    });
    slot.worker.on('error', (err) => log.error({ err }, 'ingest validation worker failed'));
    slot.worker.on('exit', (code) => {
      const at = slots.indexOf(slot);
      if (at >= 0) slots.splice(at, 1);
      if (!answered) silentDeaths++;
      if (!closed && silentDeaths < MAX_SILENT_DEATHS) {
        log.warn({ code, batches: slot.pending.size }, 'ingest validation worker stopped; starting another');
        slots.push(start());
      } else if (!closed && slots.length === 0)
        log.error({ code }, 'ingest validation workers keep dying; checking ingest in the main thread');
      for (const job of slot.pending.values()) dispatch({ ...job, tries: job.tries + 1 });
    });
    return slot;
  }

  function dispatch(job: Job) {
    const slot = closed || job.tries >= MAX_TRIES ? undefined : leastBusy();
    if (!slot) return job.resolve(checkItems(job.items));
    try {
      slot.pending.set(job.job, job);
      slot.worker.postMessage({ job: job.job, items: job.items } satisfies ValidationJob);
    } catch {
      // Not cloneable (a function, say): only our own code builds such items, and the schema refuses them here.
      slot.pending.delete(job.job);
      job.resolve(checkItems(job.items));
    }
  }

  const leastBusy = () =>
    slots.reduce<Slot | undefined>((a, s) => (!a || s.pending.size < a.pending.size ? s : a), undefined);

  for (let i = 0; i < Math.max(1, opts.size); i++) slots.push(start());

  const check = (items: readonly unknown[]) =>
    new Promise<ItemCheck[]>((resolve) => dispatch({ job: nextJob++, items, tries: 0, resolve }));
  return {
    check,
    // As many empty jobs as workers, sent together: the least busy worker takes each, so each worker one.
    warm: async () => void (await Promise.all(slots.map(() => check([])))),
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
