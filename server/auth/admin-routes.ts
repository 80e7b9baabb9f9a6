import type { Router } from 'express';
import {
  AuditQuery,
  CreateTokenRequest,
  CreateUserRequest,
  CreatedToken,
  SourceName,
  UserName,
  UserSummary,
} from '../../protocol';
import { guardedRouter } from '../http/guarded-router';
import { HttpError } from '../http/http-error';
import { parseQuery } from '../http/parse-query';
import type { Access } from './access';
import type { AuthStore, TokenScope } from './auth-store';
import { parseBody, smallJson } from './json-body';
import { hashPassword } from './password';

export interface AdminRoutesDeps {
  store: AuthStore;
  access: Access;
  /** Called after a token is revoked, so sockets opened with it are closed at once. */
  onTokenRevoked(id: string): void;
}

/**
 * `/api/admin/*`: users, tokens and the audit log. Only admins reach these; every change is audited with who
 * made it (the principal the route's guard resolved) and from where.
 */
export function adminRoutes(deps: AdminRoutesDeps): Router {
  const { store, access } = deps;
  const r = guardedRouter(access.guard);
  const actor = access.actorOf;

  r.get('/users', 'administer', (_req, res) => void res.json(store.listUsers()));

  r.post('/users', 'administer', smallJson, async (req, res) => {
    const { username, role, password } = parseBody(CreateUserRequest, req.body);
    if (store.user(username)) throw new HttpError(409, 'user_exists', username);
    store.addUser(username, role, await hashPassword(password));
    access.audit({ actor: actor(req), action: 'user_created', target: `${username} (${role})`, ip: req.ip });
    res.status(201).json(UserSummary.parse(store.listUsers().find((u) => u.username === username)));
  });

  r.delete('/users/:username', 'administer', (req, res) => {
    const username = UserName.safeParse(req.params.username);
    if (!username.success || !store.removeUser(username.data))
      throw new HttpError(404, 'unknown_user', String(req.params.username).slice(0, 64));
    access.audit({ actor: actor(req), action: 'user_deleted', target: username.data, ip: req.ip });
    res.status(204).end();
  });

  r.get('/tokens', 'administer', (_req, res) => void res.json(store.listTokens()));

  r.post('/tokens', 'administer', smallJson, (req, res) => {
    const { kind, label, streams, areas } = parseBody(CreateTokenRequest, req.body);
    checkIngestLabel(kind, label);
    checkIngestScope(kind, { streams, areas });
    const created = store.createToken(kind, label, Date.now(), { streams, areas });
    access.audit({
      actor: actor(req),
      action: 'token_created',
      target: `${created.summary.id} (${kind} ${label}${scopeNote({ streams, areas })})`,
      ip: req.ip,
    });
    res.status(201).set('cache-control', 'no-store').json(CreatedToken.parse(created));
  });

  r.delete('/tokens/:id', 'administer', (req, res) => {
    const id = String(req.params.id).slice(0, 64);
    if (!store.revokeToken(id))
      throw new HttpError(404, 'unknown_token', `${id} is unknown or already revoked`);
    deps.onTokenRevoked(id);
    access.audit({ actor: actor(req), action: 'token_revoked', target: id, ip: req.ip });
    res.status(204).end();
  });

  r.get('/audit', 'administer', (req, res) => {
    const { limit } = parseQuery(AuditQuery, req.query);
    res.set('cache-control', 'no-store').json(store.auditLog(limit));
  });
  return r.router;
}

/**
 * An ingest token belongs to one source, and its label is that source's name as events carry it: the events
 * it sends must name it (server/auth/ingest-tokens.ts), so one source's token cannot write as another.
 */
export function checkIngestLabel(kind: CreateTokenRequest['kind'], label: string): void {
  if (kind !== 'ingest') return;
  const ok = SourceName.safeParse(label);
  if (!ok.success)
    throw new HttpError(400, 'invalid_payload', [
      `label: an ingest token's label is its source name; ${ok.error.issues[0]?.message}`,
    ]);
}

/** Streams and areas limit what a source writes: a wall's token writes nothing, so it takes neither. */
export function checkIngestScope(kind: CreateTokenRequest['kind'], scope: TokenScope): void {
  if (kind !== 'ingest' && (scope.streams || scope.areas))
    throw new HttpError(400, 'invalid_payload', ['streams and areas are for ingest tokens only']);
}

/** How the audit names a token's limits, e.g. ` streams=sensor areas=794`. */
export function scopeNote(scope: TokenScope): string {
  const parts = [
    scope.streams ? `streams=${scope.streams.join(',')}` : '',
    scope.areas ? `areas=${scope.areas.join(',')}` : '',
  ].filter(Boolean);
  return parts.length ? ' ' + parts.join(' ') : '';
}
