import { z } from 'zod';
import { AreaCode, DATA_STREAMS, DataStreamName } from './events.schema';

/**
 * Who may do what (`/api/auth/*`, `/api/admin/*`). Roles follow the three journeys plus the one who runs the
 * installation; a wall display is not a user but a read-only device that signs in with a revocable token in its
 * URL, so a kiosk boots without a keyboard.
 */

export const ROLES = ['operator', 'leader', 'analyst', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** What a session may do: a user's role, or `display` for a wall signed in by a display token. */
export const Principal = z.strictObject({
  name: z.string().min(1).max(64),
  role: z.union([Role, z.literal('display')]),
});
export type Principal = z.infer<typeof Principal>;

export const UserName = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9._-]+$/, 'lower-case letters, digits, dot, dash and underscore only');

/** Long enough that a guessed password is not the weak point; no composition rules (NIST SP 800-63B). */
export const Password = z.string().min(10).max(256);

export const LoginRequest = z.strictObject({ username: UserName, password: Password });
export type LoginRequest = z.infer<typeof LoginRequest>;

/** The one-time admin sign-in link printed on first run, and wall display tokens, are redeemed the same way. */
export const TokenSignInRequest = z.strictObject({ token: z.string().min(16).max(512) });
export type TokenSignInRequest = z.infer<typeof TokenSignInRequest>;

/**
 * Whether pages may be read without signing in (`READ_ACCESS`). Writes always need a right; with `open` the
 * dashboards stay viewable read-only, which kiosks and external checks rely on.
 */
export const ReadAccess = z.enum(['open', 'signed-in']);
export type ReadAccess = z.infer<typeof ReadAccess>;

/**
 * `GET /api/auth/me`: who this browser is signed in as, or null, and the server's read access so the SPA can
 * send an anonymous visitor to the login page only when the server would refuse them anyway. An answer
 * without `readAccess` means `open` (servers from before it was added). Sign-in answers carry the same shape.
 */
export const SessionAnswer = z.strictObject({
  principal: Principal.nullable(),
  readAccess: ReadAccess.optional(),
});
export type SessionAnswer = z.infer<typeof SessionAnswer>;

export const CreateUserRequest = z.strictObject({ username: UserName, role: Role, password: Password });
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const UserSummary = z.strictObject({
  username: UserName,
  role: Role,
  createdAtMs: z.number().int().min(0),
});
export type UserSummary = z.infer<typeof UserSummary>;

/** Ingest tokens belong to one source; display tokens to one wall. Both are stored hashed and revocable. */
export const TokenKind = z.enum(['ingest', 'display']);
export type TokenKind = z.infer<typeof TokenKind>;

/**
 * What an ingest token may write: the data streams (a sensor gateway: `["sensor"]`) and, optionally, the areas
 * (each with everything under it). Omitted streams: all data streams; omitted areas: every area.
 */
const TokenStreams = z
  .array(DataStreamName)
  .min(1)
  .max(DATA_STREAMS.length)
  .refine((s) => new Set(s).size === s.length, 'streams must not repeat');
const TokenAreas = z.array(AreaCode).min(1).max(100);

export const CreateTokenRequest = z.strictObject({
  kind: TokenKind,
  /** The source or the wall the token is for, e.g. `cổng-dvc` or `tường-phòng-điều-hành`. */
  label: z.string().min(1).max(120),
  streams: TokenStreams.optional(),
  areas: TokenAreas.optional(),
});
export type CreateTokenRequest = z.infer<typeof CreateTokenRequest>;

export const TokenSummary = z.strictObject({
  id: z.string().min(1).max(64),
  kind: TokenKind,
  label: z.string(),
  createdAtMs: z.number().int().min(0),
  revokedAtMs: z.number().int().min(0).nullable(),
  /** An ingest token's streams and areas; absent (or null) for a display token and for no limit. */
  streams: TokenStreams.nullable().optional(),
  areas: TokenAreas.nullable().optional(),
});
export type TokenSummary = z.infer<typeof TokenSummary>;

/** The answer to a token's creation: the only time the secret is shown. */
export const CreatedToken = z.strictObject({ summary: TokenSummary, token: z.string() });
export type CreatedToken = z.infer<typeof CreatedToken>;

export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'alert_ack',
  'alert_assign',
  'alert_resolve',
  'alert_shelve',
  'alert_unshelve',
  'site_out_of_service',
  'site_in_service',
  'wall_control',
  'user_created',
  'user_deleted',
  'token_created',
  'token_revoked',
  'rule_changed',
  'export',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEntry = z.strictObject({
  id: z.number().int().min(1),
  atMs: z.number().int().min(0),
  actor: z.string(),
  action: AuditAction,
  /** What was acted on: an alert id, a user name, a token id, an export's range. */
  target: z.string(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** `GET /api/admin/audit?limit=`: the newest entries first. */
export const AuditQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) });
export type AuditQuery = z.infer<typeof AuditQuery>;
