import { useCoreT } from '../../i18n/use-core-t';
import type { LookupResult } from './public-api';
import { DossierTimeline } from './DossierTimeline';

/** The answer to a lookup: the timeline, or a sentence saying what went wrong and what to do. */
export function LookupMessage({ result }: { result: LookupResult }) {
  const { t } = useCoreT();
  if (result.kind === 'found') return <DossierTimeline dossier={result.dossier} />;
  const text =
    result.kind === 'not_found'
      ? t('public.lookup.notFound', { code: result.code })
      : result.kind === 'invalid'
        ? t('public.lookup.invalid')
        : result.kind === 'rate_limited'
          ? t('public.lookup.rateLimited', { seconds: result.retryAfterS })
          : t('public.lookup.error', { error: result.message });
  return (
    <p role="alert" className="public-message public-message--warn" data-testid={`lookup-${result.kind}`}>
      {text}
    </p>
  );
}
