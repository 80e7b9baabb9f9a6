import { randomUUID } from 'node:crypto';
import type { PublicAnnouncement, WebhookDelivery, WebhooksStatus } from '../../protocol';
import { redactUrl, type WebhookConfig } from './webhook-config';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, backoffDelayMs, signPayload } from './webhook-signing';
import { componentLogger } from '../log/logger';

/** Deliveries kept for the admin view; older finished ones are dropped first. */
const KEEP = 200;

export interface WebhookSender {
  announce(a: PublicAnnouncement): void;
  status(): WebhooksStatus;
  close(): void;
}

/**
 * Posts each announcement to every configured URL, signed, and retries a failed attempt (network error,
 * timeout, non-2xx answer) with exponential backoff until `maxAttempts`. Delivery runs off the ingest path:
 * a slow receiver never holds events back.
 */
export function createWebhookSender(config: WebhookConfig, now: () => number = Date.now): WebhookSender {
  const deliveries: WebhookDelivery[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let closed = false;

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  async function attempt(d: WebhookDelivery, url: string, body: string) {
    if (closed) return;
    d.attempts++;
    const ts = Math.floor(now() / 1000);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-ioc-delivery': d.id,
          [TIMESTAMP_HEADER]: String(ts),
          [SIGNATURE_HEADER]: signPayload(config.secret, ts, body),
        },
        body,
        signal: AbortSignal.timeout(config.timeoutMs),
        redirect: 'manual',
      });
      await res.arrayBuffer().catch(() => undefined);
      d.lastStatus = res.status;
      d.lastError = res.ok ? null : `HTTP ${res.status}`;
    } catch (e) {
      d.lastStatus = null;
      d.lastError = e instanceof Error ? e.message : String(e);
    }
    d.updatedAtMs = now();
    if (d.lastError === null) {
      d.state = 'delivered';
      d.nextAttemptAtMs = null;
    } else if (d.attempts >= config.maxAttempts) {
      d.state = 'failed';
      d.nextAttemptAtMs = null;
      componentLogger('webhooks').warn(
        { url: d.url, attempts: d.attempts, lastError: d.lastError },
        'webhook failed after its last attempt',
      );
    } else {
      const wait = backoffDelayMs(d.attempts, config.baseDelayMs, config.maxDelayMs);
      d.nextAttemptAtMs = now() + wait;
      later(wait, () => void attempt(d, url, body));
    }
  }

  return {
    announce(a) {
      const body = JSON.stringify(a);
      for (const url of config.urls) {
        const d: WebhookDelivery = {
          id: randomUUID(),
          url: redactUrl(url),
          announcementId: a.id,
          state: 'pending',
          attempts: 0,
          lastStatus: null,
          lastError: null,
          nextAttemptAtMs: now(),
          updatedAtMs: now(),
        };
        deliveries.push(d);
        void attempt(d, url, body);
      }
      while (deliveries.length > KEEP) {
        const i = deliveries.findIndex((x) => x.state !== 'pending');
        deliveries.splice(i === -1 ? 0 : i, 1);
      }
    },
    status: () => ({
      urls: config.urls.map(redactUrl),
      signing: true,
      deliveries: deliveries.map((d) => ({ ...d })).reverse(),
      failed: deliveries.filter((d) => d.state === 'failed').length,
    }),
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
