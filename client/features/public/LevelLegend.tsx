import { useCoreT } from '../../i18n/use-core-t';
import { LEVELS, levelCss } from './epidemic-levels';

export function LevelLegend() {
  const { t } = useCoreT();
  return (
    <ul className="public-legend" data-testid="public-legend">
      {LEVELS.map((l) => (
        <li key={l}>
          <span className="public-legend__swatch" style={{ background: levelCss(l) }} />
          {t(`public.level.${l}`)}
        </li>
      ))}
    </ul>
  );
}
