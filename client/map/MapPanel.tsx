import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import siteData from '../../geo/data/sensor-sites.json';
import type { SensorSite } from '../../geo/sensor-site';
import { SitePanel } from '../features/site/SitePanel';
import { useSitePanel } from '../features/site/site-panel.store';
import { useShallow } from 'zustand/react/shallow';
import { DISTRICTS_2021, TAN_AN_CODE } from '../../geo/areas';
import { CROSSWALK_2025, carryOver } from '../../geo/crosswalk';
import { emptyDashboardState } from '../../protocol/state/dashboard-state';
import { countByStatus } from '../../protocol/state/sensor-status';
import { vnDateKey } from '../../protocol/time';
import { useT } from '../i18n/use-t';
import { districtOf, isFocusable, isWard } from '../store/drill-down';
import { areaBounds } from '../features/wall/wall-map-data';
import { mapMetricValues } from '../../protocol/state/map-metrics';
import { effectiveNowMs, siteMarkers } from '../store/selectors';
import { useStore } from '../store/store';
import { useScenarioNow } from '../store/use-scenario-now';
import { formatNumber } from '../ui/format';
import { ChoroplethSwitch } from './ChoroplethSwitch';
import { choroplethScale } from './colours';
import type { AreaFeature } from './layers';
import { MapLegend } from './MapLegend';
import { areaLabels, type AreaLabel } from './area-labels';
import { representativePoint } from '../../geo/ring';
import { PILOT_AREAS, isPilotUnit } from '../../geo/pilot-units';
import type { AreaGeometry } from '../../protocol';
import type { PilotShapes } from './pilot-shapes';
import type { Translate } from '../i18n';
import { areaSetNote } from './area-set-note';
import { PROVINCE_BOUNDS } from './map-style';
import { pilotBounds, pilotShapes } from './pilot-shapes';
import { pilotLabel } from '../ui/pilot-label';
import type { MapPick } from './MapView';

// maplibre + deck.gl are most of the bundle: load them apart so the tiles and chart draw first.
const loadMapView = () => import('./MapView');
const MapView = lazy(loadMapView);

/**
 * The map mounts once the first state has been painted: its WebGL set-up (shader compiling and linking) holds
 * the main thread for seconds under a software GPU, and a replay link's clock, tiles and alerts must not wait
 * behind it. Its code is fetched meanwhile.
 */
function useMapAfterFirstState(hold: boolean): boolean {
  const hasState = useStore((s) => s.feed.state !== null);
  const [on, setOn] = useState(!hold);
  useEffect(() => {
    if (hold) void loadMapView().catch(() => undefined);
  }, [hold]);
  useEffect(() => {
    if (on || !hasState) return;
    // The second frame's callback runs after the first state's frame was painted.
    let id = requestAnimationFrame(() => {
      id = requestAnimationFrame(() => setOn(true));
    });
    return () => cancelAnimationFrame(id);
  }, [on, hasState]);
  return on;
}

