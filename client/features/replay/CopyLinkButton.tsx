import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { currentReplayLink } from './current-link';
import { formatReplayLink } from './replay-link';

/** Copies a link that reopens this exact moment; the link is also shown, for where no clipboard is allowed. */
export function CopyLinkButton() {
  const { t } = useT();
  const [link, setLink] = useState<string | null>(null);
  const copy = () => {
    const now = currentReplayLink();
    if (!now) return;
    const url = formatReplayLink(now, window.location.origin);
    setLink(url);
    navigator.clipboard?.writeText(url).catch(() => undefined);
  };
  return (
    <span className="replay-link">
      <button type="button" data-testid="replay-copy-link" onClick={copy}>
        {t('replay.copyLink')}
      </button>
      {link ? (
        <input readOnly value={link} data-testid="replay-link" aria-label={t('replay.copyLink')} />
      ) : null}
    </span>
  );
}
