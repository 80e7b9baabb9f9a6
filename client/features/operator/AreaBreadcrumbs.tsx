import { DISTRICTS_2021, TAN_AN_CODE } from '../../../geo/areas';
import { useT } from '../../i18n/use-t';
import { childrenIn, districtOf } from '../../store/drill-down';
import { useStore } from '../../store/store';
import { PILOT_OPTIONS } from '../../ui/pilot-label';

/**
 * Where the view stands: the province, the focused district, and for Tân An its ward or commune when the set
 * drawn has them. Native selects, which a keyboard or a remote can change (a wall has no mouse).
 */
export function AreaBreadcrumbs() {
  const { t } = useT();
  const focus = useStore((s) => s.focusArea);
  const setFocus = useStore((s) => s.setFocusArea);
  const areas = useStore((s) => s.areas);
  const district = districtOf(focus);
  const wards = district === TAN_AN_CODE ? childrenIn(areas, TAN_AN_CODE) : [];
  return (
    <nav className="breadcrumbs" aria-label={t('breadcrumbs.label')} data-testid="area-breadcrumbs">
      <span className="breadcrumbs__root">{t('area.province')}</span>
      <span aria-hidden="true">›</span>
      <label>
        <span className="visually-hidden">{t('breadcrumbs.pick')}</span>
        <select value={district} onChange={(e) => setFocus(e.target.value)} data-testid="area-picker">
          {DISTRICTS_2021.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
          <optgroup label={t('area.pilots')}>
            {PILOT_OPTIONS.map((p) => (
              <option key={p.code} value={p.code}>
                {t(p.key)}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      {wards.length > 0 ? (
        <>
          <span aria-hidden="true">›</span>
          <label>
            <span className="visually-hidden">{t('breadcrumbs.pickWard')}</span>
            <select value={focus} onChange={(e) => setFocus(e.target.value)} data-testid="ward-picker">
              <option value={TAN_AN_CODE}>{t('breadcrumbs.wholeCity')}</option>
              {wards.map((w) => (
                <option key={w.code} value={w.code}>
                  {w.name}
                </option>
              ))}
            </select>
          </label>
        </>
      ) : null}
    </nav>
  );
}
