import { create } from 'zustand';
import type { Principal, ReadAccess } from '../../protocol/auth.schema';

// Loaded on first use: the schemas that check the answers pull zod, which the first paint of a view does not need.
const authApi = () => import('../net/auth-api');

export type SessionStatus = 'unknown' | 'loading' | 'ready';

/** Who this browser is signed in as, shared by the route guard, the headers, the console and the admin page. */
export interface SessionState {
  status: SessionStatus;
  principal: Principal | null;
  readAccess: ReadAccess;
  /** Asks the server once; later calls reuse the answer. */
  load: () => Promise<void>;
  signedIn: (principal: Principal) => void;
  signOut: () => Promise<void>;
}

export const useSessionStore = create<SessionState>()((set, get) => ({
  status: 'unknown',
  principal: null,
  readAccess: 'open',
  load: async () => {
    if (get().status !== 'unknown') return;
    set({ status: 'loading' });
    try {
      const answer = await (await authApi()).fetchSession();
      set({ status: 'ready', principal: answer.principal, readAccess: answer.readAccess ?? 'open' });
    } catch {
      // A server without sign-in (404) or out of reach: the views stay what they were before sign-in existed,
      // readable, and their own connection badges tell of the outage. The server still refuses what it must.
      set({ status: 'ready', principal: null, readAccess: 'open' });
    }
  },
  signedIn: (principal) => set({ status: 'ready', principal }),
  signOut: async () => {
    await (await authApi()).logout();
    set({ principal: null });
  },
}));

const initial = useSessionStore.getState();

export function resetSessionStore(): void {
  useSessionStore.setState(initial, true);
}
