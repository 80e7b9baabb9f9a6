import type { Translate } from '../../i18n';
import { ApiError } from '../../net/api';
import { formatNumber } from '../../ui/format';

/** What a failed sign-in tells the person at the keyboard: their mistake, a pause to respect, or an outage. */
export function loginErrorText(e: unknown, t: Translate, intl: string): string {
  if (!(e instanceof ApiError)) return t('login.server', { error: String(e) });
  if (e.status === 0) return t('login.network');
  // 400 is a name or password the server's schema refuses: to the user it is the same wrong pair.
  if (e.status === 400 || e.status === 401) return t('login.invalid');
  if (e.status === 429) {
    const s = (e.details as { retryAfterS?: number | null } | undefined)?.retryAfterS;
    return s
      ? t('login.rateLimited', { seconds: formatNumber(Math.ceil(s), intl) })
      : t('login.rateLimitedNoTime');
  }
  return t('login.server', { error: e.error });
}
