import { useState } from 'react';
import type { ReplayExportFormat } from '../../../protocol';
import { useT } from '../../i18n/use-t';
import { formatNumber, formatPercent } from '../../ui/format';
import { useReplayStore } from './replay.store';
import { useEventExport } from './use-event-export';

/** "Xuất dữ liệu": the replay range's events as NDJSON or CSV, with a progress bar and a cancel button. */
export function ExportButton() {
  const { t, intl } = useT();
  const [format, setFormat] = useState<ReplayExportFormat>('csv');
  const { progress, start, cancel } = useEventExport();
  const running = progress.status === 'running';
  const run = () => {
    const { fromMs, toMs } = useReplayStore.getState();
    if (toMs <= fromMs) return;
    void start({ from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), format });
  };
  const ratio = progress.total ? progress.received / progress.total : null;
  return (
    <span className="replay-export" data-testid="replay-export">
      <select
        aria-label={t('replay.export.format')}
        data-testid="replay-export-format"
        value={format}
        disabled={running}
        onChange={(e) => setFormat(e.target.value as ReplayExportFormat)}
      >
        <option value="csv">CSV</option>
        <option value="ndjson">NDJSON</option>
      </select>
      {running ? (
        <>
          <progress
            data-testid="replay-export-progress"
            aria-label={t('replay.export')}
            max={progress.total ?? undefined}
            value={progress.total === null ? undefined : progress.received}
          />
          <span data-testid="replay-export-count">
            {t('replay.export.progress', {
              done: formatNumber(progress.received, intl),
              total: formatNumber(progress.total, intl),
              percent: formatPercent(ratio === null ? null : Math.min(1, ratio), intl),
            })}
          </span>
          <button type="button" data-testid="replay-export-cancel" onClick={cancel}>
            {t('replay.export.cancel')}
          </button>
        </>
      ) : (
        <button type="button" data-testid="replay-export-start" onClick={run}>
          {t('replay.export')}
        </button>
      )}
      {progress.status === 'done' || progress.status === 'failed' || progress.status === 'cancelled' ? (
        <span
          data-testid="replay-export-status"
          role={progress.status === 'failed' ? 'alert' : 'status'}
          className={`replay-export__${progress.status}`}
        >
          {progress.status === 'done'
            ? t('replay.export.saved', {
                file: progress.fileName ?? '',
                n: formatNumber(progress.received, intl),
              })
            : progress.status === 'failed'
              ? t('replay.export.failed', { error: progress.error ?? '' })
              : t('replay.export.cancelled')}
        </span>
      ) : null}
    </span>
  );
}
