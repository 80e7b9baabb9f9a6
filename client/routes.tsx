import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

type ViewModule = Promise<{ default: ComponentType }>;

/**
 * One entry per view. Each view is its own chunk, so the wall never downloads the leaders' charts and the
 * public page never downloads the operator map code it does not draw.
 */
const LOADERS: Record<string, () => ViewModule> = {
  '/': () => import('./features/operator/OperatorRoute'),
  '/kpi': () => import('./features/kpi/KpiReviewRoute'),
  // A replay link's session opens as soon as the small module that opens it is here, before the access gate
  // has answered and while the screen's own (larger) code still loads.
  '/replay': () => {
    void import('./features/replay/replay-start').then((m) => m.startReplayLinkEarly());
    return import('./features/replay/ReplayRoute');
  },
  '/wall': () => import('./features/wall/WallRoute'),
  '/console': () => import('./features/console/ConsoleRoute'),
  '/public': () => import('./features/public/PublicRoute'),
  '/login': () => import('./features/login/LoginRoute'),
  '/admin': () => import('./features/admin/AdminRoute'),
  '/alarms': () => import('./features/alarms/AlarmsRoute'),
};

export const ROUTES: Record<string, LazyExoticComponent<ComponentType>> = Object.fromEntries(
  Object.entries(LOADERS).map(([path, load]) => [path, lazy(load)]),
);

const normalise = (pathname: string) => pathname.replace(/\/+$/, '') || '/';

export function routeFor(pathname: string): LazyExoticComponent<ComponentType> | null {
  return ROUTES[normalise(pathname)] ?? null;
}

/**
 * Starts downloading a view's chunk while the access gate asks the server who is there; the browser keeps
 * the module, so the lazy view's own import later finds it loaded.
 */
export function preloadRoute(pathname: string): void {
  void LOADERS[normalise(pathname)]?.().catch(() => undefined);
}
