/** Where public announcements go and how hard delivery tries. */
export interface WebhookConfig {
  urls: string[];
  secret: string;
  /** Attempts per delivery, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A receiver that does not answer within this is a failed attempt. */
  timeoutMs: number;
}

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * `WEBHOOK_URLS` (comma-separated http(s) URLs) and `WEBHOOK_SECRET`; null when no URL is set. A URL without
 * a secret is a configuration error: an unsigned announcement could be forged by anyone on the way.
 */
export function webhookConfigFromEnv(env: NodeJS.ProcessEnv): WebhookConfig | null {
  const urls = list(env.WEBHOOK_URLS);
  if (!urls.length) return null;
  for (const u of urls) {
    const proto = URL.canParse(u) ? new URL(u).protocol : '';
    if (proto !== 'http:' && proto !== 'https:')
      throw new Error(`WEBHOOK_URLS: "${u}" is not an http(s) URL`);
  }
  const secret = env.WEBHOOK_SECRET ?? '';
  if (secret.length < 16)
    throw new Error('WEBHOOK_SECRET (at least 16 characters) is required with WEBHOOK_URLS');
  return {
    urls,
    secret,
    maxAttempts: Number(env.WEBHOOK_MAX_ATTEMPTS ?? 8),
    baseDelayMs: Number(env.WEBHOOK_BASE_DELAY_MS ?? 2000),
    maxDelayMs: 10 * 60_000,
    timeoutMs: 10_000,
  };
}

/** A URL as the admin sees it: no query or credentials, which may carry a receiver's token. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}
