import { useEffect, useMemo, useState } from 'react';
import { DISTRICTS_2021 } from '../../../geo/areas';
import type { Alert } from '../../../protocol/state/alerts';
import type { SiteState } from '../../../protocol/state/dashboard-state';
import { emptyDashboardState } from '../../../protocol/state/dashboard-state';
import { useT } from '../../i18n/use-t';
import { choroplethScale } from '../../map/colours';
import { districtLayer, LABEL_SIZE_PX, labelLayer } from '../../map/layers';
import { areaLabels } from '../../map/area-labels';
import { compactMapAttribution } from '../../map/map-attribution';
import { useWallLabelPx } from './use-wall-label-px';
import { MapLegend } from '../../map/MapLegend';
import MapView from '../../map/MapView';
import { areaSetNote } from '../../map/area-set-note';
import { alarmPulseLayer, alertFocusLayer, EPIDEMIC_SCALE } from '../../map/wall-layers';
import {
  buildSitePoints,
  countCodes,
  sameCodes,
  siteStatusCodes,
  sitePointsLayer,
} from '../../map/site-points';
import { effectiveNowMs, type SiteMarker } from '../../store/selectors';
import { useStore } from '../../store/store';
import { useScenarioNow } from '../../store/use-scenario-now';
import { formatNumber } from '../../ui/format';
import { useKept } from '../../ui/use-kept';
import type { SceneDef } from './playlists';
import { mapMetricValues } from '../../../protocol/state/map-metrics';
import { areaBounds, pointBounds, POPULATION } from './wall-map-data';
import { useWallStore } from './wall.store';

/**
 * Above this many drawn sites the alarm rings hold still. Each flip of the pulse redraws the whole map, and on a
 * software-rendered wall a redraw of 10k points costs some 200 ms of GPU time: two flips a second tripled the
 * wall's drawing against one data redraw (bench/live-points.ts, Chrome trace). The province's real few hundred
 * sites pulse.
 */
export const PULSE_MAX_SITES = 2000;

/** Flips twice a second while some site is in alarm, driving the pulse (see alarmPulseLayer). */
function usePulse(active: boolean): 0 | 1 {
  const [phase, setPhase] = useState<0 | 1>(0);
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setPhase((p) => (p ? 0 : 1)), 500);
    return () => clearInterval(id);
  }, [active]);
  return phase;
}

/** Same sites in the same order at the same places: the points' positions and the layer's filter still hold. */
const sameLayout = (a: readonly SiteState[], b: readonly SiteState[]) =>
  a.length === b.length &&
  a.every(
    (s, i) =>
      s.siteId === b[i]!.siteId &&
      s.kind === b[i]!.kind &&
      s.lonLat[0] === b[i]!.lonLat[0] &&
      s.lonLat[1] === b[i]!.lonLat[1],
  );

const sameValues = (a: Record<string, number>, b: Record<string, number>) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
};

/** Markers follow the wall's width: ×1 at 1920 px, ×2 at 3840 px. */
const readMarkerScale = () => Math.max(1, window.innerWidth / 1920);

