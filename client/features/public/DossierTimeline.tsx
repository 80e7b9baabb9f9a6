import type { PublicDossier, PublicDossierStep } from '../../../protocol/public.schema';
import type { CoreTranslate } from '../../i18n/core';
import { useCoreT } from '../../i18n/use-core-t';
import { formatClock } from '../../ui/format';

function stepText(s: PublicDossierStep, t: CoreTranslate, when: (ms: number) => string): string {
  switch (s.step) {
    case 'received':
      return `${t('public.step.received')} ${t(`public.channel.${s.channel}`)}`;
    case 'in_progress':
      return t('public.step.in_progress', { due: when(s.dueMs) });
    case 'resolved':
      return t(s.onTime ? 'public.step.resolved.onTime' : 'public.step.resolved.late');
    case 'paid':
      return `${t('public.step.paid')} ${t(s.online ? 'public.paid.online' : 'public.paid.counter')}`;
  }
}

/** A dossier's status and its steps, oldest first, each with its Vietnam date and time. */
export function DossierTimeline({ dossier }: { dossier: PublicDossier }) {
  const { t, intl } = useCoreT();
  const when = (ms: number) => {
    const c = formatClock(ms, intl);
    return `${c.time.slice(0, 5)} ${c.date.replace(/^[^,]*,\s*/, '')}`;
  };
  return (
    <div className="public-dossier" data-testid="dossier-result">
      <p className={`public-status public-status--${dossier.status}`} data-testid="dossier-status">
        {t(`public.status.${dossier.status}`)}
      </p>
      <dl className="public-dossier__facts">
        <dt>{t('public.lookup.label')}</dt>
        <dd>{dossier.code}</dd>
        <dt>{t('public.lookup.procedure')}</dt>
        <dd>{dossier.procedure}</dd>
        <dt>{t('public.lookup.agency')}</dt>
        <dd>{dossier.agency}</dd>
      </dl>
      <ol className="public-timeline" data-testid="dossier-timeline">
        {dossier.steps.map((s) => (
          <li key={s.step} data-step={s.step}>
            <time dateTime={new Date(s.atMs).toISOString()}>{when(s.atMs)}</time>
            <span>{stepText(s, t, when)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