export function MapPanel({
  holdMapUntilState = false,
  capturable = false,
}: {
  holdMapUntilState?: boolean;
  /** The map's frames can be copied (the replay's clip export). */
  capturable?: boolean;
}) {
  const mapOn = useMapAfterFirstState(holdMapUntilState);
  const { t, intl } = useT();
  const { areas, areasError, metric, focus, setFocus, showSensors, setShowSensors } = useStore(
    useShallow((s) => ({
      areas: s.areas,
      areasError: s.areasError,
      metric: s.choropleth,
      focus: s.focusArea,
      setFocus: s.setFocusArea,
      showSensors: s.showSensors,
      setShowSensors: s.setShowSensors,
    })),
  );
  const frame = useFraming(focus, setFocus);
  const state = useStore((s) => s.feed.state) ?? EMPTY;
  const now = effectiveNowMs(state, useScenarioNow(1000));
  const today = vnDateKey(now);
  // Units of a later set (the 2025 wards) take their share of the 2021 units they came from.
  const values = useMemo(
    () => carryOver(CROSSWALK_2025, mapMetricValues(state, metric, Date.parse(`${today}T12:00:00+07:00`))),
    [state, metric, today],
  );
  const scale = useMemo(() => choroplethScale(DISTRICT_CODES.map((c) => values[c] ?? 0)), [values]);
  const siteAreas = useStore((s) => s.siteAreas);
  // A site the set in force places in no unit (null, not merely unknown) is drawn ringed as outside.
  const markers = useMemo(
    () =>
      showSensors
        ? siteMarkers(state, now).map((m) => (siteAreas?.[m.siteId] === null ? { ...m, outside: true } : m))
        : [],
    [state, now, showSensors, siteAreas],
  );
  const outsideCount = useMemo(
    () => Object.values(siteAreas ?? {}).filter((code) => code === null).length,
    [siteAreas],
  );
  const drill = useMemo(() => {
    if (districtOf(focus) !== TAN_AN_CODE || !areas) return undefined;
    const features = areas.features.filter((f) => f.properties.parent === TAN_AN_CODE) as AreaFeature[];
    return { features, focus };
  }, [areas, focus]);
  const pickSite = useSitePanel((s) => s.pick);
  const counts = useMemo(() => countByStatus(Object.values(state.sites), state.alerts, now), [state, now]);
  // A chosen pilot unit is drawn with the other pilots: schematic cells inside their districts, named so.
  const pilots = useMemo(
    () => (isPilotUnit(focus) ? { shapes: pilotShapes(areas), focus } : undefined),
    [areas, focus],
  );
  const labels = useMemo(() => {
    const units = areaLabels(
      areas,
      focus,
      districtOf(focus) === TAN_AN_CODE && frame.level === 'area' ? TAN_AN_CODE : undefined,
    );
    return pilots ? [...units, ...pilotLabels(pilots.shapes, focus, t)] : units;
  }, [areas, focus, frame.level, pilots, t]);
  const framed = useMemo(
    () =>
      frame.level === 'province'
        ? { key: `province:${frame.n}`, bounds: PROVINCE_BOUNDS }
        : {
            key: `area:${focus}:${frame.n}`,
            bounds: (pilots && pilotBounds(pilots.shapes, focus)) ?? areaBounds(areas, focus),
          },
    // The bounds follow the areas loaded, but only a new key moves the camera.
    [frame, focus, areas, pilots],
  );
  const onPick = useCallback(
    (pick: MapPick) => {
      if (pick.kind === 'site') pickSite(pick.siteId, (id) => state.sites[id]?.unit ?? SITE_UNITS.get(id));
      else if (isFocusable(pick.code)) frame.drill(pick.code);
    },
    [pickSite, state, frame],
  );
  const note = areaSetNote(areas);

  return (
    <div className="map-panel" data-testid="map-panel">
      <Suspense fallback={<div className="map-canvas map-canvas--loading">{t('map.loading')}</div>}>
        {mapOn ? (
          <MapView
            areas={areas}
            values={values}
            scale={scale}
            metric={metric}
            markers={markers}
            drill={drill}
            focus={framed}
            highlight={focus}
            {...(pilots ? { pilots } : {})}
            labels={labels}
            onPick={onPick}
            capturable={capturable}
          />
        ) : (
          <div className="map-canvas map-canvas--loading">{t('map.loading')}</div>
        )}
      </Suspense>
      <div className="map-panel__top">
        <ChoroplethSwitch />
        <label className="map-panel__toggle">
          <input
            type="checkbox"
            checked={showSensors}
            onChange={(e) => setShowSensors(e.target.checked)}
            data-testid="map-sensors-toggle"
          />{' '}
          {t('map.showSensors')}
        </label>
        {note ? (
          <p
            className="map-panel__schematic"
            data-testid="map-area-set"
            data-set={areas?.name}
            data-schematic={note.schematic}
          >
            {t(note.key, note.params)}
          </p>
        ) : null}
        {pilots ? (
          <p className="map-panel__schematic" data-testid="map-pilot-note">
            {t('map.pilotsSchematic')}
          </p>
        ) : null}
        {areasError ? (
          <p className="map-panel__error" role="alert" data-testid="areas-error">
            {t('map.areasError', { message: areasError })}
          </p>
        ) : null}
      </div>
      <SitePanel />
      <MapLegend
        title={t(`map.metric.${metric}`)}
        scale={scale}
        formatValue={(v) => formatNumber(v, intl)}
        sensorsTitle={t('map.sensors')}
        statusLabel={(s) => t(`status.${s}`)}
        statusCounts={counts}
        outside={outsideCount > 0 ? { label: t('map.outside'), count: outsideCount } : undefined}
      />
    </div>
  );
}

/**
 * Where the camera stands: the whole province (at first, and after Escape from a district) or the focused
 * area (after a click or a breadcrumb). A click on an area drills down, as the breadcrumbs do; Escape goes back
 * up: from a ward to its district, from a district to the province view.
 */
function useFraming(focus: string, setFocus: (code: string) => void) {
  const [state, setState] = useState<{ level: 'province' | 'area'; n: number; seen: string }>({
    level: 'province',
    n: 0,
    seen: focus,
  });
  // A focus changed elsewhere (the breadcrumbs, the URL) frames that area too.
  if (state.seen !== focus) setState({ level: 'area', n: state.n + 1, seen: focus });
  const drill = useCallback(
    (code: string) => {
      setFocus(code);
      setState((s) => ({ level: 'area', n: s.n + 1, seen: code }));
    },
    [setFocus],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (e.target instanceof HTMLElement && e.target.closest('input, textarea, [role="dialog"]')) return;
      if (isWard(focus)) drill(districtOf(focus));
      else setState((s) => ({ level: 'province', n: s.n + 1, seen: focus }));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [focus, drill]);
  return useMemo(() => ({ level: state.level, n: state.n, drill }), [state.level, state.n, drill]);
}

/**
 * The pilots' names on their cells and mark, the chosen one first among all labels; each says it is a pilot
 * ("Xã thí điểm …"), and the note above the map says the cells are schematic.
 */
function pilotLabels(shapes: PilotShapes, focus: string, t: Translate): AreaLabel[] {
  const places = [
    ...shapes.cells.map((f) => ({
      code: f.properties.code,
      seat: representativePoint(f.geometry as AreaGeometry),
    })),
    ...shapes.marks.map((m) => ({ code: m.code, seat: m.lonLat })),
  ];
  return places.map(({ code, seat }) => {
    const unit = PILOT_AREAS.find((a) => a.code === code)!;
    return { ...unit, name: pilotLabel(code, t) ?? unit.name, seat, priority: code === focus ? 2e6 : 1 };
  });
}

const EMPTY = emptyDashboardState();
const SITE_UNITS = new Map((siteData as SensorSite[]).map((s) => [s.siteId, s.unit]));
/** The scale spans the districts only: the province total would squash them all into the lowest class. */
const DISTRICT_CODES = DISTRICTS_2021.map((a) => a.code);
