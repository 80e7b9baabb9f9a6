import { useT } from '../../i18n/use-t';
import { useConsoleStore } from './console.store';

/** Who is on duty: every acknowledgement in the log carries this name. */
export function OperatorName() {
  const { t } = useT();
  const operator = useConsoleStore((s) => s.operator);
  const setOperator = useConsoleStore((s) => s.setOperator);
  return (
    <label className="operator-name">
      {t('console.operator')}
      <input
        value={operator}
        maxLength={64}
        onChange={(e) => setOperator(e.target.value)}
        placeholder={t('console.operatorHint')}
        data-testid="operator-name"
      />
    </label>
  );
}
