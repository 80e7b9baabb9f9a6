/*
 * JSON against binary site patches (issue 23): a window in which every one of N sites sends a reading, as the
 * 100.000-point wall's one-second batches are. Prints the bytes a dashboard receives for the window's batch
 * in the JSON form and in the binary one (the JSON rest plus the attachment), and the time to encode and
 * fold each. In-process and deterministic: the bytes do not depend on the machine, the times do.
 *
 *   npx tsx bench/binary-site-patch.ts [--sites 10000,100000]
 */
import { pathToFileURL } from 'node:url';
import { emptyDashboardState, type DashboardState, type SiteState } from '../protocol/state/dashboard-state';
import { applyPatch, diffState } from '../protocol/state/state-patch';
import { applyBinarySites, siteTable, splitSitePatch } from '../protocol/state/site-patch-binary';
import type { LiveBatch } from '../protocol/live.schema';

export interface BinaryPatchFigure {
  sites: number;
  jsonBytes: number;
  binaryBytes: number;
  /** binaryBytes / jsonBytes. */
  ratio: number;
  jsonEncodeMs: number;
  binaryEncodeMs: number;
  jsonFoldMs: number;
  binaryFoldMs: number;
}

const T0 = Date.UTC(2021, 7, 1, 1);
const rollup = (code: string) => (code === '80' ? ['80'] : [code, '80']);

function states(n: number): [DashboardState, DashboardState] {
  const sites: Record<string, SiteState> = {};
  const next: Record<string, SiteState> = {};
  for (let i = 0; i < n; i++) {
    const id = `pm25-${String(i).padStart(6, '0')}`;
    sites[id] = {
      siteId: id,
      area: String(794 + (i % 15)),
      kind: 'pm25',
      value: 20 + (i % 37) * 0.7,
      unit: 'µg/m³',
      lonLat: [106.2 + (i % 300) * 1e-3, 10.4 + Math.floor(i / 300) * 1e-3],
      tsMs: T0,
      repeats: 0,
    };
    next[id] = {
      ...sites[id],
      value: Math.round((sites[id].value + 0.1 * (i % 9)) * 10) / 10,
      tsMs: T0 + 1000,
    };
  }
  const prev = { ...emptyDashboardState(), seq: 1, sites };
  return [prev, { ...prev, seq: 2, sites: next }];
}

const timed = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const out = f();
  return [out, performance.now() - t];
};

export function measure(n: number): BinaryPatchFigure {
  const [prev, next] = states(n);
  const patch = diffState(prev, next, '80', rollup);
  const batch = (p: LiveBatch['patch']): LiveBatch => ({
    area: '80',
    fromSeq: 2,
    toSeq: 2,
    events: [],
    patch: p,
  });
  const [json, jsonEncodeMs] = timed(() => JSON.stringify(batch(patch)));
  // The server keeps a room's table from window to window (rebuilt when a site is added): not timed here.
  const nextTable = siteTable(Object.keys(next.sites));
  const [split, binaryEncodeMs] = timed(() => {
    const s = splitSitePatch(patch, next.sites, nextTable);
    return { ...s, json: JSON.stringify(batch(s.patch)) };
  });
  const binaryBytes = Buffer.byteLength(split.json) + (split.sites?.byteLength ?? 0);
  const jsonBytes = Buffer.byteLength(json);
  const [, jsonFoldMs] = timed(() => applyPatch(prev, (JSON.parse(json) as LiveBatch).patch!, 2));
  const table = siteTable(Object.keys(prev.sites));
  const [, binaryFoldMs] = timed(() =>
    applyBinarySites(applyPatch(prev, (JSON.parse(split.json) as LiveBatch).patch!, 2), split.sites!, table),
  );
  return {
    sites: n,
    jsonBytes,
    binaryBytes,
    ratio: binaryBytes / jsonBytes,
    jsonEncodeMs,
    binaryEncodeMs,
    jsonFoldMs,
    binaryFoldMs,
  };
}

const kb = (b: number) => `${(b / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} KB`;
const ms = (t: number) => `${t.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} ms`;

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const i = process.argv.indexOf('--sites');
  const counts = (i >= 0 ? process.argv[i + 1]! : '10000,100000').split(',').map(Number);
  for (const n of counts) {
    const f = measure(n);
    console.log(
      `${n.toLocaleString('vi-VN')} sites: JSON ${kb(f.jsonBytes)}, binary ${kb(f.binaryBytes)} ` +
        `(${(f.ratio * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %); ` +
        `encode ${ms(f.jsonEncodeMs)} / ${ms(f.binaryEncodeMs)}, fold ${ms(f.jsonFoldMs)} / ${ms(f.binaryFoldMs)}`,
    );
  }
}
