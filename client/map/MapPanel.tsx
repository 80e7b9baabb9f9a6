import { lazy, Suspense, useCallback, useMemo } from 'react';
import siteData from '../../geo/data/sensor-sites.json';
import type { SensorSite } from '../../geo/sensor-site';
import { SitePanel } from '../features/site/SitePanel';
import { useSitePanel } from '../features/site/site-panel.store';
import type { MapPick } from './map-pick';
import { useShallow } from 'zustand/react/shallow';
import { DISTRICTS_2021, TAN_AN_CODE } from '../../geo/areas';
import { CROSSWALK_2025, carryOver } from '../../geo/crosswalk';
import { emptyDashboardState } from '../../protocol/state/dashboard-state';
import { countByStatus } from '../../protocol/state/sensor-status';
import { vnDateKey } from '../../protocol/time';
import { useT } from '../i18n/use-t';
import { districtOf } from '../store/drill-down';
import { mapMetricValues } from '../../protocol/state/map-metrics';
import { effectiveNowMs, siteMarkers } from '../store/selectors';
import { useStore } from '../store/store';
import { useScenarioNow } from '../store/use-scenario-now';
import { formatNumber } from '../ui/format';
import { ChoroplethSwitch } from './ChoroplethSwitch';
import { choroplethScale } from './colours';
import type { AreaFeature } from './layers';
import { MapLegend } from './MapLegend';

// maplibre + deck.gl are most of the bundle: load them apart so the tiles and chart draw first.
const MapView = lazy(() => import('./MapView'));

export function MapPanel() {
  const { t, intl } = useT();
  const { areas, areasError, metric, focus, showSensors, setShowSensors } = useStore(
    useShallow((s) => ({
      areas: s.areas,
      areasError: s.areasError,
      metric: s.choropleth,
      focus: s.focusArea,
      showSensors: s.showSensors,
      setShowSensors: s.setShowSensors,
    })),
  );
  const state = useStore((s) => s.feed.state) ?? EMPTY;
  const now = effectiveNowMs(state, useScenarioNow(1000));
  const today = vnDateKey(now);
  // Units of a later set (the 2025 wards) take their share of the 2021 units they came from.
  const values = useMemo(
    () => carryOver(CROSSWALK_2025, mapMetricValues(state, metric, Date.parse(`${today}T12:00:00+07:00`))),
    [state, metric, today],
  );
  const scale = useMemo(() => choroplethScale(DISTRICT_CODES.map((c) => values[c] ?? 0)), [values]);
  const markers = useMemo(() => (showSensors ? siteMarkers(state, now) : []), [state, now, showSensors]);
  const drill = useMemo(() => {
    if (districtOf(focus) !== TAN_AN_CODE || !areas) return undefined;
    const features = areas.features.filter((f) => f.properties.parent === TAN_AN_CODE) as AreaFeature[];
    return { features, focus };
  }, [areas, focus]);
  const pickSite = useSitePanel((s) => s.pick);
  const onPick = useCallback(
    (pick: MapPick) => {
      if (pick.kind === 'site') pickSite(pick.siteId, (id) => state.sites[id]?.unit ?? SITE_UNITS.get(id));
    },
    [pickSite, state],
  );
  const counts = useMemo(() => countByStatus(Object.values(state.sites), state.alerts, now), [state, now]);

  return (
    <div className="map-panel" data-testid="map-panel">
      <Suspense fallback={<div className="map-canvas map-canvas--loading">{t('map.loading')}</div>}>
        <MapView
          areas={areas}
          values={values}
          scale={scale}
          metric={metric}
          markers={markers}
          drill={drill}
          onPick={onPick}
        />
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
        <p className="map-panel__schematic" data-testid="map-schematic-note">
          {t('map.schematic')}
        </p>
        {areas?.name ? (
          <p className="map-panel__set" data-testid="map-area-set" data-set={areas.name}>
            {t('map.areaSet', { name: areas.name })}
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
      />
    </div>
  );
}

const EMPTY = emptyDashboardState();
const SITE_UNITS = new Map((siteData as SensorSite[]).map((s) => [s.siteId, s.unit]));
/** The scale spans the districts only: the province total would squash them all into the lowest class. */
const DISTRICT_CODES = DISTRICTS_2021.map((a) => a.code);
