import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every module the public page loads at run time (type-only imports are erased, so they are skipped). */
function runtimeImports(entry: string, followDynamic = true): Set<string> {
  const seen = new Set<string>();
  const queue = [path.resolve(entry)];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(
      /^\s*(import|export)\s+(?!type\b)[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/gm,
    )) {
      if (m[3] && !followDynamic) continue;
      const spec = m[2] ?? m[3]!;
      if (!spec.startsWith('.')) {
        seen.add(`package:${spec}`);
        continue;
      }
      const base = path.resolve(path.dirname(file), spec);
      const hit = ['.ts', '.tsx', '/index.ts'].map((x) => base + x).find((f) => existsSync(f));
      if (hit) queue.push(hit);
    }
  }
  return seen;
}

describe('public page bundle', () => {
  it('loads no operator code and no live socket beyond the app shell', () => {
    // The shell (App, router, i18n, the locale in the shared store) is in the entry chunk for every view.
    const shell = runtimeImports('client/App.tsx', false);
    const mods = [...runtimeImports('client/features/public/PublicRoute.tsx')].filter((m) => !shell.has(m));
    const rel = mods.map((m) => (m.startsWith('package:') ? m : path.relative(process.cwd(), m)));
    expect(rel).toContain('client/features/public/DossierLookup.tsx');
    expect(
      rel.filter((m) =>
        /features\/(?!public\/)|net\/live-socket|socket\.io|store\/(dashboard|selectors|live-feed)|map\/MapPanel/.test(
          m,
        ),
      ),
    ).toEqual([]);
    // zod is checked on the build itself, chunk by chunk: tests/e2e/public-bundle.e2e.ts.
  });

  it('draws its panels before the map: deck.gl and maplibre come only with the lazy map', () => {
    // A citizen on a phone reads the figures and looks up a dossier without waiting for a WebGL stack.
    const eager = [...runtimeImports('client/features/public/PublicRoute.tsx', false)];
    expect(eager.filter((m) => /package:(@deck\.gl|maplibre-gl)/.test(m))).toEqual([]);
    const all = [...runtimeImports('client/features/public/PublicRoute.tsx')];
    expect(all).toContain('package:@deck.gl/layers');
  });
});
