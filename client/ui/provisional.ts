/** Key of the provisional part of a chart line: the bucket in progress, drawn dashed. */
export const provisionalKey = (key: string) => `${key}~`;

type Row = Record<string, string | number | null>;

/**
 * Moves the values of the rows `inProgress` picks (a day or month not over yet) to each key's provisional key,
 * joined to the last complete row so the dashed segment continues the line: a bucket of a few hours reads as
 * "so far", not as a fall or a jump of the line itself.
 */
export function splitRows(
  rows: readonly Row[],
  keys: readonly string[],
  inProgress: (row: Row) => boolean,
): Row[] {
  const out = rows.map((r) => ({ ...r }));
  const first = out.findIndex(inProgress);
  if (first < 0) return out;
  for (const key of keys) {
    for (const r of out)
      if (inProgress(r)) {
        r[provisionalKey(key)] = r[key] ?? null;
        r[key] = null;
      }
    if (first > 0) out[first - 1]![provisionalKey(key)] = out[first - 1]![key] ?? null;
  }
  return out;
}
