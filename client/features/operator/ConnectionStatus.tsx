import { useT } from '../../i18n/use-t';
import { useStore } from '../../store/store';
import { ConnectionBadge } from '../../ui/ConnectionBadge';

export function ConnectionStatus() {
  const { t } = useT();
  const state = useStore((s) => s.connection);
  return <ConnectionBadge state={state} label={t(`conn.${state}`)} />;
}