function useMarkerScale(): number {
  const [scale, setScale] = useState(readMarkerScale);
  useEffect(() => {
    const onResize = () => setScale(readMarkerScale());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}

/**
 * The wall's map: one MapView (one map, one Deck) for the page's life; scenes and alerts change its layers
 * and camera only. COVID scenes also show epidemic levels: cases per 100,000 on the choropleth, the level
 * in the legend's place when the scene's metric is the level itself.
 */
export default function WallMap({ scene, takeover }: { scene: SceneDef; takeover: Alert | null }) {
  const { t, intl } = useT();
  const areas = useStore((s) => s.areas);
  const state = useStore((s) => s.feed.state) ?? EMPTY;
  const rollup = useStore((s) => s.rollup);
  const basemap = useWallStore((s) => s.config.basemap);
  const profile = useWallStore((s) => s.config.profile);
  const now = effectiveNowMs(state, useScenarioNow(1000));
  const minute = Math.floor(now / 60_000);
  const metric = scene.metric;
  // Per-day metrics need not be recomputed every second: once a minute of scenario time and on new data.
  const fresh = useMemo(
    () => mapMetricValues(state, metric, now, { population: POPULATION, rollup }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state, metric, minute, rollup],
  );
  // Equal values keep the choropleth as it is: a batch of readings alone does not redraw the districts.
  const values = useKept(fresh, sameValues);
  const scale = useMemo(
    () =>
      metric === 'epidemicLevel'
        ? EPIDEMIC_SCALE
        : choroplethScale(DISTRICTS_2021.map((d) => values[d.code] ?? 0)),
    [metric, values],
  );
  // Scenario time moves every second, but the points (and a redraw, costly on a software-rendered 4K wall)
  // change only when some site's status does, or the sites. With 100k sites this is the wall's hot path:
  // one status byte per site a second, typed arrays rebuilt only on change, no object per site.
  // A batch that only brings new readings changes neither: no new points, no redraw.
  const sites = useMemo(() => Object.values(state.sites), [state.sites]);
  const layout = useKept(sites, sameLayout);
  const codes = useKept(
    useMemo(() => siteStatusCodes(sites, state.alerts, now), [sites, state.alerts, now]),
    sameCodes,
  );
  const kinds = scene.sensorKinds;
  const takeoverSite = takeover?.siteId;
  const include = useMemo(
    () =>
      kinds === 'all' ? undefined : (s: SiteState) => kinds.includes(s.kind) || s.siteId === takeoverSite,
    [kinds, takeoverSite],
  );
  const points = useMemo(() => buildSitePoints(layout, codes, include), [layout, codes, include]);
  const phase = usePulse(points.alarms.length > 0 && points.data.length <= PULSE_MAX_SITES);
  const size = useMarkerScale();
  // Labels are read from the seat like any text: the profile's floor, for the label font.
  const labelPx = useWallLabelPx(profile);
  // The units of the set in force, each named at a point inside its drawn shape (not the 2021 seats).
  const labels = useMemo(() => areaLabels(areas, scene.focusArea), [areas, scene.focusArea]);
  const layers = useMemo(
    () => [
      areas ? districtLayer({ areas, values, scale, metric }) : null,
      sitePointsLayer({ points, scale: size }),
      alarmPulseLayer({ markers: points.alarms, phase, scale: size }),
      labelLayer({ districts: labels, scale: labelPx / LABEL_SIZE_PX, offsetPx: 0 }),
      alertFocusLayer({ lonLat: takeover?.lonLat ?? null, scale: size }),
    ],
    [areas, values, scale, metric, points, phase, takeover?.lonLat, size, labels, labelPx],
  );
  const focus = useMemo(
    () =>
      takeover
        ? {
            key: `alert:${takeover.id}`,
            bounds: takeover.lonLat ? pointBounds(takeover.lonLat) : areaBounds(areas, takeover.area),
          }
        : { key: `scene:${scene.id}:${areas ? 'areas' : ''}`, bounds: areaBounds(areas, scene.focusArea) },
    [takeover, scene.id, scene.focusArea, areas],
  );
  const counts = useMemo(() => countCodes(codes), [codes]);
  const note = areaSetNote(areas);
  return (
    <div className="wall-map" data-testid="wall-map">
      <MapView
        areas={areas}
        values={values}
        scale={scale}
        metric={metric}
        markers={NO_MARKERS}
        layers={layers}
        focus={focus}
        attributionOnMap={false}
        {...(basemap ? { mapStyle: basemap } : {})}
      />
      {/* A band under the map, not over it: at the seat's size the note and the licence alone covered some
          40 % of it. */}
      <div className="wall-map__band" data-testid="wall-map-band">
        <MapLegend
          title={t(`wall.metric.${metric}`)}
          scale={scale}
          formatValue={(v) =>
            metric === 'epidemicLevel' ? t('wall.level', { n: v }) : formatNumber(v, intl)
          }
          sensorsTitle={t('map.sensors')}
          statusLabel={(s) => t(`status.${s}`)}
          statusCounts={counts}
        />
        <p className="wall-map__credits" data-testid="wall-map-credits">
          {note ? (
            <span data-testid="wall-map-note">
              {note.schematic === 'part' ? t('wall.schematicPart') : t(note.key, note.params)}
            </span>
          ) : null}
          {note ? ' · ' : null}
          <span data-testid="map-attribution">{compactMapAttribution(areas)}</span>
        </p>
      </div>
    </div>
  );
}

const EMPTY = emptyDashboardState();
/** The wall passes its own layers; MapView's operator markers stay empty. */
const NO_MARKERS: readonly SiteMarker[] = [];
