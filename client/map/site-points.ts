import { ScatterplotLayer } from '@deck.gl/layers';
import type { SensorStatus, SiteState } from '../../protocol';
import { siteStatus, type StatusRules } from '../../protocol/state/sensor-status';
import type { SiteMarker } from '../store/selectors';
import { STATUS_COLOURS } from './colours';
import { LAYER_IDS, markerRadius, SENSOR_OUTLINE } from './layers';

/** Status codes as stored in a site's byte: the index in this list. */
export const STATUS_CODES: readonly SensorStatus[] = ['ok', 'warning', 'alarm', 'stale', 'offline'];
const CODE_OF = Object.fromEntries(STATUS_CODES.map((s, i) => [s, i])) as Record<SensorStatus, number>;

/** Each site's status at `nowMs` (scenario time) under the rules in force, as one byte, in the order of `sites`. */
export function siteStatusCodes(sites: readonly SiteState[], rules: StatusRules, nowMs: number): Uint8Array {
  const codes = new Uint8Array(sites.length);
  for (let i = 0; i < sites.length; i++) codes[i] = CODE_OF[siteStatus(sites[i]!, rules, nowMs)];
  return codes;
}

export const sameCodes = (a: Uint8Array, b: Uint8Array): boolean =>
  a === b || (a.length === b.length && a.every((x, i) => x === b[i]));

/** Sites per status, for the legend. */
export function countCodes(codes: Uint8Array): Record<SensorStatus, number> {
  const n = [0, 0, 0, 0, 0];
  for (let i = 0; i < codes.length; i++) n[codes[i]!]!++;
  return Object.fromEntries(STATUS_CODES.map((s, i) => [s, n[i]!])) as Record<SensorStatus, number>;
}

/**
 * The site layer's input as deck.gl binary attributes: typed arrays built in one pass, so an update costs no
 * object per site and deck.gl uploads three buffers instead of calling three accessors per site. `data` is one
 * object per build: layers re-created with it (the pulse flips twice a second) reuse its buffers untouched.
 */
export interface SitePoints {
  data: {
    length: number;
    attributes: {
      getPosition: { value: Float32Array; size: 2 };
      getFillColor: { value: Uint8Array; size: 4; normalized: true };
      getRadius: { value: Float32Array; size: 1 };
    };
  };
  /** The drawn sites in alarm, for the pulse rings. */
  alarms: SiteMarker[];
}

/** Points for the sites `include` keeps (all when omitted), coloured and sized by `codes` (same order). */
export function buildSitePoints(
  sites: readonly SiteState[],
  codes: Uint8Array,
  include?: (s: SiteState) => boolean,
): SitePoints {
  const kept = include ? sites.flatMap((s, i) => (include(s) ? [i] : [])) : null;
  const length = kept ? kept.length : sites.length;
  const positions = new Float32Array(2 * length);
  const colours = new Uint8Array(4 * length);
  const radii = new Float32Array(length);
  const alarms: SiteMarker[] = [];
  for (let j = 0; j < length; j++) {
    const i = kept ? kept[j]! : j;
    const s = sites[i]!;
    const status = STATUS_CODES[codes[i]!]!;
    positions[2 * j] = s.lonLat[0];
    positions[2 * j + 1] = s.lonLat[1];
    colours.set(STATUS_COLOURS[status], 4 * j);
    radii[j] = markerRadius(status);
    if (status === 'alarm') alarms.push({ siteId: s.siteId, kind: s.kind, lonLat: s.lonLat, status });
  }
  return {
    data: {
      length,
      attributes: {
        getPosition: { value: positions, size: 2 },
        getFillColor: { value: colours, size: 4, normalized: true },
        getRadius: { value: radii, size: 1 },
      },
    },
    alarms,
  };
}

/** The sensor sites from {@link buildSitePoints}: the same id and look as layers.ts's `sensorLayer`. */
export function sitePointsLayer(p: { points: SitePoints; scale?: number }) {
  return new ScatterplotLayer({
    id: LAYER_IDS.sensors,
    data: p.points.data,
    radiusUnits: 'pixels',
    radiusScale: p.scale ?? 1,
    lineWidthScale: p.scale ?? 1,
    ...SENSOR_OUTLINE,
  });
}
