import type { Principal } from '../../../protocol/auth.schema';

const pending = new Map<string, Promise<Principal>>();

/**
 * Redeems the one-time admin link at most once per page load. The link works only once, so a second request
 * (React's development double effects, a re-render) would fail and hide that the first one signed in.
 */
export function redeemOnceLink(token: string): Promise<Principal> {
  let p = pending.get(token);
  if (!p) {
    p = import('../../net/auth-api').then((api) => api.redeemToken(token));
    pending.set(token, p);
  }
  return p;
}

/** Takes a sign-in secret out of the address bar, so it is not kept in history, bookmarks or screenshots. */
export function removeFromAddressBar(param: string): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has(param)) return;
  url.searchParams.delete(param);
  window.history.replaceState(window.history.state, '', url);
}
