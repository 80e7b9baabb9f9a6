import { DISTRICTS_2021 } from '../../../geo/areas';
import { useT } from '../../i18n/use-t';
import { useStore } from '../../store/store';

/**
 * Where the view stands: the province, then the focused district, which a keyboard or a remote can change
 * (a wall has no mouse, so this is a native select rather than a map click).
 */
export function AreaBreadcrumbs() {
  const { t } = useT();
  const focus = useStore((s) => s.focusArea);
  const setFocus = useStore((s) => s.setFocusArea);
  return (
    <nav className="breadcrumbs" aria-label={t('breadcrumbs.label')} data-testid="area-breadcrumbs">
      <span className="breadcrumbs__root">{t('area.province')}</span>
      <span aria-hidden="true">›</span>
      <label>
        <span className="visually-hidden">{t('breadcrumbs.pick')}</span>
        <select value={focus} onChange={(e) => setFocus(e.target.value)} data-testid="area-picker">
          {DISTRICTS_2021.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
