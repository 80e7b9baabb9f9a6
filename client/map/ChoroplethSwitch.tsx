import { useShallow } from 'zustand/react/shallow';
import { useT } from '../i18n/use-t';
import { useStore } from '../store/store';
import type { ChoroplethMetric } from '../store/ui.slice';

const METRICS: readonly ChoroplethMetric[] = ['onlineToday', 'covidCumulative'];

export function ChoroplethSwitch() {
  const { t } = useT();
  const { metric, setMetric } = useStore(
    useShallow((s) => ({ metric: s.choropleth, setMetric: s.setChoropleth })),
  );
  return (
    <div className="choropleth-switch" role="group" data-testid="choropleth-switch">
      {METRICS.map((m) => (
        <button key={m} type="button" aria-pressed={m === metric} onClick={() => setMetric(m)}>
          {t(`map.metric.${m}`)}
        </button>
      ))}
    </div>
  );
}
