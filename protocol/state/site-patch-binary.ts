import { DiffMismatchError, type ObjectDiff, type ValueOp } from '../json-diff';
import type { DashboardState, SiteState } from './dashboard-state';
import type { StatePatch } from './state-patch';

/**
 * The binary form of a patch's site readings, for windows that move many sites at once: at 100k sites a JSON
 * patch spends about 90 bytes per site on its id and operation names, where the numbers need 20.
 *
 * A site goes binary when its JSON operation only puts new numbers into `value`, `tsMs` and `repeats` (a
 * reading); anything else (a new site, another field) stays in the JSON patch. The binary part is applied
 * after the JSON part and carries each site's three fields as they stand at the window's end, so the result
 * is the JSON patch's, field for field.
 *
 * Sites are named by their index in the room's site table: the room's site ids in code-unit order, at the
 * window's end ({@link siteTable}). Both sides derive it from the sites they hold, so it is never sent; sites
 * are only ever added, so a table of the right length is the right table, and the header's length checks it.
 *
 * Layout, little-endian, 16-byte header then one column per field (read with a DataView, since a Node client
 * receives the attachment as a Buffer at any byte offset):
 *
 * | offset | type      | what                                                    |
 * | ------ | --------- | ------------------------------------------------------- |
 * | 0      | float64   | base time, ms since the epoch                           |
 * | 8      | uint32    | n, the sites in this patch                               |
 * | 12     | uint32    | the site table's length                                  |
 * | 16     | float64×n | value                                                    |
 * | +8n    | uint32×n  | site index in the table                                  |
 * | +12n   | int32×n   | tsMs − base time, ms (a site further off stays in JSON)  |
 * | +16n   | uint32×n  | repeats                                                  |
 */
export const BINARY_SITE_HEADER_BYTES = 16;
export const BINARY_SITE_BYTES = 20;

/** Below this many reading-only sites in a room's window, the patch stays all JSON (small deployments). */
export const BINARY_SITE_PATCH_MIN = 1000;

const READING_FIELDS = new Set(['value', 'tsMs', 'repeats']);

/** A room's site ids in code-unit order, and each one's index. */
export interface SiteTable {
  ids: readonly string[];
  index: ReadonlyMap<string, number>;
}

/** The table of the sites held (a room's scoped sites), the same on the server and in the browser. */
export function siteTable(ids: Iterable<string>): SiteTable {
  const sorted = [...ids].sort();
  return { ids: sorted, index: new Map(sorted.map((id, i) => [id, i])) };
}

// A loop rather than `Object.entries(…).every`: it runs once per site of a 100k-site window.
function isReadingOp(op: ValueOp): boolean {
  if (op[0] !== 'patch') return false;
  for (const k in op[1]) {
    const f = op[1][k]!;
    if (!READING_FIELDS.has(k) || f[0] !== 'put' || typeof f[1] !== 'number') return false;
  }
  return true;
}

/** What a room's batch carries: the JSON patch without the sites that went binary, and those sites' bytes. */
export interface SplitPatch {
  patch: StatePatch;
  sites: Uint8Array | null;
}

/**
 * Moves a patch's reading-only sites into the binary form when at least `min` of them qualify. `sites` are
 * the sites at the window's end (a superset of the room's is fine), `table` the room's table at that point.
 */
export function splitSitePatch(
  patch: StatePatch,
  sites: Readonly<Record<string, SiteState>>,
  table: SiteTable,
  min = BINARY_SITE_PATCH_MIN,
): SplitPatch {
  const siteOps = patch.sites;
  if (!siteOps || siteOps[0] !== 'patch') return { patch, sites: null };
  const entries = Object.entries(siteOps[1]);
  if (entries.length < min) return { patch, sites: null };
  const moved: SiteState[] = [];
  const kept: ObjectDiff = {};
  let base = NaN;
  for (const [id, op] of entries) {
    const site = sites[id];
    if (site && table.index.has(id) && isReadingOp(op)) {
      if (Number.isNaN(base)) base = site.tsMs;
      if (Number.isSafeInteger(site.tsMs) && Math.abs(site.tsMs - base) <= 0x7fffffff) {
        moved.push(site);
        continue;
      }
    }
    kept[id] = op;
  }
  if (moved.length < min) return { patch, sites: null };
  const rest: StatePatch = { ...patch };
  if (Object.keys(kept).length) rest.sites = ['patch', kept];
  else delete rest.sites;
  return { patch: rest, sites: encodeSites(moved, table, base) };
}

