/*
 * Worker thread of the sensor history backfill: generating ~60 M readings is CPU work that would otherwise
 * add its whole time to the event backfill's on the same thread. Posts progress, then `{ done, readings }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSensorHistory } from './history-store';
import { writeSensorHistory, type HistoryPlan } from './history-backfill';

const { file, plan } = workerData as { file: string; plan: HistoryPlan };
const store = openSensorHistory(file);
try {
  let last = 0;
  writeSensorHistory(store, plan, (p) => {
    const now = Date.now();
    if (now - last > 1000 || p.done === p.total) {
      last = now;
      parentPort!.postMessage({ progress: p });
    }
  });
  parentPort!.postMessage({ done: true });
} finally {
  store.close();
}
