import { useT } from '../../i18n/use-t';
import { LocaleSwitch } from '../../ui/LocaleSwitch';
import { SessionBadge } from '../../ui/SessionBadge';
import { ConnectionStatus } from './ConnectionStatus';
import { ScenarioClock } from './ScenarioClock';

export function Header() {
  const { t } = useT();
  return (
    <header className="app-header">
      <h1 className="app-header__title">{t('appTitle')}</h1>
      <ScenarioClock />
      <div className="app-header__right">
        <ConnectionStatus />
        <SessionBadge />
        <LocaleSwitch />
      </div>
    </header>
  );
}
