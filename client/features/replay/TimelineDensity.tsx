import type { ReplayTimeline, StreamName } from '../../../protocol';

const ROWS: readonly { stream: StreamName; colour: string }[] = [
  { stream: 'dossier', colour: '#4cc9f0' },
  { stream: 'sensor', colour: '#90be6d' },
  { stream: 'covid', colour: '#f8961e' },
];
const ROW_H = 10;

/**
 * One histogram row per stream, each scaled to its own maximum: a stream of a few reports a day stays
 * visible beside a million sensor readings.
 */
export function TimelineDensity({
  timeline,
  labels,
}: {
  timeline: ReplayTimeline;
  labels: (stream: StreamName) => string;
}) {
  const n = timeline.counts.dossier.length;
  return (
    <svg
      className="replay-timeline__density"
      viewBox={`0 0 ${n} ${ROWS.length * ROW_H}`}
      preserveAspectRatio="none"
      aria-hidden="true"
      data-testid="replay-density"
    >
      {ROWS.map(({ stream, colour }, row) => {
        const counts = timeline.counts[stream] ?? [];
        const max = Math.max(1, ...counts);
        return (
          <g key={stream} fill={colour}>
            <title>{labels(stream)}</title>
            {counts.map((c, i) =>
              c > 0 ? (
                <rect
                  key={i}
                  x={i}
                  width={0.9}
                  y={(row + 1) * ROW_H - Math.max(0.8, (c / max) * (ROW_H - 1))}
                  height={Math.max(0.8, (c / max) * (ROW_H - 1))}
                />
              ) : null,
            )}
          </g>
        );
      })}
    </svg>
  );
}
