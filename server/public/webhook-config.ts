/** Where public announcements go and how hard delivery tries (`WEBHOOK_*`, server/config). */
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

/** A URL as the admin sees it: no query or credentials, which may carry a receiver's token. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}
