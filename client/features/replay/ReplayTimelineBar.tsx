import { useRef, useState, type PointerEvent } from 'react';
import { useT } from '../../i18n/use-t';
import { formatClock } from '../../ui/format';
import { useBookmarks } from './bookmarks';
import { useReplayConnection } from './replay-context';
import { useReplayStore } from './replay.store';
import { TimelineDensity } from './TimelineDensity';

/** The scrubber: density per stream over the range, alert markers, the cursor; click or drag to seek. */
export function ReplayTimelineBar() {
  const { t, intl } = useT();
  const conn = useReplayConnection();
  const { fromMs, toMs, timeline } = useReplayStore();
  const cursorMs = useReplayStore((s) => s.position?.cursorMs ?? null);
  const bookmarks = useBookmarks((s) => s.bookmarks);
  const [dragMs, setDragMs] = useState<number | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const span = Math.max(1, toMs - fromMs);
  const msAt = (e: PointerEvent) => {
    const r = box.current!.getBoundingClientRect();
    return Math.round(fromMs + Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)) * span);
  };
  const x = (ms: number) => `${(((ms - fromMs) / span) * 100).toFixed(3)}%`;
  const shown = dragMs ?? cursorMs;
  const ends = [fromMs, toMs].map((ms) => formatClock(ms, intl));
  return (
    <div className="replay-timeline" data-testid="replay-timeline">
      <span className="replay-timeline__end">{`${ends[0]!.date} ${ends[0]!.time}`}</span>
      <div
        ref={box}
        className="replay-timeline__track"
        role="slider"
        aria-label={t('replay.timeline')}
        aria-valuemin={fromMs}
        aria-valuemax={toMs}
        aria-valuenow={shown ?? fromMs}
        tabIndex={0}
        data-testid="replay-scrubber"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          setDragMs(msAt(e));
        }}
        onPointerMove={(e) => dragMs !== null && setDragMs(msAt(e))}
        onPointerUp={(e) => {
          setDragMs(null);
          void conn?.seek(msAt(e));
        }}
      >
        {timeline ? <TimelineDensity timeline={timeline} labels={(s) => t(`replay.stream.${s}`)} /> : null}
        {timeline?.alerts.map((a) => (
          <span
            key={a.id}
            className={`replay-timeline__alert replay-timeline__alert--${a.severity}`}
            style={{ left: x(a.raisedTsMs) }}
            data-testid="replay-alert-marker"
          />
        ))}
        {bookmarks
          .filter((b) => b.atMs >= fromMs && b.atMs <= toMs)
          .map((b) => (
            <span
              key={b.id}
              className="replay-timeline__bookmark"
              style={{ left: x(b.atMs) }}
              title={b.note}
              data-testid="replay-bookmark-marker"
            />
          ))}
        {shown !== null ? (
          <span className="replay-timeline__cursor" style={{ left: x(shown) }} data-testid="replay-cursor" />
        ) : null}
      </div>
      <span className="replay-timeline__end">{`${ends[1]!.date} ${ends[1]!.time}`}</span>
    </div>
  );
}
