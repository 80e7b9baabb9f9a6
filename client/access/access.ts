import type { Principal, ReadAccess } from '../../protocol/auth.schema';

export type PrincipalRole = Principal['role'];

/**
 * Who may use each view fully. Everyone may read `/public` and reach `/login`; a view not listed here (a
 * mistyped path) is the not-found page, which hides nothing.
 */
export const ROUTE_ROLES: Readonly<Record<string, readonly PrincipalRole[]>> = {
  '/': ['operator', 'admin'],
  '/wall': ['operator', 'admin', 'display'],
  '/console': ['operator', 'admin'],
  '/kpi': ['leader', 'admin'],
  '/replay': ['analyst', 'admin'],
  '/admin': ['admin'],
  // The alarm report is for whoever tunes or reviews the alarms: operators, leaders, analysts, admins.
  '/alarms': ['operator', 'leader', 'analyst', 'admin'],
};

const OPEN_PATHS = new Set(['/public', '/login']);

/** Where each role lands after signing in without a `next`, and where "back to my page" leads. */
export const HOME_OF: Readonly<Record<PrincipalRole, string>> = {
  operator: '/',
  leader: '/kpi',
  analyst: '/replay',
  admin: '/admin',
  display: '/wall',
};

export type Access =
  | { kind: 'full' }
  /** Viewable because the server keeps reads open; no action that writes is offered. */
  | { kind: 'read-only' }
  | { kind: 'sign-in'; to: string }
  | { kind: 'forbidden' };

export function normalisePath(pathname: string): string {
  return pathname.replace(/\/+$/, '') || '/';
}

export const isOpenPath = (pathname: string) => OPEN_PATHS.has(normalisePath(pathname));

/** Query parameters that carry a secret: they never travel on inside a `next`. */
const SECRET_PARAMS = ['operatorToken', 'display', 'once'];

/** `/login?next=…` that brings the visitor back to where they were (without any secret of the old address). */
export function signInUrl(pathname: string, search = ''): string {
  const params = new URLSearchParams(search);
  for (const p of SECRET_PARAMS) params.delete(p);
  const query = params.size > 0 ? `?${params}` : '';
  return `/login?${new URLSearchParams({ next: `${pathname}${query}` })}`;
}

/**
 * What a visitor gets at a path. The server decides for real (every API and socket checks the right); this
 * only spares people a page that would stay empty, and mirrors the server's `READ_ACCESS`: with `open`,
 * anyone may look at the dashboards, with `signed-in` an anonymous visitor is sent to the login page. The
 * admin page is never open: its lists are secrets.
 */
export function accessFor(
  pathname: string,
  search: string,
  principal: Principal | null,
  readAccess: ReadAccess,
  /** A tab opened with `?operatorToken=…` (before sign-in existed) keeps the operator's views. */
  hasOperatorToken = false,
): Access {
  const path = normalisePath(pathname);
  const roles = ROUTE_ROLES[path];
  if (!roles || OPEN_PATHS.has(path)) return { kind: 'full' };
  if (principal && roles.includes(principal.role)) return { kind: 'full' };
  if (hasOperatorToken && roles.includes('operator')) return { kind: 'full' };
  const readable = readAccess === 'open' && path !== '/admin';
  if (readable) return { kind: 'read-only' };
  return principal ? { kind: 'forbidden' } : { kind: 'sign-in', to: signInUrl(path, search) };
}

/** Acknowledge, assign, resolve and steer the walls: operators and admins, or a tab holding an operator token. */
export function canOperate(principal: Principal | null, hasOperatorToken: boolean): boolean {
  return hasOperatorToken || principal?.role === 'operator' || principal?.role === 'admin';
}

/**
 * The `next` of a login link, if it is a path on this site. Anything else (`//evil.example`, `https://…`,
 * `javascript:`) is dropped, so a crafted link cannot send a freshly signed-in user elsewhere.
 */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  const url = new URL(next, 'http://same.invalid');
  if (url.origin !== 'http://same.invalid' || normalisePath(url.pathname) === '/login') return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
