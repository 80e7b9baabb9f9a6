import { level4EligibleShare, type ReviewReferenceResponse } from '../../../protocol';
import type { MessageKey } from '../../i18n';
import { useT } from '../../i18n/use-t';
import { formatPercent } from '../../ui/format';
import { assessTarget } from './projection';
import { reviewPaths } from './review-api';
import { useResource } from './review.store';

const TARGET_YEAR = 2025;

/**
 * The resolution's 2025 targets. Only level-4 services have a measure in the IOC (the service catalogue);
 * the others have no stream, and the table says so instead of showing a number nobody measured.
 */
const TARGETS: readonly { id: string; measured: boolean }[] = [
  { id: 'level4', measured: true },
  { id: 'warehouse', measured: false },
  { id: 'digitalEconomy', measured: false },
  { id: 'fibre', measured: false },
  { id: 'mobile', measured: false },
  { id: 'dxIndex', measured: false },
];

export function TargetsTable() {
  const { t, intl } = useT();
  const ref = useResource<ReviewReferenceResponse>(reviewPaths.reference());
  if (ref.status !== 'ok')
    return (
      <p
        className={`review-state${ref.status === 'error' ? ' review-error' : ''}`}
        role={ref.status === 'error' ? 'alert' : 'status'}
      >
        {ref.status === 'error' ? t('review.loadError', { message: ref.message }) : t('review.loading')}
      </p>
    );
  // The resolution's base: services eligible for level 4, not every procedure of the catalogue.
  const points = ref.data.catalogue.flatMap((c) => {
    const value = level4EligibleShare(c);
    return value === null ? [] : [{ year: c.year, value }];
  });
  const level4 = assessTarget(points, 1, TARGET_YEAR);
  const interim = ref.data.level4Targets.filter((g) => g.year < TARGET_YEAR);
  const key = (id: string, part: string) => `review.target.${id}.${part}` as MessageKey;
  return (
    <div className="review-targets">
      <table data-testid="targets-table">
        <thead>
          <tr>
            <th>{t('review.targets.target')}</th>
            <th>{t('review.targets.actual')}</th>
            <th>{t('review.targets.goal')}</th>
            <th>{t('review.targets.trend')}</th>
            <th>{t('review.targets.projection')}</th>
          </tr>
        </thead>
        <tbody>
          {TARGETS.map(({ id, measured }) => (
            <tr key={id} data-testid={`target-${id}`}>
              <th scope="row">{t(key(id, 'name'))}</th>
              {measured ? (
                <>
                  <td>
                    {formatPercent(level4.latest?.value, intl)} ({level4.latest?.year})
                  </td>
                  <td>
                    {t(key(id, 'goal'))}
                    {interim.map((g) => (
                      <span key={g.year} className="review-note">
                        {' '}
                        ({t('review.targets.interim', { year: g.year, goal: formatPercent(g.share, intl) })})
                      </span>
                    ))}
                  </td>
                  <td>{points.map((p) => `${p.year}: ${formatPercent(p.value, intl)}`).join(' → ')}</td>
                  <td data-testid={`target-${id}-status`} className={`review-status--${level4.status}`}>
                    {t(`review.status.${level4.status}`)}
                    {level4.status !== 'met' && level4.projected !== null
                      ? ` — ${t('review.targets.projected', { year: TARGET_YEAR, value: formatPercent(Math.min(level4.projected, 1), intl) })}`
                      : ''}
                  </td>
                </>
              ) : (
                <>
                  <td colSpan={1}>{t('review.targets.noStream')}</td>
                  <td>{t(key(id, 'goal'))}</td>
                  <td>—</td>
                  <td data-testid={`target-${id}-status`} className="review-status--no_data">
                    {t('review.status.no_data')}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="review-note" data-testid="targets-method">
        {t('review.targets.method')}
      </p>
    </div>
  );
}
