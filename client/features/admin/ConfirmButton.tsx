import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/use-t';

/**
 * A destructive action asked twice, in the page rather than in a browser dialog: the question names what
 * goes, the focus moves to "confirm", and Escape or "cancel" backs out.
 */
export function ConfirmButton({
  label,
  question,
  onConfirm,
  testId,
}: {
  label: string;
  question: string;
  onConfirm: () => void;
  testId: string;
}) {
  const { t } = useT();
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (!asking)
    return (
      <button type="button" onClick={() => setAsking(true)} data-testid={testId}>
        {label}
      </button>
    );
  return (
    <span
      className="confirm-inline"
      role="group"
      aria-label={question}
      onKeyDown={(e) => e.key === 'Escape' && setAsking(false)}
    >
      <span>{question}</span>
      <button
        ref={confirmRef}
        type="button"
        className="confirm-inline__yes"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
        data-testid={`${testId}-confirm`}
      >
        {t('admin.confirm')}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {t('admin.cancel')}
      </button>
    </span>
  );
}
