import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { AreaKind } from '../../geo/areas';
// Types only: this module is in every view's entry chunk, and a schema value would bring zod along
// (validating fetches are in areas-api.ts, loaded by the views that draw areas).
import type { ErrorBody, HealthResponse, SeriesQuery, SeriesResponse } from '../../protocol';
import { onUnauthorized } from '../access/on-unauthorized';
import { operatorToken } from './operator-token';

/** Properties of a feature of `GET /api/areas`; geometry is `[lon, lat]`; `schematic` marks approximations. */
export interface AreaProperties {
  code: string;
  name: string;
  kind: AreaKind;
  parent: string | null;
  schematic: boolean;
  areaKm2: number;
  officialAreaKm2?: number;
}
export type AreasCollection = FeatureCollection<Polygon | MultiPolygon, AreaProperties> & {
  /** The set's name (`longan-2021`), validity days, source and attribution, as `GET /api/areas` sends them. */
  name?: string;
  validFrom?: string;
  validTo?: string;
  source?: string;
  attribution?: string;
};

/** A failed API call, carrying the server's `{ error, details }` so the UI can say what went wrong. */
export class ApiError extends Error {
  constructor(
    readonly path: string,
    /** HTTP status, or 0 when the server could not be reached at all. */
    readonly status: number,
    readonly error: string,
    readonly details?: unknown,
  ) {
    super(status === 0 ? `${path}: network error (${error})` : `${path}: HTTP ${status} ${error}`);
    this.name = 'ApiError';
  }
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  // A tab opened with `?operatorToken=` (scripts, the console before sign-in) reads with it when reads need a
  // session; the session cookie, if any, goes along anyway.
  const token = operatorToken();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    res = await fetch(path, { headers, signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(path, 0, e instanceof Error ? e.message : String(e));
  }
  if (res.status === 401) onUnauthorized();
  if (!res.ok) {
    // The contract promises `{ error, details }`, but a proxy in between may answer with HTML.
    const body = (await res.json().catch(() => null)) as Partial<ErrorBody> | null;
    throw new ApiError(path, res.status, body?.error ?? res.statusText ?? 'error', body?.details);
  }
  return (await res.json()) as T;
}

export function fetchAreas(signal?: AbortSignal): Promise<AreasCollection> {
  return getJson('/api/areas', signal);
}

export function fetchHealth(signal?: AbortSignal): Promise<HealthResponse> {
  return getJson('/api/health', signal);
}

export function fetchSeries(
  query: Pick<SeriesQuery, 'metric' | 'area' | 'from' | 'to'> & { bucket?: SeriesQuery['bucket'] },
  signal?: AbortSignal,
): Promise<SeriesResponse> {
  const params = new URLSearchParams({ ...query, bucket: query.bucket ?? 'day' });
  return getJson(`/api/series?${params.toString()}`, signal);
}
