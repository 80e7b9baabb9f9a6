import { lazy, Suspense, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { DISTRICTS_2021 } from '../../geo/areas';
import { emptyDashboardState } from '../../protocol/state/dashboard-state';
import { countByStatus } from '../../protocol/state/sensor-status';
import { vnDateKey } from '../../protocol/time';
import { useT } from '../i18n/use-t';
import { choroplethValues, effectiveNowMs, siteMarkers } from '../store/selectors';
import { useStore } from '../store/store';
import { useScenarioNow } from '../store/use-scenario-now';
import { formatNumber } from '../ui/format';
import { ChoroplethSwitch } from './ChoroplethSwitch';
import { choroplethScale } from './colours';
import { MapLegend } from './MapLegend';

// maplibre + deck.gl are most of the bundle: load them apart so the tiles and chart draw first.
const MapView = lazy(() => import('./MapView'));

export function MapPanel() {
  const { t, intl } = useT();
  const { areas, areasError, metric } = useStore(
    useShallow((s) => ({ areas: s.areas, areasError: s.areasError, metric: s.choropleth })),
  );
  const state = useStore((s) => s.feed.state) ?? EMPTY;
  const now = effectiveNowMs(state, useScenarioNow(1000));
  const today = vnDateKey(now);
  const values = useMemo(
    () => choroplethValues(state, metric, Date.parse(`${today}T12:00:00+07:00`)),
    [state, metric, today],
  );
  const scale = useMemo(() => choroplethScale(DISTRICT_CODES.map((c) => values[c] ?? 0)), [values]);
  const markers = useMemo(() => siteMarkers(state, now), [state, now]);
  const counts = useMemo(() => countByStatus(Object.values(state.sites), now), [state, now]);

  return (
    <div className="map-panel" data-testid="map-panel">
      <Suspense fallback={<div className="map-canvas map-canvas--loading">{t('map.loading')}</div>}>
        <MapView areas={areas} values={values} scale={scale} metric={metric} markers={markers} />
      </Suspense>
      <div className="map-panel__top">
        <ChoroplethSwitch />
        <p className="map-panel__schematic" data-testid="map-schematic-note">
          {t('map.schematic')}
        </p>
        {areasError ? (
          <p className="map-panel__error" role="alert" data-testid="areas-error">
            {t('map.areasError', { message: areasError })}
          </p>
        ) : null}
      </div>
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
/** The scale spans the districts only: the province total would squash them all into the lowest class. */
const DISTRICT_CODES = DISTRICTS_2021.map((a) => a.code);
