import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../testkit/server-process';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface NodeProcess {
  url: string;
  child: ChildProcess;
  /** Everything the node printed, for failure messages. */
  output(): string;
  /** Resolves with the real time (ms) at which the node printed a line matching `re`. */
  printed(re: RegExp, timeoutMs?: number): Promise<number>;
  /** kill -9: no drain, no flush, sockets cut by the kernel. Resolves once the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM (graceful drain), then removes the node's data directory. */
  stop(): Promise<void>;
}

/**
 * One server node as `npm run start:cluster` runs it, but from source (`server/index.ts` under tsx, which
 * starts in a couple of seconds, so the test needs no build): a real process that can be killed outright.
 * Ready when `/api/ready` answers 200 (store and Redis connected, scenario lease tried).
 */
export async function startNodeProcess(
  env: Record<string, string>,
  startTimeoutMs = 45_000,
): Promise<NodeProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ioc-node-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT,
    // READ_ACCESS=open: these nodes are about failover; their dashboards connect without signing in.
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, READ_ACCESS: 'open', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: { atMs: number; text: string }[] = [];
  const watchers = new Set<() => void>();
  let rest = '';
  const onData = (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop() ?? '';
    const atMs = Date.now();
    for (const text of parts) lines.push({ atMs, text });
    for (const w of watchers) w();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const output = () => lines.map((l) => l.text).join('\n') + rest;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`node exited early:\n${output()}`);
    const ready = await fetch(`${url}/api/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`node not ready after ${startTimeoutMs} ms:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    url,
    child,
    output,
    printed(re, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = lines.find((l) => re.test(l.text));
          if (!hit) return false;
          watchers.delete(check);
          clearTimeout(timer);
          resolve(hit.atMs);
          return true;
        };
        const timer = setTimeout(() => {
          watchers.delete(check);
          reject(new Error(`node did not print ${re} in ${timeoutMs} ms:\n${output()}`));
        }, timeoutMs);
        if (!check()) watchers.add(check);
      });
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        // A drain that hangs must not hang the test run.
        const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
