import { REPLAY_SPEEDS, type ReplaySpeed } from '../../../protocol/replay.schema';
import { useT } from '../../i18n/use-t';
import { formatNumber } from '../../ui/format';
import { CopyLinkButton } from './CopyLinkButton';
import { ExportButton } from './ExportButton';
import { ClipExportButton } from './video/ClipExportButton';
import { GotoInput } from './GotoInput';
import { useReplayConnection } from './replay-context';
import { useReplayStore } from './replay.store';

/** Play/pause, speed, step and jump, each with its key shown; the same actions as the keyboard. */
export function ReplayControlsBar() {
  const { t, intl } = useT();
  const conn = useReplayConnection();
  const playing = useReplayStore((s) => s.position?.playing ?? false);
  const speed = useReplayStore((s) => s.speed);
  const error = useReplayStore((s) => s.error);
  const setSpeed = (next: ReplaySpeed) => {
    useReplayStore.setState({ speed: next });
    if (playing) void conn?.play();
  };
  return (
    <div className="replay-controls" role="toolbar" aria-label={t('replay.controls')}>
      <button type="button" data-testid="replay-prev-alert" onClick={() => void conn?.jump('previous')}>
        ◀ {t('replay.prevAlert')}
      </button>
      <button type="button" data-testid="replay-step" onClick={() => void conn?.step(1)} title="→">
        {t('replay.step')}
      </button>
      <button
        type="button"
        className="replay-controls__play"
        data-testid="replay-play"
        aria-pressed={playing}
        title={t('replay.keySpace')}
        onClick={() => void (playing ? conn?.pause() : conn?.play())}
      >
        {playing ? `❚❚ ${t('replay.pause')}` : `▶ ${t('replay.play')}`}
      </button>
      <div className="replay-controls__speeds" role="group" aria-label={t('replay.speed')}>
        {REPLAY_SPEEDS.map((s, i) => (
          <button
            key={s}
            type="button"
            data-testid={`replay-speed-${s}`}
            aria-pressed={s === speed}
            title={String(i + 1)}
            onClick={() => setSpeed(s)}
          >
            ×{formatNumber(s, intl)}
          </button>
        ))}
      </div>
      <button type="button" data-testid="replay-next-alert" onClick={() => void conn?.jump('next')}>
        {t('replay.nextAlert')} ▶
      </button>
      <GotoInput />
      <CopyLinkButton />
      <ExportButton />
      <ClipExportButton />
      {error ? (
        <span className="replay-controls__error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
