import { useState } from 'react';
import { useT } from '../../../i18n/use-t';
import { formatNumber, formatPercent } from '../../../ui/format';
import { useReplayConnection } from '../replay-context';
import { useReplayStore } from '../replay.store';
import { CLIP_FPS, CLIP_HOURS, CLIP_SPEEDS, clipSeconds } from './clip-plan';
import { useClipExport } from './use-clip-export';

/**
 * "Xuất video": a WebM clip at 1080p of the dashboard from the replay's position over the chosen span, at the
 * chosen speed, with a progress bar and a cancel button.
 */
export function ClipExportButton() {
  const { t, intl } = useT();
  const conn = useReplayConnection();
  const [hours, setHours] = useState<number>(24);
  const [speed, setSpeed] = useState<number>(2880);
  const { progress, start, cancel } = useClipExport(conn);
  const running = progress.status === 'running';
  const run = () => {
    const { position, toMs } = useReplayStore.getState();
    if (!position) return;
    const fromMs = position.cursorMs;
    // The span ends at the replay range's end at the latest: what is after it is not the range replayed.
    const end = Math.min(fromMs + hours * 3_600_000, Math.max(toMs, fromMs));
    if (end <= fromMs) return;
    void start({ fromMs, toMs: end, speed, fps: CLIP_FPS });
  };
  const ratio = progress.total ? progress.done / progress.total : null;
  const seconds = (s: number) => formatNumber(s, intl, s < 10 && !Number.isInteger(s) ? 1 : 0);
  return (
    <span className="replay-export" data-testid="replay-clip">
      <select
        aria-label={t('replay.clip.length')}
        data-testid="replay-clip-hours"
        value={hours}
        disabled={running}
        onChange={(e) => setHours(Number(e.target.value))}
      >
        {CLIP_HOURS.map((h) => (
          <option key={h} value={h}>
            {t('replay.clip.hours', { n: formatNumber(h, intl) })}
          </option>
        ))}
      </select>
      <select
        aria-label={t('replay.clip.speed')}
        data-testid="replay-clip-speed"
        value={speed}
        disabled={running}
        onChange={(e) => setSpeed(Number(e.target.value))}
      >
        {CLIP_SPEEDS.map((s) => (
          <option key={s} value={s}>
            {t('replay.clip.speedOption', {
              speed: formatNumber(s, intl),
              seconds: seconds(clipSeconds({ fromMs: 0, toMs: 86_400_000, speed: s, fps: CLIP_FPS })),
            })}
          </option>
        ))}
      </select>
      {running ? (
        <>
          <progress
            data-testid="replay-clip-progress"
            aria-label={t('replay.clip')}
            max={progress.total || undefined}
            value={progress.total ? progress.done : undefined}
          />
          <span data-testid="replay-clip-count">
            {t('replay.clip.progress', {
              done: formatNumber(progress.done, intl),
              total: formatNumber(progress.total, intl),
              percent: formatPercent(ratio, intl),
            })}
          </span>
          <button type="button" data-testid="replay-clip-cancel" onClick={cancel}>
            {t('replay.clip.cancel')}
          </button>
        </>
      ) : (
        <button type="button" data-testid="replay-clip-start" onClick={run} disabled={!conn}>
          {t('replay.clip')}
        </button>
      )}
      {progress.status === 'done' || progress.status === 'failed' || progress.status === 'cancelled' ? (
        <span
          data-testid="replay-clip-status"
          role={progress.status === 'failed' ? 'alert' : 'status'}
          className={`replay-export__${progress.status}`}
        >
          {progress.status === 'done'
            ? t('replay.clip.saved', {
                file: progress.fileName ?? '',
                seconds: seconds(progress.total / CLIP_FPS),
              })
            : progress.status === 'failed'
              ? t('replay.clip.failed', { error: progress.error ?? '' })
              : t('replay.clip.cancelled')}
        </span>
      ) : null}
    </span>
  );
}
