import { IocEvent } from '../../protocol';
import { describeIssues } from './describe-issues';

/** One ingest item after its schema check: the event as the schema gives it, or why it is not one. */
export type ItemCheck = { ok: true; event: IocEvent } | { ok: false; id: string | null; details: string[] };

function idOf(item: unknown): string | null {
  if (typeof item !== 'object' || item === null) return null;
  const id = (item as { id?: unknown }).id;
  return typeof id === 'string' && id.length <= 128 ? id : null;
}

/**
 * The schema check of each item on its own, so that one bad event is refused with its reason while the good ones
 * in the same batch are kept. Pure: the same in the main thread and in a validation worker.
 */
export function checkItems(items: readonly unknown[]): ItemCheck[] {
  return items.map((item) => {
    const parsed = IocEvent.safeParse(item);
    return parsed.success
      ? { ok: true, event: parsed.data }
      : { ok: false, id: idOf(item), details: describeIssues(parsed.error.issues) };
  });
}

/**
 * What a worker sends back: a data stream's schemas have no defaults or transforms, so a valid item is its own
 * event and only the verdict crosses (cloning the events back cost the main thread more than the check saved);
 * an ops event comes back as parsed, as its rules take defaults.
 */
export type ItemVerdict =
  { ok: true; event?: IocEvent } | { ok: false; id: string | null; details: string[] };

export function verdictsOf(checks: readonly ItemCheck[]): ItemVerdict[] {
  return checks.map((c) => (c.ok && c.event.stream !== 'ops' ? { ok: true } : c));
}

/** The checks again from the verdicts and the items they were made from (the main thread's own objects). */
export function checksOf(verdicts: readonly ItemVerdict[], items: readonly unknown[]): ItemCheck[] {
  return verdicts.map((v, i) => (v.ok ? { ok: true, event: v.event ?? (items[i] as IocEvent) } : v));
}
