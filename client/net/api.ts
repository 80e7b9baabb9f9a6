import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { AreaKind } from '../../geo/areas';
import type { ErrorBody, HealthResponse, SeriesQuery, SeriesResponse } from '../../protocol';

/** Properties of a feature of `GET /api/areas`; geometry is `[lon, lat]` and schematic unless imported. */
export interface AreaProperties {
  code: string;
  name: string;
  kind: AreaKind;
  parent: string | null;
  schematic: boolean;
  areaKm2: number;
}
export type AreasCollection = FeatureCollection<Polygon | MultiPolygon, AreaProperties>;

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
  try {
    res = await fetch(path, { headers: { accept: 'application/json' }, signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(path, 0, e instanceof Error ? e.message : String(e));
  }
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
