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
