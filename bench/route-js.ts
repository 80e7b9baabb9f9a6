/*
 * Initial JS per route, gzip, from Vite's build manifest (testkit/route-js.ts): `npx tsx bench/route-js.ts`
 * after `npm run build`.
 */
import path from 'node:path';
import { benchRouteJs } from '../testkit/route-js';

for (const r of benchRouteJs())
  console.log(
    `${r.route.padEnd(9)} initial ${(r.initialGzip / 1024).toFixed(0).padStart(4)} KB gzip ` +
      `(${r.initialFiles.length} files), lazy ${(r.lazyGzip / 1024).toFixed(0).padStart(4)} KB ` +
      `(${r.lazyFiles.map((f) => path.basename(f)).join(', ') || '—'})`,
  );
