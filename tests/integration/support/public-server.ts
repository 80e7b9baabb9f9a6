import { vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SCHEMATIC_2021 } from '../../../geo';
import { createApp, type App } from '../../../server/app';
import type { PublicOptions } from '../../../server/public/public-surface';
import type { WebhookConfig } from '../../../server/public/webhook-config';
import { openSqliteStore } from '../../../server/store/sqlite-store';
import { FIXTURE_ADMISSION } from './fixture-admission';

export const PUBLIC_TEST_TOKEN = 'public-test-token-0123456789';

export interface PublicTestServer {
  url: string;
  app: App;
  dir: string;
  close(): Promise<void>;
}

/** The real app on port 0 with the public surface's options and webhooks under the test's control. */
export async function startPublicServer(opts: {
  nowMs: number;
  publicApi?: PublicOptions;
  webhooks?: WebhookConfig;
}): Promise<PublicTestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ioc-public-'));
  const store = openSqliteStore(path.join(dir, 'events.sqlite'));
  const app = await createApp({
    store,
    clock: { now: () => opts.nowMs, speed: () => 1 },
    areaSet: SCHEMATIC_2021,
    ingestTokens: [PUBLIC_TEST_TOKEN],
    // The admin view of webhook deliveries takes an operator token.
    security: { operatorTokens: [PUBLIC_TEST_TOKEN] },
    batchWindowMs: 50,
    version: 'test',
    admission: FIXTURE_ADMISSION,
    ...(opts.publicApi ? { publicApi: opts.publicApi } : {}),
    ...(opts.webhooks ? { webhooks: opts.webhooks } : {}),
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    dir,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Re-checks `check` until it stops throwing: for state another process (a webhook sender) moves on its own. */
export function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  return vi.waitFor(check, { timeout: timeoutMs, interval: 25 });
}
