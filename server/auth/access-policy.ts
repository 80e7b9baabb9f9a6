import type { Principal, ReadAccess } from '../../protocol';

/**
 * What a request needs; each HTTP route names its own where it is declared (server/http/guarded-router.ts),
 * and a path no route declares is refused. `anyone`: no check here (the route has its own, e.g. ingest
 * tokens, or is the citizens' surface). `read`: the outside contract's reads, open to anyone with
 * `READ_ACCESS=open` (a demo's explicit
 * choice) and to any principal with `signed-in` (the default) — the KPI review, replay and export
 * included, since the SPA shows those views read-only to every role (docs/sign-in.md). The others are always
 * checked.
 */
export type Right = 'anyone' | 'read' | 'operate' | 'administer';
export type { ReadAccess };

/** Which principals hold each checked right. The single place where roles meet actions. */
export const RIGHT_HOLDERS: Record<Exclude<Right, 'anyone'>, readonly Principal['role'][]> = {
  read: ['operator', 'leader', 'analyst', 'admin', 'display'],
  operate: ['operator', 'admin'],
  administer: ['admin'],
};

/** Downloads of the log's events: each one that answers 200 is in the audit log as `export`. */
export const AUDITED_EXPORTS: readonly string[] = ['/api/events', '/api/replay/export'];

/** Socket.IO: what a connection to each namespace needs, and the events that need more. */
export const SOCKET_POLICY = {
  '/live': {
    connect: 'read',
    events: {
      'alert:ack': 'operate',
      'alert:assign': 'operate',
      'alert:resolve': 'operate',
      'alert:shelve': 'operate',
      'alert:unshelve': 'operate',
      'site:out-of-service': 'operate',
      'site:in-service': 'operate',
      'wall:control': 'operate',
    },
  },
  '/replay': { connect: 'read', events: {} },
  // Sources are not principals: `/ingest` is judged by its ingest token alone (server/auth/ingest-tokens.ts).
  '/ingest': { connect: 'anyone', events: {} },
} as const satisfies Record<string, { connect: Right; events: Record<string, Right> }>;

export type Verdict = 'allow' | 'unauthenticated' | 'forbidden';

/** Whether `principal` (null: nobody signed in) may use `right` under this read mode. */
export function judge(right: Right, principal: Principal | null, readAccess: ReadAccess): Verdict {
  if (right === 'anyone') return 'allow';
  if (right === 'read' && readAccess === 'open') return 'allow';
  if (!principal) return 'unauthenticated';
  return RIGHT_HOLDERS[right].includes(principal.role) ? 'allow' : 'forbidden';
}
