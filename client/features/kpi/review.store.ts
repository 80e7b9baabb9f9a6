import { useEffect } from 'react';
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { getJson } from '../../net/api';

export type Resource<T> =
  { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; message: string };

interface ReviewDataState {
  /** Server answers by request path: the review's data, never component state. */
  resources: Record<string, Resource<unknown>>;
  load: (path: string) => void;
  reset: () => void;
}

const LOADING: Resource<never> = { status: 'loading' };

/**
 * The review's server data, one entry per API path. Paths are immutable views of the log for past periods,
 * so an entry is fetched once per page; a failed one is dropped on the next `load` so a retry refetches.
 */
export const useReviewData = create<ReviewDataState>()((set, get) => ({
  resources: {},
  load: (path) => {
    const current = get().resources[path];
    if (current && current.status !== 'error') return;
    set((s) => ({ resources: { ...s.resources, [path]: LOADING } }));
    getJson<unknown>(path).then(
      (data) => set((s) => ({ resources: { ...s.resources, [path]: { status: 'ok', data } } })),
      (e: unknown) =>
        set((s) => ({
          resources: {
            ...s.resources,
            [path]: { status: 'error', message: e instanceof Error ? e.message : String(e) },
          },
        })),
    );
  },
  reset: () => set({ resources: {} }),
}));

/** The answers to several paths at once, in order: loading until all are in, an error as soon as one fails. */
export function useResources<T>(paths: readonly (string | null)[]): Resource<T[]> {
  const key = paths.join('\n');
  useEffect(() => {
    for (const p of key.split('\n')) if (p) useReviewData.getState().load(p);
  }, [key]);
  const entries = useReviewData(useShallow((s) => paths.map((p) => (p ? s.resources[p] : undefined))));
  return combine<T>(entries, paths);
}

function combine<T>(entries: readonly (Resource<unknown> | undefined)[], paths: readonly (string | null)[]) {
  const data: T[] = [];
  for (let i = 0; i < paths.length; i++) {
    const e = entries[i];
    // A path not asked for (null) keeps its place, so callers can destructure by position.
    if (!paths[i]) {
      data.push(null as T);
      continue;
    }
    if (!e || e.status === 'loading') return LOADING;
    if (e.status === 'error') return e;
    data.push(e.data as T);
  }
  return { status: 'ok', data } as Resource<T[]>;
}

export function useResource<T>(path: string | null): Resource<T> {
  const r = useResources<T>([path]);
  return r.status === 'ok' ? { status: 'ok', data: r.data[0]! } : r;
}
