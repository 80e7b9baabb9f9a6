/** A dependency check: null when fine, else why the node cannot serve. */
export type ReadinessCheck = () => Promise<string | null> | string | null;

export interface Readiness {
  /** Null when the node may take traffic, else the first reason it may not. */
  check(): Promise<string | null>;
  /** `what` names the dependency in the reason when the check throws or hangs (`event store: timed out`). */
  add(check: ReadinessCheck, what?: string): void;
  /** From now on not ready: the load balancer stops sending new clients while this node drains. */
  drain(): void;
}

const CHECK_TIMEOUT_MS = 2000;

export function createReadiness(): Readiness {
  const checks: { check: ReadinessCheck; what: string | undefined }[] = [];
  let draining = false;
  const timeout = () =>
    new Promise<string>((resolve) => setTimeout(() => resolve('timed out'), CHECK_TIMEOUT_MS).unref());
  return {
    async check() {
      if (draining) return 'draining';
      for (const { check, what } of checks) {
        const failed = (why: string) => (what ? `${what}: ${why}` : why);
        const reason = await Promise.race([Promise.resolve().then(check), timeout().then(failed)]).catch(
          (err: unknown) => failed((err instanceof Error ? err.message : String(err)) || 'check failed'),
        );
        if (reason) return reason;
      }
      return null;
    },
    add: (check, what) => void checks.push({ check, what }),
    drain() {
      draining = true;
    },
  };
}
