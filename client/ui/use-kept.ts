import { useState } from 'react';

/**
 * The value of an earlier render for as long as `same` says nothing changed, so whatever is memoised on it (and
 * a map redraw behind that) is kept. Updating state while rendering is React's pattern for "adjust to a prop".
 */
export function useKept<T>(value: T, same: (kept: T, next: T) => boolean): T {
  const [kept, setKept] = useState(value);
  if (Object.is(kept, value) || same(kept, value)) return kept;
  setKept(value);
  return value;
}
