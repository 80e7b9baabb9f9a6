import { useEffect, useState } from 'react';
import { AlarmReport } from '../../../protocol/alarm-report.schema';
import { useT } from '../../i18n/use-t';
import { getJson } from '../../net/api';
import { LocaleSwitch } from '../../ui/LocaleSwitch';
import { SessionBadge } from '../../ui/SessionBadge';
import { AlarmReportView } from './AlarmReportView';
import './alarms.css';

/** The scenario's first day by default: the range the README's figures are measured over. */
const DEFAULT_FROM = '2021-08-01T08:00';
const DEFAULT_TO = '2021-08-02T08:00';

/** `datetime-local` values are Vietnam time: the scenario's clock, as every view shows it. */
const toIso = (local: string) => `${local}:00+07:00`;

/** `/alarms`: the alarm performance report (ISA-18.2) for a chosen range, with its CSV download. */
export default function AlarmsRoute() {
  const { t } = useT();
  const params = new URLSearchParams(window.location.search);
  const [from, setFrom] = useState(params.get('from') ?? DEFAULT_FROM);
  const [to, setTo] = useState(params.get('to') ?? DEFAULT_TO);
  const [asked, setAsked] = useState({ from, to });
  const query = `from=${encodeURIComponent(toIso(asked.from))}&to=${encodeURIComponent(toIso(asked.to))}`;
  // The answer with the query it answers: a stale one (another range) reads as still loading.
  const [answer, setAnswer] = useState<{ query: string; report?: AlarmReport; error?: string } | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    getJson<unknown>(`/api/alarms/report?${query}`, abort.signal)
      .then((body) => setAnswer({ query, report: AlarmReport.parse(body) }))
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setAnswer({ query, error: e instanceof Error ? e.message : String(e) });
      });
    return () => abort.abort();
  }, [query]);
  const current = answer?.query === query ? answer : null;
  const report = current?.report ?? null;
  const error = current?.error ?? null;
  return (
    <div className="alarms-page" data-testid="alarms-page">
      <header className="app-header">
        <h1 className="app-header__title">{t('alarms.title')}</h1>
        <div className="app-header__right">
          <SessionBadge />
          <LocaleSwitch />
        </div>
      </header>
      <main className="alarms-page__main">
        <form
          className="alarms-page__range"
          onSubmit={(e) => {
            e.preventDefault();
            setAsked({ from, to });
          }}
        >
          <label>
            {t('alarms.from')}
            <input
              type="datetime-local"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              data-testid="alarms-from"
            />
          </label>
          <label>
            {t('alarms.to')}
            <input
              type="datetime-local"
              value={to}
              onChange={(e) => setTo(e.target.value)}
              data-testid="alarms-to"
            />
          </label>
          <button type="submit">{t('alarms.show')}</button>
          <a href={`/api/alarms/report?${query}&format=csv`} download data-testid="alarms-csv">
            {t('alarms.csv')}
          </a>
        </form>
        <p className="alarms-page__note">{t('alarms.note')}</p>
        {error ? (
          <p role="alert" data-testid="alarms-error">
            {t('alarms.error', { message: error })}
          </p>
        ) : null}
        {!report && !error ? (
          <p className="route-loading" role="status">
            {t('waiting')}
          </p>
        ) : null}
        {report ? <AlarmReportView report={report} /> : null}
      </main>
    </div>
  );
}
