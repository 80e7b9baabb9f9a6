import type { AuthStore } from './auth-store';

/**
 * While no admin has a password, each start makes a fresh single-use sign-in link and prints it, as Jupyter
 * prints its token URL: `npm start` gets a newcomer in at once, and no default password ever exists. Returns
 * the lines to print, or none once an admin has a password.
 */
export function firstRunSignIn(store: AuthStore, baseUrl: string, nowMs = Date.now()): string[] {
  if (store.hasUsablePassword('admin')) return [];
  const { secret, expiresAtMs } = store.createSignInLink(nowMs);
  const hours = Math.round((expiresAtMs - nowMs) / 3600_000);
  return [
    'No admin has a password yet. Sign in as admin with this one-time link ' +
      `(single use, valid ${hours} h; a new one is printed at each start until an admin has a password):`,
    `    ${baseUrl}/login?once=${secret}`,
  ];
}
