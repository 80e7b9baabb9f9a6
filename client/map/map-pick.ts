import { LAYER_IDS } from './layers';

/** What a click on the map picked: a sensor site or an area (the first object under the pointer). */
export type MapPick = { kind: 'site'; siteId: string } | { kind: 'area'; code: string };

/** Reads deck.gl's pick info; null for a click on nothing pickable. */
export function pickOf(info: { layer?: { id: string } | null; object?: unknown }): MapPick | null {
  const o = info.object as { siteId?: unknown; properties?: { code?: unknown } } | undefined;
  if (!info.layer || !o) return null;
  if (info.layer.id === LAYER_IDS.sensors && typeof o.siteId === 'string')
    return { kind: 'site', siteId: o.siteId };
  if (typeof o.properties?.code === 'string') return { kind: 'area', code: o.properties.code };
  return null;
}
