import { useT } from '../../i18n/use-t';
import { formatAge, formatClock, formatNumber, formatPercent } from '../../ui/format';
import { Sparkline } from './Sparkline';
import type { TileFormat, TileModel } from './wall-tiles';

const DIGITS: Record<Exclude<TileFormat, 'pct'>, number> = { int: 0, dec1: 1, dec2: 2 };

function format(value: number | null, f: TileFormat, intl: string): string {
  if (f === 'pct') return formatPercent(value, intl);
  return formatNumber(value, intl, DIGITS[f]);
}

/** Signed, with an arrow that does not rely on colour alone. */
function formatDelta(delta: number, f: TileFormat, intl: string): string {
  const arrow = delta > 0 ? '▲' : delta < 0 ? '▼' : '＝';
  const abs = Math.abs(delta);
  return `${arrow} ${f === 'pct' ? formatPercent(abs, intl) : formatNumber(abs, intl, DIGITS[f])}`;
}

const VERDICT_WORD = { better: 'delta.better', worse: 'delta.worse', same: 'delta.same' } as const;

/**
 * One KPI: value and unit, change on the previous period, target or alarm level, sparkline, and the age of its
 * data. A tile whose stream is late for its cadence is struck through with STALE and the time of its last data.
 */
export function WallTile({ tile, nowMs }: { tile: TileModel; nowMs: number }) {
  const { t, intl } = useT();
  const testId = `wall-tile-${tile.id}`;
  const age =
    tile.lastTsMs === 0
      ? t('age.none')
      : tile.stale
        ? t('wall.tile.staleSince', {
            time: formatClock(tile.lastTsMs, intl).time.slice(0, 5),
            date: formatClock(tile.lastTsMs, intl).date,
          })
        : t('age.updated', { age: formatAge(nowMs - tile.lastTsMs, intl) });
  return (
    <article
      className={`wall-tile wall-tile--${tile.tone}${tile.stale ? ' wall-tile--stale' : ''}`}
      data-testid={testId}
      data-stale={tile.stale}
      aria-label={t(tile.label)}
    >
      <h3 className="wall-tile__label">{t(tile.label)}</h3>
      <p className="wall-tile__value">
        <span data-testid={`${testId}-value`}>{format(tile.value, tile.format, intl)}</span>
        {tile.unit ? <span className="wall-tile__unit"> {t(tile.unit)}</span> : null}
      </p>
      <p className="wall-tile__meta">
        {tile.delta !== null ? (
          <span
            className={`wall-tile__delta wall-tile__delta--${tile.verdict ?? 'neutral'}`}
            data-testid={`${testId}-delta`}
            data-verdict={tile.verdict}
          >
            {t(tile.deltaBasis?.key ?? 'wall.tile.delta', {
              delta: formatDelta(tile.delta, tile.format, intl),
              time: tile.deltaBasis?.time ?? '',
            })}
            {/* The word as well as the colour: good or bad must not rest on red and green alone. */}
            {tile.verdict && tile.verdict !== 'neutral' ? ` · ${t(VERDICT_WORD[tile.verdict])}` : null}
          </span>
        ) : null}
        {tile.target !== null ? (
          <span className="wall-tile__target">
            {t(tile.targetKind === 'goal' ? 'wall.tile.target' : 'wall.tile.alarmLevel', {
              value: format(tile.target, tile.format, intl),
            })}
          </span>
        ) : null}
      </p>
      {tile.spark.length > 1 ? (
        <Sparkline values={tile.spark} />
      ) : (
        <div className="sparkline sparkline--empty" />
      )}
      <p className="wall-tile__age" data-testid={`${testId}-age`}>
        {tile.stale ? <strong className="wall-tile__stale-mark">{t('wall.stale')}</strong> : null} {age}
      </p>
    </article>
  );
}
