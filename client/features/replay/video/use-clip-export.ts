import { useCallback, useEffect, useRef, useState } from 'react';
import { vnIso } from '../../../../protocol/time';
import { downloadBlob } from '../../../ui/download';
import type { ReplayConnection } from '../replay-connection';
import { useReplayStore } from '../replay.store';
import type { ClipPlan } from './clip-plan';
import { drawDashboard, mapCanvasOf, readDashboardText } from './compose-frame';
import { recordClip } from './record-clip';

export interface ClipProgress {
  status: 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  fileName: string | null;
  error: string | null;
}

const IDLE: ClipProgress = { status: 'idle', done: 0, total: 0, fileName: null, error: null };

/** `ioc-replay_20210726-0800_20210727-0800.webm`: the range in Vietnam time, as the event export names its files. */
export function clipFileName(plan: ClipPlan): string {
  const stamp = (ms: number) => vnIso(ms).slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `ioc-replay_${stamp(plan.fromMs)}_${stamp(plan.toMs)}.webm`;
}

/**
 * Records a clip of the replay by seeking the page's own session frame by frame (the screen shows the export
 * as it runs), then saves it and puts the replay back where it stood. Cancel stops after the frame in hand.
 */
export function useClipExport(conn: ReplayConnection | null) {
  const [progress, setProgress] = useState<ClipProgress>(IDLE);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const start = useCallback(
    async (plan: ClipPlan) => {
      if (!conn || abort.current) return;
      const ctrl = (abort.current = new AbortController());
      const back = useReplayStore.getState().position;
      if (back?.playing) await conn.pause();
      setProgress({ ...IDLE, status: 'running' });
      try {
        const blob = await recordClip({
          plan,
          seek: conn.seekExactly,
          draw: (ctx, w, h) => drawDashboard(ctx, w, h, readDashboardText(document), mapCanvasOf(document)),
          onFrame: (done, total) => setProgress((p) => ({ ...p, done, total })),
          signal: ctrl.signal,
        });
        const fileName = clipFileName(plan);
        downloadBlob(blob, fileName);
        setProgress((p) => ({ ...p, status: 'done', fileName }));
      } catch (e) {
        const cancelled = ctrl.signal.aborted;
        setProgress((p) => ({
          ...p,
          status: cancelled ? 'cancelled' : 'failed',
          error: cancelled ? null : e instanceof Error ? e.message : String(e),
        }));
      } finally {
        abort.current = null;
        if (back) await conn.seek(back.cursorMs);
      }
    },
    [conn],
  );
  const cancel = useCallback(() => abort.current?.abort(), []);
  return { progress, start, cancel };
}
