import type { Express } from 'express';

/** One route the app answers: an upper-case method and an Express path (`/api/public/dossiers/:code`). */
export interface RegisteredRoute {
  method: string;
  path: string;
}

interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Walks the router stack of an Express 5 app: routes declared with `get`/`post`/… and those of routers mounted
 * with `use(prefix, router)`, prefixes joined. Middleware without a route (limiters, catch-all 404s) is not a
 * route; a route whose path is a RegExp (the SPA's catch-all) is reported with its source in brackets.
 */
export function registeredRoutes(app: Express): RegisteredRoute[] {
  const root = (app as unknown as { router: { stack: Layer[] } }).router;
  const out: RegisteredRoute[] = [];
  const walk = (stack: Layer[], prefix: string) => {
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
              });
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' ? layer.rawPath : '';
        walk(layer.handle.stack, join(prefix, mount));
      }
    }
  };
  walk(root.stack, '');
  return out;
}

const join = (a: string, b: string) => (a + (b === '/' ? '' : b)).replace(/\/{2,}/g, '/') || '/';
