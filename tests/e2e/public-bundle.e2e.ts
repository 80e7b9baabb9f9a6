import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { vi as viewsVi } from '../../client/i18n/vi';
import { benchRouteJs } from '../../testkit/route-js';

const DIST = 'dist/client';
/**
 * gzip budget of `/public`'s initial JS (issue 22): its page's chunk and static imports, from the build manifest,
 * nothing subtracted. React 19 alone is 66 KB gzip, so the page is built on its own with Preact
 * (vite.public.config.ts): 18,6 KB when this budget was set, from 81,8 with React.
 */
const PUBLIC_INITIAL_BUDGET_KB = 60;
/** A string every build of zod 4 carries (its global config key), whatever the minifier renames. */
const ZOD_MARK = '__zod_globalConfig';
/** React 19's production builds link their error codes here; Preact has no such text. */
const REACT_MARK = 'react.dev/errors/';
/** The views' message keys that a minifier must keep quoted (they hold a dot), so a chunk that has them shows it. */
const VIEW_KEYS = Object.keys(viewsVi)
  .filter((k) => k.includes('.'))
  .map((k) => JSON.stringify(k));

const routes = benchRouteJs(DIST);
const publicRoute = routes.find((r) => r.route === '/public')!;
const read = (f: string) => readFileSync(path.join(DIST, f), 'utf8');
const jsOf = (files: string[]) => files.filter((f) => f.endsWith('.js'));

describe('/public on a phone: the JS it loads before anything shows (built manifest)', () => {
  it('carries no zod in any of its initial chunks', () => {
    expect(publicRoute.initialFiles.length).toBeGreaterThan(0);
    expect(jsOf(publicRoute.initialFiles).filter((f) => read(f).includes(ZOD_MARK))).toEqual([]);
    // The mark is what it claims: the chunks that validate do carry it.
    const all = routes.flatMap((r) => [...r.initialFiles, ...r.lazyFiles]);
    expect(jsOf(all).some((f) => read(f).includes(ZOD_MARK))).toBe(true);
  });

  it("carries none of the views' dictionaries, not even in its lazy chunks (map, QR scanner)", () => {
    const withViewText = jsOf([...publicRoute.initialFiles, ...publicRoute.lazyFiles]).filter((f) => {
      const src = read(f);
      return VIEW_KEYS.some((k) => src.includes(k));
    });
    expect(withViewText).toEqual([]);
    // The keys do show in a build: the operator view's chunks hold them.
    const operator = routes.find((r) => r.route === '/')!;
    expect(jsOf(operator.initialFiles).some((f) => VIEW_KEYS.some((k) => read(f).includes(k)))).toBe(true);
  });

  it('is its own page rendered with Preact, React nowhere in what it loads', () => {
    // The page the server sends for /public loads this build's entry, not the SPA's.
    const html = read('public.html');
    expect(publicRoute.initialFiles.filter((f) => html.includes(`/${f}`))).toHaveLength(1);
    const withReact = jsOf([...publicRoute.initialFiles, ...publicRoute.lazyFiles]).filter((f) =>
      read(f).includes(REACT_MARK),
    );
    expect(withReact).toEqual([]);
    // The mark is what it claims: the SPA's entry, rendered by React, carries it.
    const operator = routes.find((r) => r.route === '/')!;
    expect(jsOf(operator.initialFiles).some((f) => read(f).includes(REACT_MARK))).toBe(true);
  });

  it(`stays within ${PUBLIC_INITIAL_BUDGET_KB} KB gzip`, () => {
    expect(publicRoute.initialGzip / 1024).toBeLessThanOrEqual(PUBLIC_INITIAL_BUDGET_KB);
  });
});
