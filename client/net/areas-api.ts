// The schema file itself, not the protocol barrel: only the schemas this module validates with are bundled.
import { AreaFeatureCollection, SiteAreasResponse } from '../../protocol/areas.schema';
import { VN_OFFSET_MS } from '../../protocol/time';
import { getJson, type AreasCollection } from './api';

/** Vietnam-time ISO instant for a query string (`+07:00`, exact to the millisecond). */
const atParam = (atMs: number) =>
  encodeURIComponent(new Date(atMs + VN_OFFSET_MS).toISOString().replace('Z', '+07:00'));

/** The area set in force at `atMs`, checked against the wire schema before anything draws it. */
export async function fetchAreasAt(atMs: number, signal?: AbortSignal): Promise<AreasCollection> {
  const body = await getJson<unknown>(`/api/areas?at=${atParam(atMs)}`, signal);
  return AreaFeatureCollection.parse(body) as AreasCollection;
}

/** Where each sensor site lies under the set in force at `atMs`, or now when `atMs` is omitted. */
export async function fetchSiteAreas(atMs?: number, signal?: AbortSignal): Promise<SiteAreasResponse> {
  const query = atMs === undefined ? '' : `?at=${atParam(atMs)}`;
  return SiteAreasResponse.parse(await getJson<unknown>(`/api/areas/sites${query}`, signal));
}
