/**
 * A field-level diff of plain JSON values, in the manner of tldraw's sync diff: explicit operations, so a
 * changed day of a 92-day history or one cleared alert condition crosses the wire as itself, never its whole
 * parent. Knows nothing of the dashboard state's shape: any plain JSON tree diffs and applies the same way.
 *
 * - objects diff key by key (`put` a new or changed value, `remove` a key that went, `patch` into a changed
 *   object);
 * - arrays whose items are all records with a string `id` diff by id (`keyed`): dropped ids, patched items,
 *   and items appended at the end, as a bounded "recent" list moves; any other reordering is a `put`;
 * - other arrays (numbers, coordinates) diff by index (`items`), or go whole when most of them changed.
 *
 * The diff relies on copy-on-write where it can (the same reference on both sides is equal without a look
 * inside) and compares values where it must, so it is exact on any two trees. It is made to be applied to the
 * value it was made from: {@link applyDiff}`(a, diffObjects(a, b))` deep-equals `b`.
 */

export type ValueOp =
  | readonly ['put', unknown]
  | readonly ['remove']
  | readonly ['patch', ObjectDiff]
  | readonly ['keyed', KeyedDiff]
  | readonly ['items', ItemsDiff];

/** Per key of an object: what happened to its value. An empty diff means equal. */
export interface ObjectDiff {
  [key: string]: ValueOp;
}

/** An array of records keyed by `id`: the survivors keep their order, new ones come after them. */
export interface KeyedDiff {
  remove?: string[];
  patch?: Record<string, ObjectDiff>;
  append?: unknown[];
}

/** An array by index: its new length and the operation at each index that changed (or is new). */
export interface ItemsDiff {
  length: number;
  at: Record<string, ValueOp>;
}

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = (o: Obj, k: string) => Object.prototype.hasOwnProperty.call(o, k);
/** JSON has no `undefined`: an optional field set to it is the same as one left out. */
const present = (o: Obj, k: string) => hasOwn(o, k) && o[k] !== undefined;

/** The operation taking `a` to `b`, or null when they are equal. */
export function diffValues(a: unknown, b: unknown): ValueOp | null {
  if (a === b) return null;
  if (isObject(a) && isObject(b)) {
    const d = diffObjects(a, b);
    return d === null ? null : ['patch', d];
  }
  if (Array.isArray(a) && Array.isArray(b)) return diffArrays(a, b);
  // Distinct primitives, or a change of type. (NaN never crosses JSON, so `!==` is enough.)
  return ['put', b];
}

/** The per-key operations taking object `a` to object `b`, or null when they are equal. */
export function diffObjects(a: Obj, b: Obj): ObjectDiff | null {
  if (a === b) return null;
  const out: ObjectDiff = {};
  let changed = false;
  let shared = 0;
  for (const k of Object.keys(b)) {
    if (b[k] === undefined) continue;
    if (!present(a, k)) {
      out[k] = ['put', b[k]];
      changed = true;
      continue;
    }
    shared++;
    const op = diffValues(a[k], b[k]);
    if (op) {
      out[k] = op;
      changed = true;
    }
  }
  // Every key of `a` still in `b` was counted: only when some are missing is `a` walked for removals.
  if (shared !== Object.keys(a).length)
    for (const k of Object.keys(a))
      if (a[k] !== undefined && !present(b, k)) {
        out[k] = ['remove'];
        changed = true;
      }
  return changed ? out : null;
}

const idOf = (v: unknown): string | null => (isObject(v) && typeof v.id === 'string' ? v.id : null);
const allKeyed = (xs: readonly unknown[]) => xs.every((x) => idOf(x) !== null);

function diffArrays(a: readonly unknown[], b: readonly unknown[]): ValueOp | null {
  if (a.length === 0 && b.length === 0) return null;
  if (allKeyed(a) && allKeyed(b)) return diffKeyed(a as Obj[], b as Obj[]);
  return diffByIndex(a, b);
}

