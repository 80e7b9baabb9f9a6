/** What bench/pipeline.ts and its server child say to each other over IPC (kept apart: the child runs on import). */
export const BENCH_TOKEN = 'bench-token-0123456789abcdef';

export type ServerRequest = { type: 'stats' } | { type: 'state' } | { type: 'stop' };

export interface ServerStats {
  type: 'stats';
  cpuMs: number;
  wallMs: number;
  rssMb: number;
  loopDelayP99Ms: number;
}