function encodeSites(moved: readonly SiteState[], table: SiteTable, base: number): Uint8Array {
  const n = moved.length;
  const bytes = new Uint8Array(BINARY_SITE_HEADER_BYTES + BINARY_SITE_BYTES * n);
  const v = new DataView(bytes.buffer);
  v.setFloat64(0, base, true);
  v.setUint32(8, n, true);
  v.setUint32(12, table.ids.length, true);
  const [values, indices, times, repeats] = columns(n);
  for (let i = 0; i < n; i++) {
    const s = moved[i]!;
    v.setFloat64(values + 8 * i, s.value, true);
    v.setUint32(indices + 4 * i, table.index.get(s.siteId)!, true);
    v.setInt32(times + 4 * i, s.tsMs - base, true);
    v.setUint32(repeats + 4 * i, s.repeats, true);
  }
  return bytes;
}

const columns = (n: number) => {
  const values = BINARY_SITE_HEADER_BYTES;
  const indices = values + 8 * n;
  const times = indices + 4 * n;
  return [values, indices, times, times + 4 * n] as const;
};

/** What a browser or a Node client receives as a binary attachment. */
export type BinaryAttachment = ArrayBuffer | ArrayBufferView;

const viewOf = (b: BinaryAttachment) =>
  b instanceof ArrayBuffer ? new DataView(b) : new DataView(b.buffer, b.byteOffset, b.byteLength);

/** The binary site part as columns, one entry per site, for a reader that writes straight into buffers. */
export interface BinarySites {
  /** The length of the site table the indices point into. */
  tableLength: number;
  indices: Uint32Array;
  values: Float64Array;
  tsMs: Float64Array;
  repeats: Uint32Array;
}

/** Reads the binary site part into columns; throws {@link DiffMismatchError} when the bytes are malformed. */
export function readBinarySites(bin: BinaryAttachment): BinarySites {
  const v = viewOf(bin);
  if (v.byteLength < BINARY_SITE_HEADER_BYTES) throw new DiffMismatchError('binary sites: short header');
  const base = v.getFloat64(0, true);
  const n = v.getUint32(8, true);
  if (v.byteLength !== BINARY_SITE_HEADER_BYTES + BINARY_SITE_BYTES * n)
    throw new DiffMismatchError('binary sites: wrong length');
  const [values, indices, times, repeats] = columns(n);
  const out: BinarySites = {
    tableLength: v.getUint32(12, true),
    indices: new Uint32Array(n),
    values: new Float64Array(n),
    tsMs: new Float64Array(n),
    repeats: new Uint32Array(n),
  };
  for (let i = 0; i < n; i++) {
    out.values[i] = v.getFloat64(values + 8 * i, true);
    out.indices[i] = v.getUint32(indices + 4 * i, true);
    out.tsMs[i] = base + v.getInt32(times + 4 * i, true);
    out.repeats[i] = v.getUint32(repeats + 4 * i, true);
  }
  return out;
}

/**
 * Applies the binary site part of a patch to the state its JSON part produced; the input is never changed and
 * the sites it does not name keep their identity. `table` is the state's site table ({@link siteTable} of its
 * site ids). Throws {@link DiffMismatchError} when the bytes do not fit the table or the state.
 */
export function applyBinarySites(
  state: DashboardState,
  bin: BinaryAttachment | BinarySites,
  table: SiteTable,
): DashboardState {
  const cols = 'indices' in bin ? bin : readBinarySites(bin);
  if (cols.tableLength !== table.ids.length) throw new DiffMismatchError('binary sites: another table');
  const sites = { ...state.sites };
  for (let i = 0; i < cols.indices.length; i++) {
    const id = table.ids[cols.indices[i]!];
    const site = id === undefined ? undefined : sites[id];
    if (!site) throw new DiffMismatchError('binary sites: index of no site held');
    sites[id!] = { ...site, value: cols.values[i]!, tsMs: cols.tsMs[i]!, repeats: cols.repeats[i]! };
  }
  return { ...state, sites };
}

/**
 * The table of `state`'s sites, reusing `held` when it still has their number (sites are only added, so the
 * same count is the same set): recounting is cheap, re-sorting 100k ids is not.
 */
export function siteTableOf(state: DashboardState, held: SiteTable | null): SiteTable {
  const ids = Object.keys(state.sites);
  return held && held.ids.length === ids.length ? held : siteTable(ids);
}
