import type { PublicCovid } from '../../../protocol/public.schema';
import { useCoreT } from '../../i18n/use-core-t';
import { formatNumber } from '../../ui/format';

/** The district tapped on the map, by name with its level and new cases; a hint until one is tapped. */
export function PickedDistrict({ covid, code }: { covid: PublicCovid | null; code: string | null }) {
  const { t, intl } = useCoreT();
  const d = covid?.districts.find((x) => x.code === code);
  return (
    <p
      className={d ? 'public-picked' : 'public-picked public-muted'}
      data-testid="public-picked"
      aria-live="polite"
    >
      {d
        ? t('public.map.picked', {
            name: d.name,
            level: d.epidemicLevel,
            cases: formatNumber(d.newCasesLastDate, intl),
          })
        : t('public.map.tapHint')}
    </p>
  );
}
