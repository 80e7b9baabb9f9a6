import Database from 'better-sqlite3';
import type {
  DataStreamName,
  AuditAction,
  AuditEntry,
  Principal,
  Role,
  TokenKind,
  TokenSummary,
  UserSummary,
} from '../../protocol';
import { hashSecret, newId, newSecret } from './secrets';

/** A user's session lasts a working day; a wall's lasts a month, and its token in the URL renews it. */
export const USER_SESSION_MS = 12 * 3600_000;
export const DISPLAY_SESSION_MS = 30 * 86_400_000;
/** How long the first-run admin sign-in link can be used. */
export const SIGN_IN_LINK_MS = 24 * 3600_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  username TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  password_hash TEXT,
  created_at_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,
  created_at_ms INTEGER NOT NULL,
  revoked_at_ms INTEGER
);
CREATE TABLE IF NOT EXISTS sign_in_links (
  secret_hash TEXT PRIMARY KEY,
  expires_at_ms INTEGER NOT NULL,
  used_at_ms INTEGER
);
CREATE TABLE IF NOT EXISTS sessions (
  secret_hash TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  username TEXT,
  token_id TEXT,
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at_ms INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  ip TEXT
);
`;

export interface NewSession {
  /** The cookie value: shown once, stored only as its digest. */
  secret: string;
  principal: Principal;
  expiresAtMs: number;
}

export interface TokenIdentity {
  id: string;
  kind: TokenKind;
  label: string;
  /** What an ingest token may write; null: every data stream, every area (tokens made before scopes). */
  streams: DataStreamName[] | null;
  areas: string[] | null;
}

/** An ingest token's limits, chosen when it is made. */
export interface TokenScope {
  streams?: readonly DataStreamName[] | undefined;
  areas?: readonly string[] | undefined;
}

/** Scopes were added to an existing table: a database made before them gets the columns, its tokens none. */
function addScopeColumns(db: Database.Database): void {
  const cols = new Set(
    (db.prepare('PRAGMA table_info(tokens)').all() as { name: string }[]).map((c) => c.name),
  );
  if (!cols.has('streams')) db.exec('ALTER TABLE tokens ADD COLUMN streams TEXT');
  if (!cols.has('areas')) db.exec('ALTER TABLE tokens ADD COLUMN areas TEXT');
}

const listOf = <T extends string>(csv: string | null): T[] | null => (csv ? (csv.split(',') as T[]) : null);
const csvOf = (list: readonly string[] | undefined) => (list?.length ? list.join(',') : null);

type TokenRow = Omit<TokenSummary, 'streams' | 'areas'> & { streams: string | null; areas: string | null };
// Only the limits a token has: a display token's summary stays as it was before scopes.
const summaryOf = ({ streams, areas, ...t }: TokenRow): TokenSummary => ({
  ...t,
  ...(streams ? { streams: listOf<DataStreamName>(streams) } : {}),
  ...(areas ? { areas: listOf(areas) } : {}),
});

export interface AuditInput {
  actor: string;
  action: AuditAction;
  target: string;
  ip?: string | null | undefined;
}

/**
 * Users, sessions, tokens and the audit log in `$DATA_DIR/auth.sqlite`. No secret is stored: passwords as
 * scrypt hashes (made by the caller), session and token secrets as SHA-256 digests. Every check reads the
 * database, so a revocation by the CLI or by another node takes effect on the next request, without a restart.
 */
export interface AuthStore {
  hasUsablePassword(role: Role): boolean;
  addUser(username: string, role: Role, passwordHash: string | null, nowMs?: number): void;
  user(username: string): { username: string; role: Role; passwordHash: string | null } | null;
  listUsers(): UserSummary[];
  /** Removes the user and ends their sessions; false when there was no such user. */
  removeUser(username: string): boolean;

  createToken(
    kind: TokenKind,
    label: string,
    nowMs?: number,
    scope?: TokenScope,
  ): { summary: TokenSummary; token: string };
  listTokens(): TokenSummary[];
  /** Marks the token revoked and ends the sessions it opened; false when unknown or already revoked. */
  revokeToken(id: string, nowMs?: number): boolean;
  /** The live (not revoked) token with this secret, if any. */
  findToken(secret: string): TokenIdentity | null;

  /** A new single-use admin sign-in secret; earlier unused ones stop working. */
  createSignInLink(nowMs?: number): { secret: string; expiresAtMs: number };
  /** Consumes a sign-in secret: true once, while unexpired and while no admin has a password. */
  useSignInLink(secret: string, nowMs?: number): boolean;

  openSession(
    principal: Principal,
    from: { username?: string; tokenId?: string },
    ttlMs: number,
    nowMs?: number,
  ): NewSession;
  /** The session's principal with the user's current role, or null if it ended, expired or was revoked. */
  session(secret: string, nowMs?: number): Principal | null;
  closeSession(secret: string): void;

  audit(entry: AuditInput, nowMs?: number): void;
  auditLog(limit: number): AuditEntry[];
  close(): void;
}

export function openAuthStore(file: string): AuthStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // Several processes share the file (server, CLI, other nodes on one host): wait for a writer, never fail.
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  addScopeColumns(db);

  const q = {
    adminWithPassword: db.prepare('SELECT 1 FROM users WHERE role = ? AND password_hash IS NOT NULL LIMIT 1'),
    addUser: db.prepare(
      'INSERT INTO users (username, role, password_hash, created_at_ms) VALUES (?, ?, ?, ?)',
    ),
    user: db.prepare('SELECT username, role, password_hash AS passwordHash FROM users WHERE username = ?'),
    users: db.prepare('SELECT username, role, created_at_ms AS createdAtMs FROM users ORDER BY username'),
    removeUser: db.prepare('DELETE FROM users WHERE username = ?'),
    endUserSessions: db.prepare('DELETE FROM sessions WHERE username = ?'),
    addToken: db.prepare(
      `INSERT INTO tokens (id, kind, label, secret_hash, created_at_ms, streams, areas)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    tokens: db.prepare(
      `SELECT id, kind, label, created_at_ms AS createdAtMs, revoked_at_ms AS revokedAtMs, streams, areas
       FROM tokens ORDER BY created_at_ms, id`,
    ),
    revokeToken: db.prepare('UPDATE tokens SET revoked_at_ms = ? WHERE id = ? AND revoked_at_ms IS NULL'),
    endTokenSessions: db.prepare('DELETE FROM sessions WHERE token_id = ?'),
    findToken: db.prepare(
      'SELECT id, kind, label, streams, areas FROM tokens WHERE secret_hash = ? AND revoked_at_ms IS NULL',
    ),
    dropUnusedLinks: db.prepare('DELETE FROM sign_in_links WHERE used_at_ms IS NULL'),
    addLink: db.prepare('INSERT INTO sign_in_links (secret_hash, expires_at_ms) VALUES (?, ?)'),
    useLink: db.prepare(
      `UPDATE sign_in_links SET used_at_ms = ?
       WHERE secret_hash = ? AND used_at_ms IS NULL AND expires_at_ms > ?`,
    ),
    addSession: db.prepare(
      `INSERT INTO sessions (secret_hash, name, role, username, token_id, created_at_ms, expires_at_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    // A user's role is read from the user row, so a changed role applies at once; a session whose user or
    // token is gone yields nothing (the deletes above also remove such sessions; the joins make sure).
    session: db.prepare(
      `SELECT s.name AS name, COALESCE(u.role, s.role) AS role FROM sessions s
       LEFT JOIN users u ON u.username = s.username
       LEFT JOIN tokens t ON t.id = s.token_id
       WHERE s.secret_hash = ? AND s.expires_at_ms > ?
         AND (s.username IS NULL OR u.username IS NOT NULL)
         AND (s.token_id IS NULL OR (t.id IS NOT NULL AND t.revoked_at_ms IS NULL))`,
    ),
    closeSession: db.prepare('DELETE FROM sessions WHERE secret_hash = ?'),
    expireSessions: db.prepare('DELETE FROM sessions WHERE expires_at_ms <= ?'),
    audit: db.prepare('INSERT INTO audit (at_ms, actor, action, target, ip) VALUES (?, ?, ?, ?, ?)'),
    auditLog: db.prepare(
      'SELECT id, at_ms AS atMs, actor, action, target, ip FROM audit ORDER BY id DESC LIMIT ?',
    ),
  };

  return {
    hasUsablePassword: (role) => q.adminWithPassword.get(role) !== undefined,
    addUser(username, role, passwordHash, nowMs = Date.now()) {
      q.addUser.run(username, role, passwordHash, nowMs);
    },
    user: (username) =>
      (q.user.get(username) as { username: string; role: Role; passwordHash: string | null } | undefined) ??
      null,
    listUsers: () => q.users.all() as UserSummary[],
    removeUser: db.transaction((username: string) => {
      q.endUserSessions.run(username);
      return q.removeUser.run(username).changes > 0;
    }),

    createToken(kind, label, nowMs = Date.now(), scope = {}) {
      const id = newId();
      const token = newSecret(kind === 'ingest' ? 'ioci' : 'iocd');
      const [streams, areas] = [csvOf(scope.streams), csvOf(scope.areas)];
      q.addToken.run(id, kind, label, hashSecret(token), nowMs, streams, areas);
      const row = { id, kind, label, createdAtMs: nowMs, revokedAtMs: null, streams, areas };
      return { summary: summaryOf(row), token };
    },
    listTokens: () => (q.tokens.all() as TokenRow[]).map(summaryOf),
    revokeToken: db.transaction((id: string, nowMs: number = Date.now()) => {
      q.endTokenSessions.run(id);
      return q.revokeToken.run(nowMs, id).changes > 0;
    }),
    findToken(secret) {
      const row = q.findToken.get(hashSecret(secret)) as
        | (Omit<TokenIdentity, 'streams' | 'areas'> & { streams: string | null; areas: string | null })
        | undefined;
      if (!row) return null;
      return { ...row, streams: listOf<DataStreamName>(row.streams), areas: listOf(row.areas) };
    },

    createSignInLink: db.transaction((nowMs: number = Date.now()) => {
      q.dropUnusedLinks.run();
      const secret = newSecret('iocs');
      const expiresAtMs = nowMs + SIGN_IN_LINK_MS;
      q.addLink.run(hashSecret(secret), expiresAtMs);
      return { secret, expiresAtMs };
    }),
    // Checked at use, not only at start: a link printed before an admin got a password (by the CLI, another
    // node, the admin page) would otherwise stay a way in until it expires. It is then dropped for good.
    useSignInLink: db.transaction((secret: string, nowMs: number = Date.now()) => {
      if (q.adminWithPassword.get('admin') !== undefined) {
        q.dropUnusedLinks.run();
        return false;
      }
      return q.useLink.run(nowMs, hashSecret(secret), nowMs).changes === 1;
    }),

    openSession(principal, from, ttlMs, nowMs = Date.now()) {
      q.expireSessions.run(nowMs);
      const secret = newSecret('sess');
      const expiresAtMs = nowMs + ttlMs;
      q.addSession.run(
        hashSecret(secret),
        principal.name,
        principal.role,
        from.username ?? null,
        from.tokenId ?? null,
        nowMs,
        expiresAtMs,
      );
      return { secret, principal, expiresAtMs };
    },
    session: (secret, nowMs = Date.now()) =>
      (q.session.get(hashSecret(secret), nowMs) as Principal | undefined) ?? null,
    closeSession: (secret) => void q.closeSession.run(hashSecret(secret)),

    audit(entry, nowMs = Date.now()) {
      q.audit.run(nowMs, entry.actor, entry.action, entry.target, entry.ip ?? null);
    },
    auditLog: (limit) => q.auditLog.all(limit) as AuditEntry[],
    close: () => db.close(),
  };
}
