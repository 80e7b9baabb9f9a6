/*
 * Initial JS per route, gzip: from Vite's build manifest (`dist/client/.vite/manifest.json`, `build.manifest`),
 * the entry chunk and its static imports, plus the route's lazy chunk and its static imports. Chunks a route
 * loads lazily later (the wall's map, the public page's QR scanner) are summed apart, as the "lazy" figure.
 * The maplibre worker is an asset of its own (`?worker&url`), never in the chunk graph, so it is apart too.
 * A route built as a page of its own (`/public`, vite.public.config.ts) is measured from that build's manifest:
 * its page's chunk and static imports are initial, whatever they import dynamically is lazy.
 *
 * Shared by the bench (`npx tsx bench/route-js.ts` after `npm run build`) and tests/unit/public-bundle.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** One record of Vite's manifest (the fields this bench reads). */
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

/** Each route and the module `client/routes.tsx` loads for it (manifest keys are relative to `client/`). */
export const ROUTE_MODULES: Record<string, string> = {
  '/': 'features/operator/OperatorRoute.tsx',
  '/wall': 'features/wall/WallRoute.tsx',
  '/console': 'features/console/ConsoleRoute.tsx',
  '/kpi': 'features/kpi/KpiReviewRoute.tsx',
  '/replay': 'features/replay/ReplayRoute.tsx',
  '/public': 'features/public/PublicRoute.tsx',
  '/login': 'features/login/LoginRoute.tsx',
  '/admin': 'features/admin/AdminRoute.tsx',
};

/** Routes the server answers with a page of their own: that build's manifest (in the client's dist) and entry. */
export const OWN_PAGES: Record<string, { manifest: string; page: string }> = {
  '/public': { manifest: '.vite/public-manifest.json', page: 'public.html' },
};

export interface RouteJs {
  route: string;
  /** gzip bytes of the entry + the route chunk and everything they import statically. */
  initialGzip: number;
  initialFiles: string[];
  /** gzip bytes of the chunks the route's own chunks import lazily (and theirs), not counted above. */
  lazyGzip: number;
  lazyFiles: string[];
}

/** Manifest keys reachable from `roots` through static imports, roots included. */
function staticClosure(manifest: Manifest, roots: string[], seen = new Set<string>()): Set<string> {
  const stack = [...roots];
  while (stack.length) {
    const key = stack.pop()!;
    if (seen.has(key) || !manifest[key]) continue;
    seen.add(key);
    stack.push(...(manifest[key].imports ?? []));
  }
  return seen;
}

/**
 * The chunks of each route: initial (entry + route, static imports) and lazy (what those chunks import
 * dynamically, with their static imports, minus the initial set and minus the other routes' entry modules,
 * which the entry's router imports dynamically but a route never loads).
 */
export function routeChunks(
  manifest: Manifest,
  routes: Record<string, string> = ROUTE_MODULES,
): { route: string; initial: string[]; lazy: string[] }[] {
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entry) throw new Error('manifest has no entry chunk');
  const routeModules = new Set(Object.values(routes));
  return Object.entries(routes).map(([route, mod]) => {
    if (!manifest[mod]) throw new Error(`route ${route}: ${mod} is not in the manifest`);
    const initial = staticClosure(manifest, [entry, mod]);
    const lazyRoots = [...initial]
      .filter((k) => k !== entry)
      .flatMap((k) => manifest[k]!.dynamicImports ?? [])
      .filter((k) => !routeModules.has(k));
    const lazy = [...staticClosure(manifest, lazyRoots, new Set(initial))].filter((k) => !initial.has(k));
    const files = (keys: Iterable<string>) => [...new Set([...keys].map((k) => manifest[k]!.file))];
    return { route, initial: files(initial), lazy: files(lazy) };
  });
}

/** The chunks of a page built on its own: its entry and static imports, then what those load lazily. */
export function pageChunks(manifest: Manifest, page: string): { initial: string[]; lazy: string[] } {
  if (!manifest[page]?.isEntry) throw new Error(`${page} is not an entry of its manifest`);
  const initial = staticClosure(manifest, [page]);
  const lazyRoots = [...initial].flatMap((k) => manifest[k]!.dynamicImports ?? []);
  const lazy = [...staticClosure(manifest, lazyRoots, new Set(initial))].filter((k) => !initial.has(k));
  const files = (keys: Iterable<string>) => [...new Set([...keys].map((k) => manifest[k]!.file))];
  return { initial: files(initial), lazy: files(lazy) };
}

/** Reads the built client's manifest and gzips (zlib's default level) each JS file a route loads. */
export function benchRouteJs(distDir = 'dist/client'): RouteJs[] {
  const read = (file: string) => JSON.parse(readFileSync(path.join(distDir, file), 'utf8')) as Manifest;
  const manifest = read('.vite/manifest.json');
  const sizes = new Map<string, number>();
  const gz = (files: string[]) =>
    files
      .filter((f) => f.endsWith('.js'))
      .reduce((sum, f) => {
        if (!sizes.has(f)) sizes.set(f, gzipSync(readFileSync(path.join(distDir, f))).length);
        return sum + sizes.get(f)!;
      }, 0);
  // A missing page manifest is an old build, not a page that fell back to the SPA: reading it throws.
  const chunks = routeChunks(manifest).map((r) => {
    const own = OWN_PAGES[r.route];
    return own ? { route: r.route, ...pageChunks(read(own.manifest), own.page) } : r;
  });
  return chunks.map(({ route, initial, lazy }) => ({
    route,
    initialGzip: gz(initial),
    initialFiles: initial,
    lazyGzip: gz(lazy),
    lazyFiles: lazy,
  }));
}
