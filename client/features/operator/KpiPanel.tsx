import { useMemo } from 'react';
import { PROVINCE_CODE, TAN_AN_CODE } from '../../../geo/areas';
import { useT } from '../../i18n/use-t';
import { areaKpis, effectiveNowMs } from '../../store/selectors';
import { useStore } from '../../store/store';
import { useScenarioNow } from '../../store/use-scenario-now';
import { KpiColumn } from './KpiColumn';
import { kpiTiles } from './kpi-tiles';

/** Province and Tân An side by side: the leaders compare the city with the whole province at a glance. */
export function KpiPanel() {
  const { t, intl } = useT();
  const state = useStore((s) => s.feed.state);
  const scenarioNow = useScenarioNow(1000);
  const columns = useMemo(() => {
    if (!state) return null;
    const now = effectiveNowMs(state, scenarioNow);
    return {
      province: kpiTiles(areaKpis(state, PROVINCE_CODE, now), 'kpi-province', now, t, intl),
      tanAn: kpiTiles(areaKpis(state, TAN_AN_CODE, now), 'kpi-tan-an', now, t, intl),
    };
  }, [state, scenarioNow, t, intl]);

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
      <KpiColumn title={t('area.tanAn')} tiles={columns.tanAn} testId="kpi-column-tan-an" />
    </div>
  );
}
