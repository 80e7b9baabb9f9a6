import { lazy, Suspense, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCoreT } from '../../i18n/use-core-t';
import { LocaleSwitch } from '../../ui/LocaleSwitch';
import { formatClock } from '../../ui/format';
import { CovidPanel } from './CovidPanel';
import { DossierLookup } from './DossierLookup';
import { FiguresPanel } from './FiguresPanel';
import { LevelLegend } from './LevelLegend';
import { PickedDistrict } from './PickedDistrict';
import { usePublicStore } from './public.store';
import { usePublicData } from './use-public-data';
import './public.css';

// maplibre + deck.gl are most of the page's weight: figures and lookup come first, the map after.
const PublicMap = lazy(() => import('./PublicMap'));

/** `/public`: what a citizen reads on a phone. Only `/api/public` figures, never operator data. */
export default function PublicRoute() {
  usePublicData();
  const { t, intl } = useCoreT();
  const { summary, covid, areas, loadError } = usePublicStore(
    useShallow((s) => ({ summary: s.summary, covid: s.covid, areas: s.areas, loadError: s.loadError })),
  );
  const last = Math.max(summary?.lastUpdate.dossierMs ?? 0, summary?.lastUpdate.covidMs ?? 0);
  const clock = last ? formatClock(last, intl) : null;
  const [picked, setPicked] = useState<string | null>(null);
  const initialCode = new URLSearchParams(window.location.search).get('code') ?? '';

  return (
    <main className="public-page" data-testid="public-page">
      <header className="public-header">
        <div>
          <h1>{t('public.title')}</h1>
          <p className="public-muted" data-testid="public-updated">
            {clock
              ? t('public.updated', { time: `${clock.time.slice(0, 5)}, ${clock.date}` })
              : t('public.updatedNone')}
          </p>
        </div>
        <LocaleSwitch />
      </header>
      {loadError ? (
        <p role="alert" className="public-message public-message--warn">
          {t('public.loadError', { message: loadError })}
        </p>
      ) : null}
      <section className="public-card" aria-labelledby="public-lookup-title">
        <h2 id="public-lookup-title">{t('public.lookup.title')}</h2>
        <DossierLookup initialCode={initialCode} />
      </section>
      <section className="public-card" aria-labelledby="public-services-title">
        <h2 id="public-services-title">{t('public.services.title')}</h2>
        <FiguresPanel summary={summary} />
      </section>
      <section className="public-card" aria-labelledby="public-covid-title">
        <h2 id="public-covid-title">{t('public.covid.title')}</h2>
        <div className="public-map" data-testid="public-map">
          <Suspense fallback={<p className="public-muted">{t('public.map.loading')}</p>}>
            <PublicMap areas={areas} covid={covid} onPick={setPicked} />
          </Suspense>
        </div>
        <p className="public-muted public-small">{t('public.map.schematic')}</p>
        <PickedDistrict covid={covid} code={picked} />
        <LevelLegend />
        <CovidPanel covid={covid} />
      </section>
      <footer className="public-muted public-small">{t('public.privacy')}</footer>
    </main>
  );
}
