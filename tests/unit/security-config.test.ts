import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, readAccessAnnouncement } from '../../server/config';

const dir = mkdtempSync(path.join(tmpdir(), 'ioc-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: dir, ...env });

describe('security configuration', () => {
  it('keeps the socket limit at 64 KB and the HTTP ingest body limit apart', () => {
    const c = load({});
    expect(c.maxSocketMessageBytes).toBe(65_536);
    expect(c.maxMessageBytes).toBe(4 * 1024 * 1024);
    // MAX_MESSAGE_BYTES keeps its name and now governs HTTP bodies only.
    const raised = load({ MAX_MESSAGE_BYTES: '8000000', MAX_SOCKET_MESSAGE_BYTES: '32768' });
    expect([raised.maxMessageBytes, raised.maxSocketMessageBytes]).toEqual([8_000_000, 32_768]);
    expect(() => load({ MAX_SOCKET_MESSAGE_BYTES: '65537' })).toThrow(/at most 65536/);
  });

  it('reads READ_ACCESS and TRUST_PROXY, refusing what it does not know', () => {
    expect(load({ READ_ACCESS: 'open' }).readAccess).toBe('open');
    expect(load({ READ_ACCESS: 'signed-in' }).readAccess).toBe('signed-in');
    expect(() => load({ READ_ACCESS: 'closed' })).toThrow(/READ_ACCESS/);
    expect(load({}).trustProxy).toBeUndefined();
    expect(load({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(load({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(load({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
  });

  it('is secure by default: reads need a sign-in unless READ_ACCESS=open is set explicitly (issue 21)', () => {
    expect(load({}).readAccess).toBe('signed-in');
  });

  it('announces READ_ACCESS=open as a warning at start, and signed-in plainly', () => {
    expect(readAccessAnnouncement('open')).toMatch(
      /^WARNING: READ_ACCESS=open: anyone .* without signing in/,
    );
    expect(readAccessAnnouncement('signed-in')).not.toMatch(/WARNING/);
  });
});
