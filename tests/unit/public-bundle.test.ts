import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every module reached from `entries` at run time: type-only imports are erased, so they are skipped; with
 * `followDynamic` off, an `import()` is where the walk stops (that code loads later, if ever).
 */
function runtimeImports(entries: string[], followDynamic: boolean): Set<string> {
  const seen = new Set<string>();
  const queue = entries.map((e) => path.resolve(e));
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(
      /^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'|import\('([^']+)'\)/gm,
    )) {
      if (m[3] && !followDynamic) continue;
      const spec = m[1] ?? m[2] ?? m[3]!;
      if (!spec.startsWith('.')) {
        seen.add(`package:${spec}`);
        continue;
      }
      const base = path.resolve(path.dirname(file), spec);
      const hit = ['.ts', '.tsx', '/index.ts'].map((x) => base + x).find((f) => existsSync(f));
      if (hit) queue.push(hit);
    }
  }
  return new Set([...seen].map((m) => (m.startsWith('package:') ? m : path.relative(process.cwd(), m))));
}

/** What `/public` runs before anything shows: its own page's entry (vite.public.config.ts), the route with it. */
const PUBLIC_INITIAL = ['client/public-main.tsx'];

describe('public page bundle (source graph; tests/e2e/public-bundle.e2e.ts checks the build)', () => {
  const initial = [...runtimeImports(PUBLIC_INITIAL, false)];

  it('walks the real graph: the page and its lookup are in it', () => {
    expect(initial).toEqual(
      expect.arrayContaining([
        'client/features/public/PublicRoute.tsx',
        'client/features/public/DossierLookup.tsx',
        'client/i18n/use-core-t.ts',
        'package:react-dom/client',
      ]),
    );
  });

  it('loads no zod, no schema, no operator code, no SPA shell, no live socket and no views dictionary first', () => {
    const unwanted = initial.filter((m) =>
      new RegExp(
        [
          String.raw`^package:(zod|socket\.io-client)`,
          String.raw`\.schema\.ts$`,
          String.raw`^protocol/index\.ts$`,
          String.raw`^client/features/(?!public/)`,
          String.raw`^client/net/(live-socket|auth-api|areas-api)`,
          String.raw`^client/store/`,
          // An open page needs neither the router nor the access gate (and their session store).
          String.raw`^client/(App|routes)\.tsx$`,
          String.raw`^client/access/`,
          String.raw`^client/map/MapPanel`,
          String.raw`^client/i18n/(index|vi|en|use-t)\.ts$`,
        ].join('|'),
      ).test(m),
    );
    expect(unwanted).toEqual([]);
  });

  it('draws its panels before the map: deck.gl and maplibre come only with the lazy map', () => {
    // A citizen on a phone reads the figures and looks up a dossier without waiting for a WebGL stack.
    expect(initial.filter((m) => /package:(@deck\.gl|maplibre-gl)/.test(m))).toEqual([]);
    const all = [...runtimeImports(['client/features/public/PublicRoute.tsx'], true)];
    expect(all).toContain('package:@deck.gl/layers');
  });
});
