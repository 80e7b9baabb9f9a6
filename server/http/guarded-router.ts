import express, { type RequestHandler, type Router } from 'express';
import type { Right } from '../auth/access-policy';
import { HttpError } from './http-error';

/** What a route's guard checks besides the right. */
export interface RouteChecks {
  /**
   * Whether a browser's `Origin` must be ours: every state-changing method. SameSite=Strict keeps the session
   * cookie off other sites' requests, but a sign-in needs no cookie, so a foreign page could otherwise sign a
   * browser into an account of its choosing.
   */
  origin: boolean;
}

/** Builds the first handler of a route: resolves the caller, then 401/403 unless it holds `right`. */
export type GuardFor = (right: Right, checks: RouteChecks) => RequestHandler;

/** What a route declared, as its guard carries it. */
export interface Declaration {
  right: Right;
  origin: boolean;
}

const declarations = new WeakMap<RequestHandler, Declaration>();

/**
 * The declaration behind a route's first handler, or undefined if the route was not declared through
 * `guardedRouter` (and so has no guard): what the route-policy test looks for in Express's stack.
 */
export function declarationOf(handler: unknown): Declaration | undefined {
  return typeof handler === 'function' ? declarations.get(handler as RequestHandler) : undefined;
}

type Path = string | RegExp | readonly string[];
type Declare = (path: Path, right: Right, ...handlers: RequestHandler[]) => GuardedRouter;

/**
 * A router whose routes each name the right they need. The guard is the route's own first handler, so it
 * runs for exactly the requests Express hands that route (any case, a trailing slash, …) and before the
 * route's body parsers and limiters; a router built here has no middleware of its own in front of its routes.
 */
export interface GuardedRouter {
  readonly router: Router;
  get: Declare;
  post: Declare;
  delete: Declare;
}

const STATE_CHANGING = new Set(['post', 'delete']);

export function guardedRouter(guardFor: GuardFor): GuardedRouter {
  const router = express.Router();
  const declare =
    (method: 'get' | 'post' | 'delete'): Declare =>
    (path, right, ...handlers) => {
      const declaration: Declaration = { right, origin: STATE_CHANGING.has(method) };
      const guard = guardFor(right, { origin: declaration.origin });
      declarations.set(guard, declaration);
      router[method](
        typeof path === 'string' || path instanceof RegExp ? path : [...path],
        guard,
        ...handlers,
      );
      return self;
    };
  const self: GuardedRouter = {
    router,
    get: declare('get'),
    post: declare('post'),
    delete: declare('delete'),
  };
  return self;
}

/**
 * The answer to every request no declared route took: under `/api` and `/metrics` it is mounted after the
 * routes, so an unknown path or method never reaches a handler, a body parser or the SPA.
 */
export const noSuchRoute: RequestHandler = () => {
  throw new HttpError(404, 'not_found', 'no such endpoint');
};
