import { isOpenPath, normalisePath, signInUrl } from './access';
import { navigation } from './navigation';

const DISPLAY_TOKEN_KEY = 'ioc.displayToken';
let leaving = false;

/**
 * The server said 401 (an API call, or a socket refused as `unauthorized`): there is no session, or it ended
 * (expired, signed out elsewhere, user removed). Rather than a view of empty panels and error badges, the page
 * goes where a session comes from: a wall that holds its display token loads itself again and signs in with
 * it; anyone else goes to the login page, which brings them back here. Open pages never leave.
 */
export function onUnauthorized(): void {
  // The same socket client also runs in Node (integration tests): no page to leave there.
  if (typeof window === 'undefined') return;
  const { pathname, search } = window.location;
  if (leaving || isOpenPath(pathname)) return;
  leaving = true;
  const wall = normalisePath(pathname) === '/wall' && window.sessionStorage.getItem(DISPLAY_TOKEN_KEY);
  navigation.go(wall ? `${pathname}${search}` : signInUrl(pathname, search));
}

/** For tests: a new page would start afresh. */
export function resetOnUnauthorized(): void {
  leaving = false;
}
