import { useMemo } from 'react';
import { PROVINCE_CODE, TAN_AN_CODE } from '../../../geo/areas';
import { areaName, isWard } from '../../store/drill-down';
import { useT } from '../../i18n/use-t';
import { areaKpis, effectiveNowMs, hasOwnFigures } from '../../store/selectors';
import { useStore } from '../../store/store';
import { useScenarioNow } from '../../store/use-scenario-now';
import { pilotLabel } from '../../ui/pilot-label';
import { KpiColumn } from './KpiColumn';
import { kpiTiles } from './kpi-tiles';

/**
 * The province and the focused district (Tân An unless one is picked) side by side: the city or a district
 * against the whole province at a glance.
 */
export function KpiPanel() {
  const { t, intl } = useT();
  const state = useStore((s) => s.feed.state);
  const focus = useStore((s) => s.focusArea);
  const siteAreas = useStore((s) => s.siteAreas);
  const rollup = useStore((s) => s.rollup);
  const focusPrefix = focus === TAN_AN_CODE ? 'kpi-tan-an' : `kpi-area-${focus}`;
  const scenarioNow = useScenarioNow(1000);
  const columns = useMemo(() => {
    if (!state) return null;
    const now = effectiveNowMs(state, scenarioNow);
    return {
      province: kpiTiles(
        areaKpis(state, PROVINCE_CODE, now, rollup, siteAreas),
        'kpi-province',
        now,
        t,
        intl,
      ),
      focus: kpiTiles(
        areaKpis(state, focus, now, rollup, siteAreas),
        focusPrefix,
        now,
        t,
        intl,
        !isWard(focus) || hasOwnFigures(state, focus),
      ),
    };
  }, [state, scenarioNow, t, intl, focus, focusPrefix, siteAreas, rollup]);

  if (!columns) {
    return (
      <div className="kpi-panel kpi-panel--waiting" data-testid="kpi-panel">
        {t('waiting')}
      </div>
    );
  }
  return (
    <div className="kpi-panel" data-testid="kpi-panel">
      <KpiColumn title={t('area.province')} tiles={columns.province} testId="kpi-column-province" />
      <KpiColumn
        title={
          focus === TAN_AN_CODE
            ? t('area.tanAn')
            : (pilotLabel(focus, t) ??
              (isWard(focus) ? `${areaName(focus)} — ${t('area.tanAn')}` : areaName(focus)))
        }
        tiles={columns.focus}
        testId={focus === TAN_AN_CODE ? 'kpi-column-tan-an' : `kpi-column-area-${focus}`}
      />
    </div>
  );
}
