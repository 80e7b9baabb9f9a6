import { describe, expect, it } from 'vitest';
import {
  DossierCode,
  PublicDossier,
  emptyDashboardState,
  type DashboardState,
  type LoggedEvent,
  type PublicAnnouncement,
} from '../../protocol';
import { dossierTimeline } from '../../server/public/dossier-lookup';
import { createJsonCache, isFresh } from '../../server/public/json-cache';
import { createLevelWatcher } from '../../server/public/level-watcher';
import { loadConfig } from '../../server/config';
import { redactUrl } from '../../server/public/webhook-config';
import { backoffDelayMs, signPayload, verifySignature } from '../../server/public/webhook-signing';
import { covid, paid, resolved, submitted } from '../fixtures/events';

describe('webhook signing', () => {
  const body = '{"type":"epidemic-level:changed"}';
  const headers = (ts: number, secret = 's3cret') => ({
    timestamp: String(ts),
    signature: signPayload(secret, ts, body),
  });

  it('is HMAC-SHA256 of "<timestamp>.<body>" in hex', () => {
    // Reference value from `printf '1627900000.x' | openssl dgst -sha256 -hmac key`.
    expect(signPayload('key', 1627900000, 'x')).toBe(
      'sha256=365bd68517a93d76d3c3d5ffd5c6514c20ce08069da6e1608c6611685cde99c0',
    );
    expect(signPayload('key', 1, 'x')).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signPayload('key', 1, 'x')).not.toBe(signPayload('key', 2, 'x'));
  });

  it('verifies what was signed, and nothing altered', () => {
    expect(verifySignature('s3cret', headers(1000), body, 1000)).toBe(true);
    expect(verifySignature('other', headers(1000), body, 1000)).toBe(false);
    expect(verifySignature('s3cret', headers(1000), body + ' ', 1000)).toBe(false);
    expect(verifySignature('s3cret', { ...headers(1000), timestamp: '1001' }, body, 1000)).toBe(false);
    expect(verifySignature('s3cret', { timestamp: '1000', signature: undefined }, body, 1000)).toBe(false);
  });

  it('refuses a timestamp outside the tolerance, so an old delivery cannot be replayed', () => {
    expect(verifySignature('s3cret', headers(1000), body, 1300)).toBe(true);
    expect(verifySignature('s3cret', headers(1000), body, 1301)).toBe(false);
  });
});

describe('backoff schedule', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, 2000, 20_000))).toEqual([
      2000, 4000, 8000, 16_000, 20_000, 20_000,
    ]);
  });
});

describe('webhook configuration', () => {
  const webhookConfigFromEnv = (env: Record<string, string>) => loadConfig(env).webhooks;
  it('needs a secret with URLs, and only http(s) URLs', () => {
    expect(webhookConfigFromEnv({})).toBeNull();
    expect(() => webhookConfigFromEnv({ WEBHOOK_URLS: 'https://relay.example/h' })).toThrow(/WEBHOOK_SECRET/);
    expect(() => webhookConfigFromEnv({ WEBHOOK_URLS: 'ftp://x/y', WEBHOOK_SECRET: 'x'.repeat(16) })).toThrow(
      /http/,
    );
    const c = webhookConfigFromEnv({
      WEBHOOK_URLS: 'https://a/h, https://b/h',
      WEBHOOK_SECRET: 'x'.repeat(16),
    });
    expect(c?.urls).toEqual(['https://a/h', 'https://b/h']);
  });
  it('shows the admin a URL without its query or credentials', () => {
    expect(redactUrl('https://u:p@relay.example/hook?token=abc')).toBe('https://relay.example/hook');
  });
});

describe('json cache', () => {
  it('computes once per period, shares one computation between concurrent readers, keeps the ETag', async () => {
    let now = 0;
    let runs = 0;
    let value = { n: 1 };
    const cache = createJsonCache(
      async () => {
        runs++;
        return value;
      },
      5000,
      () => now,
    );
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(runs).toBe(1);
    expect(a).toBe(b);
    expect(JSON.parse(a.bytes.toString())).toEqual({ n: 1 });
    now = 4999;
    await cache.get();
    expect(runs).toBe(1);
    now = 5000;
    const same = await cache.get();
    expect([runs, same.etag]).toEqual([2, a.etag]);
    value = { n: 2 };
    now = 10_000;
    const changed = await cache.get();
    expect(changed.etag).not.toBe(a.etag);
  });
  it('matches If-None-Match lists and weak forms', () => {
    expect(isFresh('"a", W/"b"', '"b"')).toBe(true);
    expect(isFresh('"a"', '"b"')).toBe(false);
    expect(isFresh(undefined, '"b"')).toBe(false);
  });
});

const logged = (e: object, seq: number) => ({ ...e, seq }) as LoggedEvent;

describe('dossier timeline', () => {
  it('orders the steps and says whether it was resolved on time', () => {
    const d = dossierTimeline(submitted.dossierCode, [
      logged(resolved, 3),
      logged(submitted, 1),
      logged(paid, 2),
    ]);
    expect(PublicDossier.parse(d)).toEqual(d);
    expect(d!.steps.map((s) => s.step)).toEqual(['received', 'in_progress', 'paid', 'resolved']);
    expect(d!.status).toBe('resolved_on_time');
    const late = dossierTimeline(submitted.dossierCode, [
      logged(submitted, 1),
      logged({ ...resolved, onTime: false }, 2),
    ]);
    expect(late!.status).toBe('resolved_late');
    expect(dossierTimeline(submitted.dossierCode, [logged(submitted, 1)])!.status).toBe('in_progress');
  });
  it('knows no dossier without its submission', () => {
    expect(dossierTimeline(submitted.dossierCode, [logged(resolved, 2)])).toBeNull();
  });
  it('accepts the national code format only', () => {
    expect(DossierCode.safeParse('000.00.39.H38-210801-0042').success).toBe(true);
    expect(DossierCode.safeParse('000.00.39.h38-210801-0042').success).toBe(false);
    expect(DossierCode.safeParse('000.00.39.H38-210801').success).toBe(false);
  });
});

describe('epidemic level watcher', () => {
  const withLevel = (levels: Record<string, number>): DashboardState => {
    const s = emptyDashboardState();
    for (const [code, level] of Object.entries(levels))
      s.areas[code] = { covid: { epidemicLevel: level, lastDate: '2021-08-02' } } as never;
    return s;
  };
  const setup = (now: number) => {
    let state = withLevel({ '802': 2 });
    const sent: PublicAnnouncement[] = [];
    const onBatch = createLevelWatcher({
      state: () => state,
      areas: () => [{ code: '802', name: 'Đức Hòa' }],
      now: () => now,
      announce: (a) => sent.push(a),
    });
    return { sent, onBatch, set: (s: DashboardState) => (state = s) };
  };

  it('announces a change brought by a recent report, once', () => {
    const w = setup(covid.tsMs + 60_000);
    w.set(withLevel({ '802': 4 }));
    w.onBatch([logged(covid, 1)]);
    w.onBatch([logged(covid, 2)]);
    expect(w.sent.map((a) => [a.area, a.fromLevel, a.toLevel, a.id])).toEqual([
      ['802', 2, 4, '802:2021-08-02:2-4'],
    ]);
  });
  it('moves silently on history and ignores batches without reports', () => {
    const w = setup(covid.tsMs + 2 * 86_400_000);
    w.set(withLevel({ '802': 4 }));
    w.onBatch([logged(submitted, 1)]);
    w.onBatch([logged(covid, 2)]);
    expect(w.sent).toEqual([]);
  });
});
