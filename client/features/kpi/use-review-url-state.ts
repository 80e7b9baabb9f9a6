import { useCallback, useEffect, useMemo, useState } from 'react';
import { formatViewState, parseViewState, type ReviewViewState } from './url-state';

/**
 * The view state read from and written to the URL. Changes push a history entry, so Back undoes a choice;
 * the normalised state (defaults filled in) replaces the first URL, so a copied link always says everything.
 */
export function useReviewUrlState(
  todayKey: string,
): [ReviewViewState, (patch: Partial<ReviewViewState>) => void] {
  const [search, setSearch] = useState(() => window.location.search);
  useEffect(() => {
    const onPop = () => setSearch(window.location.search);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const state = useMemo(() => parseViewState(search, todayKey), [search, todayKey]);

  useEffect(() => {
    const normal = `?${formatViewState(state)}`;
    if (normal !== window.location.search)
      window.history.replaceState(null, '', window.location.pathname + normal);
  }, [state]);

  const update = useCallback(
    (patch: Partial<ReviewViewState>) => {
      const next = `?${formatViewState({ ...state, ...patch })}`;
      if (next === window.location.search) return;
      window.history.pushState(null, '', window.location.pathname + next);
      setSearch(next);
    },
    [state],
  );
  return [state, update];
}
