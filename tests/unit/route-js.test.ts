import { describe, expect, it } from 'vitest';
import { pageChunks, routeChunks, type Manifest } from '../../testkit/route-js';

// The shape Vite writes: the entry imports the routes lazily; a route's chunk imports shared chunks statically
// and its map lazily; the map shares a vendor chunk with another route.
const MANIFEST: Manifest = {
  'index.html': { file: 'assets/index.js', isEntry: true, dynamicImports: ['wall/Wall.tsx', 'kpi/Kpi.tsx'] },
  'wall/Wall.tsx': {
    file: 'assets/Wall.js',
    imports: ['index.html', '_shared.js'],
    dynamicImports: ['wall/Map.tsx'],
  },
  'wall/Map.tsx': { file: 'assets/Map.js', imports: ['index.html', '_maplibre.js', '_shared.js'] },
  'kpi/Kpi.tsx': { file: 'assets/Kpi.js', imports: ['index.html', '_charts.js', '_maplibre.js'] },
  '_shared.js': { file: 'assets/shared.js' },
  '_maplibre.js': { file: 'assets/maplibre.js' },
  '_charts.js': { file: 'assets/charts.js' },
};
const ROUTES = { '/wall': 'wall/Wall.tsx', '/kpi': 'kpi/Kpi.tsx' };

describe('JS per route from the build manifest', () => {
  it('counts the entry, the route chunk and their static imports as initial, lazy chunks apart', () => {
    const [wall, kpi] = routeChunks(MANIFEST, ROUTES);
    expect(wall!.initial.sort()).toEqual(['assets/Wall.js', 'assets/index.js', 'assets/shared.js']);
    // The shared chunk is already loaded: only what the lazy map adds counts as lazy.
    expect(wall!.lazy.sort()).toEqual(['assets/Map.js', 'assets/maplibre.js']);
    // The entry's lazy imports of the other routes belong to none of them.
    expect(kpi!.initial.sort()).toEqual([
      'assets/Kpi.js',
      'assets/charts.js',
      'assets/index.js',
      'assets/maplibre.js',
    ]);
    expect(kpi!.lazy).toEqual([]);
  });

  it('refuses a manifest that lacks a route', () => {
    expect(() => routeChunks(MANIFEST, { '/x': 'x/X.tsx' })).toThrow(/x\/X\.tsx/);
  });

  it('measures a page built on its own from its entry: its static imports first, its lazy chunks apart', () => {
    // The shape of vite.public.config.ts's manifest: the page's chunk holds the route; map and scanner are lazy.
    const page: Manifest = {
      'public.html': {
        file: 'p/public.js',
        isEntry: true,
        imports: ['_ui.js'],
        dynamicImports: ['Map.tsx', 'qr.js'],
      },
      '_ui.js': { file: 'p/ui.js' },
      'Map.tsx': { file: 'p/Map.js', imports: ['public.html', '_gl.js'] },
      'qr.js': { file: 'p/qr.js', imports: ['public.html', '_ui.js'], dynamicImports: ['qr-worker.js'] },
      '_gl.js': { file: 'p/gl.js' },
      'qr-worker.js': { file: 'p/qr-worker.js' },
    };
    const { initial, lazy } = pageChunks(page, 'public.html');
    expect(initial.sort()).toEqual(['p/public.js', 'p/ui.js']);
    expect(lazy.sort()).toEqual(['p/Map.js', 'p/gl.js', 'p/qr.js']);
    expect(() => pageChunks(page, 'Map.tsx')).toThrow(/Map\.tsx is not an entry/);
  });
});
