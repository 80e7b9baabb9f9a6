// Bundles the server (and the protocol, geo and simulator code it imports) into one ESM file; npm packages
// stay external so native better-sqlite3 loads from node_modules.
import { build } from 'esbuild';

// The sensor history backfill's and the ingest validation pool's worker threads are entries of their own,
// loaded beside the bundle.
await build({
  entryPoints: {
    index: 'server/index.ts',
    'history-worker': 'server/sensor-history/history-worker.ts',
    'validation-worker': 'server/ingest/validation-worker.ts',
  },
  outdir: 'dist/server',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
