import type { Express } from 'express';

/** One route the app answers: an upper-case method and an Express path (`/api/public/dossiers/:code`). */
export interface RegisteredRoute {
  method: string;
  path: string;
  /** The route's first handler: its guard, when it was declared through server/http/guarded-router.ts. */
  first: unknown;
}

/** A layer that is neither a route nor a router: middleware, a catch-all or an error handler. */
export interface MountedMiddleware {
  /** Where it is mounted, prefixes joined; '' at the app's own level. */
  prefix: string;
  /** 0 in the app's own stack, 1 and more inside mounted routers. */
  depth: number;
  handle: (...args: unknown[]) => unknown;
}

interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean>; stack: { handle: unknown }[] };
  handle?: ((...args: unknown[]) => unknown) & { stack?: Layer[] };
}

/**
 * Walks the router stack of an Express 5 app: routes declared with `get`/`post`/… and those of routers mounted
 * with `use(prefix, router)`, prefixes joined. Middleware without a route (limiters, catch-all 404s) is not a
 * route; a route whose path is a RegExp (the SPA's catch-all) is reported with its source in brackets.
 */
export function registeredRoutes(app: Express): RegisteredRoute[] {
  return walkApp(app).routes;
}

/** Every layer of the app that is not a route, with where it is mounted. */
export function mountedMiddleware(app: Express): MountedMiddleware[] {
  return walkApp(app).middleware;
}

function walkApp(app: Express): { routes: RegisteredRoute[]; middleware: MountedMiddleware[] } {
  const root = (app as unknown as { router: { stack: Layer[] } }).router;
  const out: RegisteredRoute[] = [];
  const middleware: MountedMiddleware[] = [];
  const walk = (stack: Layer[], prefix: string, depth: number) => {
    for (const layer of stack) {
      if (layer.route) {
        const p = layer.route.path;
        const paths = Array.isArray(p) ? p : [p];
        for (const one of paths)
          for (const [method, on] of Object.entries(layer.route.methods))
            if (on && method !== '_all')
              out.push({
                method: method.toUpperCase(),
                path: typeof one === 'string' ? join(prefix, one) : `${prefix}[${String(one)}]`,
                first: layer.route.stack[0]?.handle,
              });
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' ? layer.rawPath : '';
        walk(layer.handle.stack, join(prefix, mount), depth + 1);
      } else if (layer.handle) middleware.push({ prefix, depth, handle: layer.handle });
    }
  };
  walk(root.stack, '', 0);
  return { routes: out, middleware };
}

const join = (a: string, b: string) => (a + (b === '/' ? '' : b)).replace(/\/{2,}/g, '/') || '/';
