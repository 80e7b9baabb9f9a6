import { createElement, Suspense } from 'react';
import { routeFor } from './routes';
import { useT } from './i18n/use-t';

function NotFound() {
  const { t } = useT();
  return (
    <main className="not-found" data-testid="not-found">
      <h1>{t('route.notFound')}</h1>
      <a href="/">{t('appTitle')}</a>
    </main>
  );
}

/** Picks the view by path; views are full pages, so no client-side navigation is needed between them. */
export function App({ pathname = window.location.pathname }: { pathname?: string }) {
  // The lazy views are module-level constants (ROUTES), so nothing is re-created per render.
  const view = routeFor(pathname);
  return (
    <Suspense fallback={<div className="route-loading" />}>
      {view ? createElement(view) : <NotFound />}
    </Suspense>
  );
}
