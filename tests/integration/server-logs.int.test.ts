import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort, spawnServer } from './support/reliability';

/** The server as an operator runs it behind a log shipper: stdout is a pipe, not a terminal. */
describe('server output (issue 22)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ioc-logs-'));
  let server: Awaited<ReturnType<typeof spawnServer>>;
  let url: string;
  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = await spawnServer(port, dir, { LOG_LEVEL: 'debug' });
  }, 90_000);
  afterAll(async () => {
    await server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  const lines = () =>
    server
      .output()
      .split('\n')
      .filter((l) => l.trim() !== '');

  it('is JSON lines, each with a level name, an ISO time, a component and a message', () => {
    expect(lines().length).toBeGreaterThan(2);
    for (const line of lines()) {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(parsed).toMatchObject({ level: expect.stringMatching(/^(fatal|error|warn|info|debug|trace)$/) });
      expect(new Date(parsed.time as string).toISOString()).toBe(parsed.time);
      expect(typeof parsed.msg).toBe('string');
      expect(typeof parsed.component).toBe('string');
    }
    expect(
      lines()
        .map((l) => JSON.parse(l) as { msg: string })
        .map((l) => l.msg),
    ).toContainEqual(expect.stringMatching(/^Long An IOC listening on http:\/\/localhost:\d+/));
  });

  it("gives each request an id, echoes it and logs the request under it; keeps a caller's plain id", async () => {
    const fresh = await fetch(`${url}/api/health`);
    const freshId = fresh.headers.get('x-request-id');
    expect(freshId).toMatch(/^[0-9a-f-]{36}$/);
    const given = await fetch(`${url}/api/health`, { headers: { 'X-Request-Id': 'lb-7f3a.42' } });
    expect(given.headers.get('x-request-id')).toBe('lb-7f3a.42');
    // A forged id (a newline and a fake entry) is replaced, not written into the log.
    const forged = await fetch(`${url}/api/health`, { headers: { 'X-Request-Id': 'x"}{"level":"fatal' } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await vi.waitFor(() => {
      const requests = lines()
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.msg === 'request');
      expect(requests).toContainEqual(
        expect.objectContaining({ reqId: 'lb-7f3a.42', method: 'GET', path: '/api/health', status: 200 }),
      );
      expect(requests).toContainEqual(expect.objectContaining({ reqId: freshId, component: 'http' }));
    });
  });
});
