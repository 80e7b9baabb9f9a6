import { Worker } from 'node:worker_threads';
import type { HistoryPlan, HistoryProgress } from './history-backfill';

/**
 * Runs the sensor history backfill in a worker thread. From the sources (tsx) the worker is this folder's
 * `.ts`, loaded through tsx's API; in the built server it is `history-worker.js` beside the bundle.
 */
export function runHistoryBackfill(
  file: string,
  plan: HistoryPlan,
  onProgress: (p: HistoryProgress) => void = () => {},
): Promise<void> {
  const fromSources = import.meta.url.endsWith('.ts');
  const data = { file, plan };
  const worker = fromSources
    ? new Worker(
        `import('tsx/esm/api').then((api) => api.tsImport(${JSON.stringify(
          new URL('./history-worker.ts', import.meta.url).href,
        )}, ${JSON.stringify(import.meta.url)}))`,
        { eval: true, workerData: data },
      )
    : new Worker(new URL('./history-worker.js', import.meta.url), { workerData: data });
  return new Promise((resolve, reject) => {
    worker.on('message', (m: { progress?: HistoryProgress; done?: boolean }) => {
      if (m.progress) onProgress(m.progress);
      if (m.done) resolve();
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`sensor history worker exited with ${code}`));
    });
  });
}
