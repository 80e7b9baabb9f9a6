import type { PublicAreas, PublicCovid, PublicDossier, PublicSummary } from '../../../protocol/public.schema';

/** What a lookup can come to; each case has its own message on the page. */
export type LookupResult =
  | { kind: 'found'; dossier: PublicDossier }
  | { kind: 'not_found'; code: string }
  | { kind: 'invalid'; code: string }
  | { kind: 'rate_limited'; retryAfterS: number }
  | { kind: 'error'; message: string };

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' }, signal });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as T;
}

// Only /api/public: the page works where a gateway exposes nothing else to the internet.
export const fetchSummary = (signal?: AbortSignal) => getJson<PublicSummary>('/api/public/summary', signal);
export const fetchCovid = (signal?: AbortSignal) => getJson<PublicCovid>('/api/public/covid', signal);
export const fetchPublicAreas = (signal?: AbortSignal) => getJson<PublicAreas>('/api/public/areas', signal);

export async function lookupDossier(code: string, signal?: AbortSignal): Promise<LookupResult> {
  let res: Response;
  try {
    res = await fetch(`/api/public/dossiers/${encodeURIComponent(code)}`, { signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
  if (res.ok) return { kind: 'found', dossier: (await res.json()) as PublicDossier };
  const body = (await res.json().catch(() => null)) as {
    error?: string;
    details?: { retryAfterS?: number };
  } | null;
  if (res.status === 404) return { kind: 'not_found', code };
  if (res.status === 400) return { kind: 'invalid', code };
  if (res.status === 429) return { kind: 'rate_limited', retryAfterS: body?.details?.retryAfterS ?? 60 };
  return { kind: 'error', message: body?.error ?? `HTTP ${res.status}` };
}