function diffKeyed(a: readonly Obj[], b: readonly Obj[]): ValueOp | null {
  const inB = new Map<string, Obj>();
  for (const x of b) inB.set(x.id as string, x);
  const inA = new Set<string>();
  for (const x of a) inA.add(x.id as string);
  // Duplicate ids have no keyed form.
  if (inB.size !== b.length || inA.size !== a.length) return ['put', b];
  const survivors = a.filter((x) => inB.has(x.id as string));
  // `b` must be the survivors in their old order, then only new items; anything else is a reordering.
  for (let i = 0; i < survivors.length; i++) if (b[i]?.id !== survivors[i]!.id) return ['put', b];
  const appended = b.slice(survivors.length);
  if (appended.some((x) => inA.has(x.id as string))) return ['put', b];

  const d: KeyedDiff = {};
  const removed = a.filter((x) => !inB.has(x.id as string)).map((x) => x.id as string);
  if (removed.length) d.remove = removed;
  for (let i = 0; i < survivors.length; i++) {
    const p = diffObjects(survivors[i]!, b[i]!);
    if (p) (d.patch ??= {})[b[i]!.id as string] = p;
  }
  if (appended.length) d.append = appended;
  return Object.keys(d).length ? ['keyed', d] : null;
}

function diffByIndex(a: readonly unknown[], b: readonly unknown[]): ValueOp | null {
  const at: Record<string, ValueOp> = {};
  let ops = 0;
  for (let i = 0; i < b.length; i++) {
    const op = i < a.length ? diffValues(a[i], b[i]) : (['put', b[i]] as const);
    if (op) {
      at[i] = op;
      ops++;
    }
  }
  if (ops === 0 && a.length === b.length) return null;
  // Mostly changed (a moved coordinate pair): the whole array is no larger and simpler to apply.
  if (ops * 2 > b.length) return ['put', b];
  return ['items', { length: b.length, at }];
}

/** A diff that does not fit the value it is applied to: the holder's state is not the diff's base. */
export class DiffMismatchError extends Error {
  constructor(what: string) {
    super(`diff does not apply: ${what}`);
    this.name = 'DiffMismatchError';
  }
}

/** Applies one operation to `a`; the input is never changed, and what the operation does not touch is reused. */
export function applyValueOp(a: unknown, op: ValueOp): unknown {
  switch (op[0]) {
    case 'put':
      return op[1];
    case 'remove':
      return undefined;
    case 'patch':
      if (!isObject(a)) throw new DiffMismatchError('patch into a non-object');
      return applyDiff(a, op[1]);
    case 'keyed':
      if (!Array.isArray(a)) throw new DiffMismatchError('keyed diff into a non-array');
      return applyKeyed(a, op[1]);
    case 'items':
      if (!Array.isArray(a)) throw new DiffMismatchError('items diff into a non-array');
      return applyItems(a, op[1]);
  }
}

/** Applies an object diff; returns `a` itself when the diff is empty. */
export function applyDiff<T extends object>(a: T, diff: ObjectDiff): T {
  const keys = Object.keys(diff);
  if (keys.length === 0) return a;
  const out: Obj = { ...(a as Obj) };
  for (const k of keys) {
    const op = diff[k]!;
    if (op[0] === 'remove') delete out[k];
    else out[k] = applyValueOp(out[k], op);
  }
  return out as T;
}

function applyKeyed(a: readonly unknown[], d: KeyedDiff): unknown[] {
  const removed = new Set(d.remove ?? []);
  const patch = d.patch ?? {};
  let patched = 0;
  const out: unknown[] = [];
  for (const x of a) {
    const id = idOf(x);
    if (id === null) throw new DiffMismatchError('keyed diff into an array without ids');
    if (removed.has(id)) continue;
    const p = patch[id];
    if (p) patched++;
    out.push(p ? applyDiff(x as Obj, p) : x);
  }
  if (patched !== Object.keys(patch).length) throw new DiffMismatchError('keyed patch of an absent id');
  if (d.append) out.push(...d.append);
  return out;
}

function applyItems(a: readonly unknown[], d: ItemsDiff): unknown[] {
  const out = a.slice(0, d.length);
  for (const [i, op] of Object.entries(d.at)) {
    const n = Number(i);
    if (n >= a.length && op[0] !== 'put') throw new DiffMismatchError('items patch past the end');
    out[n] = applyValueOp(out[n], op);
  }
  if (out.length !== d.length) throw new DiffMismatchError('items diff left a hole');
  return out;
}
