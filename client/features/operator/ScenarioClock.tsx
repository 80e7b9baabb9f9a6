import { useT } from '../../i18n/use-t';
import { useStore } from '../../store/store';
import { useScenarioNow } from '../../store/use-scenario-now';
import { formatClock, formatNumber } from '../../ui/format';

/**
 * Scenario (simulated) time, never the wall clock: operators must not mistake a replayed August 2021 for
 * today. Redrawn four times a second so the seconds move smoothly at any speed.
 */
export function ScenarioClock() {
  const { t, intl } = useT();
  const nowMs = useScenarioNow(250);
  const speed = useStore((s) => s.clock?.speed ?? null);
  if (nowMs === null) {
    return (
      <div className="clock" data-testid="scenario-clock">
        <span className="clock__label">{t('scenarioTime')}</span>
        <span className="clock__date">{t('clockWaiting')}</span>
      </div>
    );
  }
  const { date, time } = formatClock(nowMs, intl);
  return (
    <div className="clock" data-testid="scenario-clock" data-ms={Math.floor(nowMs)}>
      <span className="clock__label">{t('scenarioTime')}</span>
      <span className="clock__date">{date}</span>
      <span className="clock__time">{time}</span>
      <span className="clock__speed">
        {speed === 0
          ? t('clockPaused')
          : `×${formatNumber(speed ?? 1, intl, speed !== null && speed % 1 ? 1 : 0)}`}
      </span>
    </div>
  );
}
