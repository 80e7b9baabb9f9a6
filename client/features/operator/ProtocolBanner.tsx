import { useT } from '../../i18n/use-t';
import { useStore } from '../../store/store';
import { ReloadBanner } from '../../ui/ReloadBanner';
import { PROTOCOL_VERSION } from '../../../protocol/version';

export function ProtocolBanner() {
  const { t } = useT();
  const mismatch = useStore((s) => s.mismatch);
  if (!mismatch) return null;
  return (
    <ReloadBanner
      message={t('reload.message')}
      buttonLabel={t('reload.button')}
      detail={`v${PROTOCOL_VERSION} → v${mismatch.serverVersion ?? '?'} (${mismatch.reason})`}
      onReload={() => window.location.reload()}
    />
  );
}
