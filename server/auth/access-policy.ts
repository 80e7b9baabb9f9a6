import type { Principal, ReadAccess } from '../../protocol';

/**
 * What a request needs. `anyone`: no check here (the route has its own, e.g. ingest tokens, or is the citizens'
 * surface). `read`: the outside contract's reads, open to anyone with `READ_ACCESS=open` (a demo's explicit
 * choice) and to any principal with `signed-in` (the default) — the KPI review, replay and export included, since the SPA shows those views
 * read-only to every role (docs/sign-in.md). The others are always checked.
 */
export type Right = 'anyone' | 'read' | 'operate' | 'administer';
export type { ReadAccess };

/** Which principals hold each checked right. The single place where roles meet actions. */
export const RIGHT_HOLDERS: Record<Exclude<Right, 'anyone'>, readonly Principal['role'][]> = {
  read: ['operator', 'leader', 'analyst', 'admin', 'display'],
  operate: ['operator', 'admin'],
  administer: ['admin'],
};

interface HttpRule {
  /** Matches the path exactly or, ending in `/`, every path under it. */
  path: string;
  method?: 'GET' | 'POST' | 'DELETE';
  right: Right;
}

/**
 * HTTP routes, first match wins. Anything unmatched under `/api/` or `/metrics` needs `read` for GET and is
 * refused otherwise, so a new endpoint is never silently writable by anyone; the SPA's own files are open
 * (the login page must load).
 */
export const HTTP_POLICY: readonly HttpRule[] = [
  { path: '/api/auth/', right: 'anyone' },
  { path: '/api/public/', right: 'anyone' },
  { path: '/api/ready', right: 'anyone' },
  // Liveness: a probe carries no session, and a 401 would make it restart a healthy node.
  { path: '/api/health', method: 'GET', right: 'anyone' },
  // The API documents describe the contract, not its data.
  { path: '/api/openapi.json', method: 'GET', right: 'anyone' },
  { path: '/api/asyncapi.json', method: 'GET', right: 'anyone' },
  { path: '/api/ingest', method: 'POST', right: 'anyone' },
  { path: '/api/admin/webhooks', method: 'GET', right: 'operate' },
  { path: '/api/admin/', right: 'administer' },
  { path: '/api/', method: 'GET', right: 'read' },
  { path: '/metrics', method: 'GET', right: 'read' },
  { path: '/api/', right: 'administer' },
];

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
      'wall:control': 'operate',
    },
  },
  '/replay': { connect: 'read', events: {} },
  // Sources are not principals: `/ingest` is judged by its ingest token alone (server/auth/ingest-tokens.ts).
  '/ingest': { connect: 'anyone', events: {} },
} as const satisfies Record<string, { connect: Right; events: Record<string, Right> }>;

const under = (path: string, rule: string) => (rule.endsWith('/') ? path.startsWith(rule) : path === rule);

/** The right an HTTP request needs, or null when the policy does not cover it (static files). */
export function rightFor(method: string, path: string): Right | null {
  const m = method === 'HEAD' ? 'GET' : method;
  const rule = HTTP_POLICY.find((r) => under(path, r.path) && (!r.method || r.method === m));
  return rule?.right ?? null;
}

export type Verdict = 'allow' | 'unauthenticated' | 'forbidden';

/** Whether `principal` (null: nobody signed in) may use `right` under this read mode. */
export function judge(right: Right, principal: Principal | null, readAccess: ReadAccess): Verdict {
  if (right === 'anyone') return 'allow';
  if (right === 'read' && readAccess === 'open') return 'allow';
  if (!principal) return 'unauthenticated';
  return RIGHT_HOLDERS[right].includes(principal.role) ? 'allow' : 'forbidden';
}
