import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublicAnnouncement, WebhooksStatus } from '../../protocol';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../../server/public/webhook-signing';
import { covid } from '../fixtures/events';
import {
  eventually,
  PUBLIC_TEST_TOKEN,
  startPublicServer,
  type PublicTestServer,
} from './support/public-server';

const SECRET = 'webhook-secret-for-tests-0123';

interface Received {
  body: string;
  verified: boolean;
}

/** A messaging relay: answers 503 to its first `failFirst` requests, then 200, and records what came. */
async function startReceiver(failFirst: number) {
  const received: Received[] = [];
  let requests = 0;
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      requests++;
      const headers = {
        timestamp: req.headers[TIMESTAMP_HEADER] as string | undefined,
        signature: req.headers[SIGNATURE_HEADER] as string | undefined,
      };
      if (requests <= failFirst) return void res.writeHead(503).end();
      received.push({
        body,
        verified: verifySignature(SECRET, headers, body, Math.floor(Date.now() / 1000)),
      });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?token=relay-secret`;
  return { url, received, requests: () => requests, close: () => new Promise((r) => server.close(r)) };
}

describe('webhook announcements of epidemic level changes', () => {
  let s: PublicTestServer;
  let flaky: Awaited<ReturnType<typeof startReceiver>>;
  let down: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    flaky = await startReceiver(2);
    down = await startReceiver(Infinity);
    s = await startPublicServer({
      nowMs: covid.tsMs + 60_000,
      webhooks: {
        urls: [flaky.url, down.url],
        secret: SECRET,
        maxAttempts: 3,
        baseDelayMs: 20,
        maxDelayMs: 200,
        timeoutMs: 2000,
      },
    });
  });
  afterAll(async () => {
    await s?.close();
    await flaky?.close();
    await down?.close();
  });

  it('delivers a signed announcement after retrying failures, and shows the admin what failed', async () => {
    await s.app.ingest.ingest([covid]);
    // District 802 and the province (the highest level under it) both go from 1 to 4.
    await eventually(async () => expect(flaky.received).toHaveLength(2));
    const announcements = flaky.received.map((r) => PublicAnnouncement.parse(JSON.parse(r.body)));
    expect(announcements.map((a) => [a.area, a.fromLevel, a.toLevel]).sort()).toEqual([
      ['80', 1, 4],
      ['802', 1, 4],
    ]);
    expect(flaky.received.every((r) => r.verified)).toBe(true);
    expect(verifySignature('another-secret-000000', { timestamp: '1', signature: 'x' }, 'b', 1)).toBe(false);

    const status = await eventually(async () => {
      const res = await fetch(`${s.url}/api/admin/webhooks`, {
        headers: { authorization: `Bearer ${PUBLIC_TEST_TOKEN}` },
      });
      const body = WebhooksStatus.parse(await res.json());
      expect(body.failed).toBe(2);
      return body;
    });
    expect(status.urls.every((u) => !u.includes('relay-secret'))).toBe(true);
    const toFlaky = status.deliveries.filter((d) => d.state === 'delivered');
    expect(toFlaky).toHaveLength(2);
    expect(toFlaky.reduce((n, d) => n + d.attempts, 0)).toBe(4);
    const failed = status.deliveries.filter((d) => d.state === 'failed');
    expect(failed.map((d) => [d.attempts, d.lastStatus, d.lastError])).toEqual([
      [3, 503, 'HTTP 503'],
      [3, 503, 'HTTP 503'],
    ]);
    expect(down.requests()).toBe(6);
  });

  it('stays silent when the level does not change', async () => {
    const before = flaky.received.length;
    await s.app.ingest.ingest([{ ...covid, id: 'covid:802:again', newCases: 3 }]);
    // A later change still arrives, so an announcement from the first report would be seen before it.
    await s.app.ingest.ingest([{ ...covid, id: 'covid:803:2021-08-02', area: '803', epidemicLevel: 2 }]);
    await eventually(async () => expect(flaky.received.length).toBe(before + 1));
    const last = PublicAnnouncement.parse(JSON.parse(flaky.received.at(-1)!.body));
    expect([last.area, last.fromLevel, last.toLevel]).toEqual(['803', 1, 2]);
  });
});
