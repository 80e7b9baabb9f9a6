const KEY = 'ioc.operatorToken';

/**
 * The operator token of this browser tab, if any. A console is opened once with `?operatorToken=…` (the token
 * printed by the server at start, or one of OPERATOR_TOKENS); it is then kept for the tab's session only and
 * removed from the address bar, so it does not end up in bookmarks, screenshots or shared links.
 */
export function operatorToken(): string | undefined {
  if (typeof window === 'undefined') return undefined;
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('operatorToken');
  if (fromUrl) {
    window.sessionStorage.setItem(KEY, fromUrl);
    url.searchParams.delete('operatorToken');
    window.history.replaceState(null, '', url);
  }
  return window.sessionStorage.getItem(KEY) ?? undefined;
}
