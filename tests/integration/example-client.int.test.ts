import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../../protocol';
import { startTestServer, TEST_TOKEN, type TestServer } from './support/test-server';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');

/** Runs the example client as a connector would, in its own process, against the test server. */
async function client(url: string, runId: string) {
  const { stdout } = await run(TSX, ['simulators/example-client.ts'], {
    env: { ...process.env, IOC_URL: url, IOC_TOKEN: TEST_TOKEN, RUN_ID: runId },
  });
  return stdout.trim().split('\n');
}

describe('the example client against a real server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: { now: () => Date.now(), speed: () => 1 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('sends a batch and prints the answer for each event; a re-run is all duplicates', async () => {
    const first = await client(server.url, '1700000001234');
    expect(first).toHaveLength(7);
    const day = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const code = `000.00.39.H38-${day.slice(2).replace(/-/g, '')}-1234`;
    expect(first[0]).toMatch(/^#0 LA-WL-794-01:1700000001234 accepted seq=\d+$/);
    expect(first[1]).toMatch(new RegExp(`^#1 covid:803:${day} accepted seq=\\d+$`));
    expect(first[2]).toMatch(new RegExp(`^#2 ${code.replace(/\./g, '\\.')}:submitted accepted seq=\\d+$`));
    expect(first[3]).toMatch(/^#3 LA-WL-794-01:1700000001234:bad-area rejected unknown_area: /);
    expect(first[4]).toMatch(/^#4 LA-WL-794-01:1700000001234:no-value rejected invalid_payload: .*value/);
    const seq0 = first[0]!.split('seq=')[1];
    expect(first[5]).toBe(`#5 LA-WL-794-01:1700000001234 duplicate seq=${seq0}`);
    expect(first[6]).toBe('accepted=3 duplicates=1 rejected=2');

    // What the client was told is what the log holds.
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const res = await fetch(`${server.url}/api/events?from=${from}&to=${to}`);
    const logged = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as LoggedEvent);
    expect(logged.map((e) => `${e.id}@${e.seq}`)).toEqual(
      first.slice(0, 3).map((l) => `${l.split(' ')[1]}@${l.split('seq=')[1]}`),
    );

    // The dossier's id follows the guide (`<code>:<action>`), so a citizen's lookup by code finds it.
    const lookup = await fetch(`${server.url}/api/public/dossiers/${code}`);
    expect(lookup.status).toBe(200);
    expect(((await lookup.json()) as { steps: { step: string }[] }).steps[0]?.step).toBe('received');

    const again = await client(server.url, '1700000001234');
    expect(again.slice(0, 3).map((l) => l.split(' ')[2])).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(again[6]).toBe('accepted=0 duplicates=4 rejected=2');
  });
});
