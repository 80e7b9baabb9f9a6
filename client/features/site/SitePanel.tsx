import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import siteData from '../../../geo/data/sensor-sites.json';
import type { SensorSite } from '../../../geo/sensor-site';
import { thresholdOf } from '../../../protocol/state/built-in-rules';
import { emptyDashboardState } from '../../../protocol/state/dashboard-state';
import { useT } from '../../i18n/use-t';
import { effectiveNowMs } from '../../store/selectors';
import { useStore } from '../../store/store';
import { useScenarioNow } from '../../store/use-scenario-now';
import { formatAge, formatDateTime, formatNumber } from '../../ui/format';
import { SiteChart } from './SiteChart';
import { SITE_RANGES, useSitePanel } from './site-panel.store';
import { chartRows } from './site-series';
import { SiteStatusHistory } from './SiteStatusHistory';
import { useSiteSeries } from './use-site-series';
import './site-panel.css';

const LINE_COLOURS = ['#4fc3f7', '#ffb74d', '#ba68c8', '#81c784'];
// The site list itself, not geo/'s index: that would bring every area set's geometry into the bundle.
const SITES = new Map((siteData as SensorSite[]).map((s) => [s.siteId, s]));
const site = (id: string) => SITES.get(id);

/** The side panel of the sites clicked on the map (live or replay): their readings over a chosen range. */
export function SitePanel() {
  const { t, intl } = useT();
  const p = useSitePanel(
    useShallow((s) => ({
      siteIds: s.siteIds,
      comparing: s.comparing,
      range: s.range,
      refused: s.refused,
      remove: s.remove,
      setComparing: s.setComparing,
      setRange: s.setRange,
      close: s.close,
    })),
  );
  const state = useStore((s) => s.feed.state) ?? EMPTY;
  const now = effectiveNowMs(state, useScenarioNow(1000));
  const range = SITE_RANGES.find((r) => r.id === p.range)!;
  // The range's end moves in steps of 1/60 of it: a live clock does not refetch every second.
  const step = range.ms / 60;
  const toMs = Math.ceil(now / step) * step;
  const fromMs = toMs - range.ms;
  const load = useSiteSeries(p.siteIds, fromMs, toMs, range.bucket);
  const rows = useMemo(() => (load.status === 'ready' ? chartRows(load.answers) : []), [load]);
  const first = p.siteIds[0] ? site(p.siteIds[0]) : undefined;
  if (!first) return null;

  const th = thresholdOf(state.alerts.rules, first.kind);
  const thresholds = th
    ? [
        { value: th.warning, label: t('site.warning'), colour: '#f5b041' },
        { value: th.alarm, label: t('site.alarm'), colour: '#e74c3c' },
      ]
    : [];
  const alerts = state.alerts.recent.filter((a) => a.siteId !== null && p.siteIds.includes(a.siteId));
  const alarms = alerts
    .filter((a) => a.raisedTsMs >= fromMs && a.raisedTsMs < toMs)
    .map((a) => ({ tsMs: a.raisedTsMs, colour: a.severity === 'critical' ? '#e74c3c' : '#f5b041' }));
  const lines = p.siteIds.map((id, i) => ({
    siteId: id,
    name: site(id)?.name ?? id,
    colour: LINE_COLOURS[i]!,
    band: range.bucket !== 'raw',
  }));
  const timeFmt = new Intl.DateTimeFormat(intl, {
    timeZone: 'Asia/Ho_Chi_Minh',
    ...(range.ms <= 86_400_000
      ? { hour: '2-digit', minute: '2-digit' }
      : { day: '2-digit', month: '2-digit' }),
  });

  return (
    <aside className="site-panel" data-testid="site-panel" aria-label={t('site.title')}>
      <header className="site-panel__head">
        <h2>{t('site.title')}</h2>
        <button type="button" onClick={p.close} data-testid="site-panel-close" aria-label={t('site.close')}>
          ×
        </button>
      </header>
      <ul className="site-panel__sites">
        {lines.map((l) => {
          const s = state.sites[l.siteId];
          return (
            <li key={l.siteId} data-testid="site-panel-site" data-site={l.siteId}>
              <span className="site-panel__swatch" style={{ background: l.colour }} />
              <strong>{l.name}</strong> · {t(`sensor.kind.${site(l.siteId)!.kind}`)}{' '}
              <span data-testid="site-latest">
                {s
                  ? `${formatNumber(s.value, intl, 2)} ${s.unit} — ${formatAge(now - s.tsMs, intl)}`
                  : t('site.noReading')}
              </span>
              {p.siteIds.length > 1 ? (
                <button type="button" onClick={() => p.remove(l.siteId)} aria-label={t('site.remove')}>
                  −
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      <div className="site-panel__tools">
        {SITE_RANGES.map((r) => (
          <button
            key={r.id}
            type="button"
            aria-pressed={r.id === p.range}
            onClick={() => p.setRange(r.id)}
            data-testid={`site-range-${r.id}`}
          >
            {t(`site.range.${r.id}`)}
          </button>
        ))}
        <label>
          <input
            type="checkbox"
            checked={p.comparing}
            onChange={(e) => p.setComparing(e.target.checked)}
            data-testid="site-compare"
          />{' '}
          {t('site.compare')}
        </label>
      </div>
      {p.refused ? (
        <p className="site-panel__note" role="status" data-testid="site-refused">
          {t(`site.refused.${p.refused}`)}
        </p>
      ) : null}
      <div
        className="site-panel__chart"
        data-testid="site-chart"
        data-state={load.status}
        data-thresholds={thresholds.length}
        data-alarms={alarms.length}
        data-lines={lines.length}
        data-points={rows.length}
      >
        {load.status === 'error' ? (
          <p role="alert">{load.message}</p>
        ) : (
          <SiteChart
            rows={rows}
            lines={lines}
            fromMs={fromMs}
            toMs={toMs}
            thresholds={thresholds}
            alarms={alarms}
            formatTime={(ms) => timeFmt.format(ms)}
            formatValue={(v) => formatNumber(v, intl, 1)}
          />
        )}
      </div>
      <SiteStatusHistory
        alerts={alerts}
        siteName={(id) => site(id)?.name ?? id}
        formatTime={(ms) => formatDateTime(ms, intl)}
      />
    </aside>
  );
}

const EMPTY = emptyDashboardState();
