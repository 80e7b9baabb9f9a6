import { createContext, useContext } from 'react';
import type { ReplayConnection } from './replay-connection';

export const ReplayConnectionContext = createContext<ReplayConnection | null>(null);

/** The page's replay session; components send commands through it. */
export function useReplayConnection(): ReplayConnection | null {
  return useContext(ReplayConnectionContext);
}
