import { create } from 'zustand';
import type {
  AuditEntry,
  CreatedToken,
  CreateTokenRequest,
  CreateUserRequest,
  TokenSummary,
  UserSummary,
} from '../../../protocol/auth.schema';
import { signInUrl } from '../../access/access';
import { navigation } from '../../access/navigation';
import * as api from '../../net/auth-api';
import { ApiError } from '../../net/api';

/** Enough to see today's sign-ins and changes; older entries stay in the server's log. */
export const AUDIT_LIMIT = 200;

/** A refusal as the server worded it (`error` code), for the page to show. */
export interface AdminError {
  error: string;
  status: number;
}

export interface AdminState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  users: UserSummary[];
  tokens: TokenSummary[];
  /** Newest first. */
  audit: AuditEntry[];
  /** The token just created, with its secret: kept only until the admin says it is saved. */
  created: CreatedToken | null;
  error: AdminError | null;
  load: () => Promise<void>;
  addUser: (req: CreateUserRequest) => Promise<boolean>;
  removeUser: (username: string) => Promise<void>;
  createToken: (req: CreateTokenRequest) => Promise<void>;
  revokeToken: (id: string) => Promise<void>;
  dismissSecret: () => void;
}

const newestFirst = (entries: AuditEntry[]) => [...entries].sort((a, b) => b.atMs - a.atMs || b.id - a.id);

function asAdminError(e: unknown): AdminError {
  if (e instanceof ApiError) {
    // The session ended (expired, signed out elsewhere): the way on is signing in again.
    if (e.status === 401) navigation.go(signInUrl('/admin'));
    return { error: e.error, status: e.status };
  }
  return { error: String(e), status: 0 };
}

export const useAdminStore = create<AdminState>()((set, get) => {
  /** Runs an action, then refreshes what it changed and the audit log (every change is an audit entry). */
  const act = async (run: () => Promise<unknown>, refresh: 'users' | 'tokens'): Promise<boolean> => {
    set({ error: null });
    try {
      await run();
    } catch (e) {
      set({ error: asAdminError(e) });
      return false;
    }
    try {
      const [list, audit] = await Promise.all([
        refresh === 'users' ? api.listUsers() : api.listTokens(),
        api.listAudit(AUDIT_LIMIT),
      ]);
      set({ [refresh]: list, audit: newestFirst(audit) } as Partial<AdminState>);
    } catch (e) {
      set({ error: asAdminError(e) });
    }
    return true;
  };
  return {
    status: 'idle',
    users: [],
    tokens: [],
    audit: [],
    created: null,
    error: null,
    load: async () => {
      set({ status: 'loading', error: null });
      try {
        const [users, tokens, audit] = await Promise.all([
          api.listUsers(),
          api.listTokens(),
          api.listAudit(AUDIT_LIMIT),
        ]);
        set({ status: 'ready', users, tokens, audit: newestFirst(audit) });
      } catch (e) {
        set({ status: 'error', error: asAdminError(e) });
      }
    },
    addUser: (req) => act(() => api.createUser(req), 'users'),
    removeUser: async (username) => {
      await act(() => api.deleteUser(username), 'users');
    },
    createToken: async (req) => {
      await act(async () => set({ created: await api.createToken(req) }), 'tokens');
    },
    revokeToken: async (id) => {
      await act(() => api.revokeToken(id), 'tokens');
      // A secret on screen for a token just revoked is worth nothing: drop it.
      if (get().created?.summary.id === id) set({ created: null });
    },
    dismissSecret: () => set({ created: null }),
  };
});

const initial = useAdminStore.getState();

export function resetAdminStore(): void {
  useAdminStore.setState(initial, true);
}
