/*
 * Worker thread of the ingest validation pool (validation-pool.ts): the schema check of a batch's items, off the
 * thread that appends to the log and fans out.
 */
import { parentPort } from 'node:worker_threads';
import { checkItems, verdictsOf } from './item-checks';
import type { ValidationJob, ValidationAnswer } from './validation-pool';

parentPort!.on('message', (job: ValidationJob) => {
  parentPort!.postMessage({
    job: job.job,
    verdicts: verdictsOf(checkItems(job.items)),
  } satisfies ValidationAnswer);
});
