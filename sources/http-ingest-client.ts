import type { IngestReport, IocEvent } from '../protocol';

export interface HttpIngestOptions {
  /** Attempts per batch before giving up (network errors, 429, 5xx). */
  attempts?: number;
  /** First back-off, doubled on each attempt with full jitter, capped at `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per-request timeout: a server that accepted the connection but hangs counts as a failed attempt. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** A 4xx other than 429 is the caller's mistake: sending the same body again cannot help. */
export class IngestRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`ingest refused with ${status}: ${JSON.stringify(body)}`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `POST /api/ingest` with at-least-once delivery: the same batch is sent again after a network error, a
 * timeout, 429 (after `Retry-After`) or 5xx, with exponential back-off and full jitter so that many sources
 * coming back after an outage do not retry in step. Re-sending is safe because the server drops events it
 * already holds by (source, id), answering them `duplicate`.
 */
export async function postIngest(
  baseUrl: string,
  token: string,
  events: readonly IocEvent[],
  opts: HttpIngestOptions = {},
): Promise<IngestReport> {
  const attempts = opts.attempts ?? 8;
  const base = opts.baseDelayMs ?? 200;
  const cap = opts.maxDelayMs ?? 10_000;
  const doFetch = opts.fetch ?? fetch;
  const body = JSON.stringify({ events });
  let lastError: unknown = null;
  for (let attempt = 0; attempt < attempts; attempt++) {
    let waitMs = Math.random() * Math.min(cap, base * 2 ** attempt);
    try {
      const res = await doFetch(`${baseUrl.replace(/\/$/, '')}/api/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
      });
      if (res.ok) return (await res.json()) as IngestReport;
      const answer: unknown = await res.json().catch(() => null);
      if (res.status !== 429 && res.status < 500) throw new IngestRefused(res.status, answer);
      const retryAfterS = Number(res.headers.get('retry-after'));
      if (res.status === 429 && retryAfterS > 0) waitMs = Math.max(waitMs, retryAfterS * 1000);
      lastError = new Error(`HTTP ${res.status}`);
    } catch (err) {
      if (err instanceof IngestRefused) throw err;
      lastError = err;
    }
    if (attempt < attempts - 1) await sleep(waitMs);
  }
  throw new Error(`ingest failed after ${attempts} attempts: ${String(lastError)}`);
}
