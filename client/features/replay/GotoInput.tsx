import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n/use-t';
import { useReplayConnection } from './replay-context';

/** Seeks to a typed Vietnam-time instant: the precise way in, where the scrubber is the quick one. */
export function GotoInput() {
  const { t } = useT();
  const conn = useReplayConnection();
  const [value, setValue] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ms = Date.parse(`${value.length === 16 ? `${value}:00` : value}+07:00`);
    if (Number.isFinite(ms)) void conn?.seek(ms);
  };
  return (
    <form className="replay-goto" onSubmit={submit}>
      <label>
        {t('replay.goto')}{' '}
        <input
          type="datetime-local"
          step={1}
          value={value}
          data-testid="replay-goto"
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <button type="submit" data-testid="replay-goto-submit">
        {t('replay.gotoButton')}
      </button>
    </form>
  );
}
