import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * One entry per view. Each view is its own chunk, so the wall never downloads the leaders' charts and the
 * public page never downloads the operator map code it does not draw.
 */
export const ROUTES: Record<string, LazyExoticComponent<ComponentType>> = {
  '/': lazy(() => import('./features/operator/OperatorRoute')),
  '/kpi': lazy(() => import('./features/kpi/KpiReviewRoute')),
  '/replay': lazy(() => import('./features/replay/ReplayRoute')),
  '/wall': lazy(() => import('./features/wall/WallRoute')),
  '/console': lazy(() => import('./features/console/ConsoleRoute')),
  '/public': lazy(() => import('./features/public/PublicRoute')),
  '/login': lazy(() => import('./features/login/LoginRoute')),
  '/admin': lazy(() => import('./features/admin/AdminRoute')),
};

export function routeFor(pathname: string): LazyExoticComponent<ComponentType> | null {
  const path = pathname.replace(/\/+$/, '') || '/';
  return ROUTES[path] ?? null;
}
