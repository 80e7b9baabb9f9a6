const KEY = 'ioc.displayToken';

/**
 * The wall's display token: from `?display=…`, or the one this tab was started with. The address bar loses the
 * token once it worked, so a reload in the same tab (the reload banner after an upgrade) still has it to sign in
 * again; like the operator token, it is kept for the tab's session only.
 */
export function displayToken(search: string): string | null {
  const fromUrl = new URLSearchParams(search).get('display');
  if (fromUrl) {
    window.sessionStorage.setItem(KEY, fromUrl);
    return fromUrl;
  }
  return window.sessionStorage.getItem(KEY);
}
