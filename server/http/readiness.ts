/** A dependency check: null when fine, else why the node cannot serve. */
export type ReadinessCheck = () => Promise<string | null> | string | null;

export interface Readiness {
  /** Null when the node may take traffic, else the first reason it may not. */
  check(): Promise<string | null>;
  add(check: ReadinessCheck): void;
  /** From now on not ready: the load balancer stops sending new clients while this node drains. */
  drain(): void;
}

const CHECK_TIMEOUT_MS = 2000;

export function createReadiness(): Readiness {
  const checks: ReadinessCheck[] = [];
  let draining = false;
  const timeout = () =>
    new Promise<string>((resolve) => setTimeout(() => resolve('check timed out'), CHECK_TIMEOUT_MS).unref());
  return {
    async check() {
      if (draining) return 'draining';
      for (const c of checks) {
        const reason = await Promise.race([Promise.resolve().then(c), timeout()]).catch(
          (err: unknown) => (err instanceof Error ? err.message : String(err)) || 'check failed',
        );
        if (reason) return reason;
      }
      return null;
    },
    add: (c) => void checks.push(c),
    drain() {
      draining = true;
    },
  };
}
