import { createElement, Suspense, useEffect } from 'react';
import { normalisePath } from './access/access';
import { AccessGate } from './access/AccessGate';
import { DisplayTokenGate } from './access/DisplayTokenGate';
import { displayToken } from './net/display-token';
import { preloadRoute, routeFor } from './routes';
import { useCoreT } from './i18n/use-core-t';

function NotFound() {
  const { t } = useCoreT();
  return (
    <main className="not-found" data-testid="not-found">
      <h1>{t('route.notFound')}</h1>
      <a href="/">{t('appTitle')}</a>
    </main>
  );
}

/**
 * Picks the view by path; views are full pages, so no client-side navigation is needed between them. The
 * access gate decides whether the visitor sees it; a wall started with `?display=TOKEN` signs in first.
 */
export function App({
  pathname = window.location.pathname,
  search = window.location.search,
}: {
  pathname?: string;
  search?: string;
}) {
  // The lazy views are module-level constants (ROUTES), so nothing is re-created per render.
  const view = routeFor(pathname);
  useEffect(() => preloadRoute(pathname), [pathname]);
  const page = (
    <AccessGate pathname={pathname} search={search}>
      <Suspense fallback={<div className="route-loading" />}>
        {view ? createElement(view) : <NotFound />}
      </Suspense>
    </AccessGate>
  );
  const token = normalisePath(pathname) === '/wall' ? displayToken(search) : null;
  return token ? <DisplayTokenGate token={token}>{page}</DisplayTokenGate> : page;
}
