import { useCallback, useEffect, useRef, useState } from 'react';
import {
  REPLAY_EXPORT_TOTAL_HEADER,
  type ErrorBody,
  type ReplayExportFormat,
  type ReplayExportQuery,
} from '../../../protocol';
import { downloadBlob } from '../../ui/download';
import { onUnauthorized } from '../../access/on-unauthorized';

export type ExportStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface ExportProgress {
  status: ExportStatus;
  /** Events received so far (lines, a CSV's header line not counted). */
  received: number;
  /** What the server announced in `X-Total-Events`; null until the answer's headers arrive. */
  total: number | null;
  fileName: string | null;
  /** The server's error code, or the network's message. */
  error: string | null;
}

const IDLE: ExportProgress = { status: 'idle', received: 0, total: null, fileName: null, error: null };
const NEWLINE = 10;

/** `attachment; filename="x.csv"` → `x.csv`. */
function fileNameOf(disposition: string | null, format: ReplayExportFormat): string {
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? `ioc-events.${format}`;
}

/**
 * Downloads a range's events from `GET /api/replay/export`, counting lines as the body streams in so a progress
 * bar can follow, then saves the file. The body is read here rather than by the browser's own download so that
 * progress and cancel work the same in every browser; the file is in memory only as the chunks received.
 */
export function useEventExport() {
  const [progress, setProgress] = useState<ExportProgress>(IDLE);
  const abort = useRef<AbortController | null>(null);
  const body = useRef<ReadableStreamDefaultReader<Uint8Array> | null>(null);
  const cancel = useCallback(() => {
    abort.current?.abort();
    // Aborting the request does not end a read already waiting on every fetch implementation; this does.
    body.current?.cancel().catch(() => undefined);
  }, []);
  useEffect(() => cancel, [cancel]);

  const start = useCallback(async (query: ReplayExportQuery) => {
    abort.current?.abort();
    const controller = (abort.current = new AbortController());
    const params = new URLSearchParams(
      Object.entries(query).filter((kv): kv is [string, string] => kv[1] !== undefined),
    );
    setProgress({ ...IDLE, status: 'running' });
    try {
      const res = await fetch(`/api/replay/export?${params}`, { signal: controller.signal });
      if (res.status === 401) onUnauthorized();
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as Partial<ErrorBody> | null;
        return setProgress({ ...IDLE, status: 'failed', error: body?.error ?? `HTTP ${res.status}` });
      }
      const totalHeader = res.headers.get(REPLAY_EXPORT_TOTAL_HEADER);
      const total = totalHeader === null ? null : Number(totalHeader);
      const fileName = fileNameOf(res.headers.get('content-disposition'), query.format);
      const headerLines = query.format === 'csv' ? 1 : 0;
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let lines = 0;
      const reader = (body.current = res.body.getReader());
      setProgress({ status: 'running', received: 0, total, fileName, error: null });
      for (;;) {
        const { done, value } = await reader.read();
        if (controller.signal.aborted) return setProgress((p) => ({ ...p, status: 'cancelled' }));
        if (done) break;
        chunks.push(value);
        for (let i = 0; i < value.length; i++) if (value[i] === NEWLINE) lines++;
        const received = Math.max(0, lines - headerLines);
        setProgress((p) => (p.received === received ? p : { ...p, received }));
      }
      const type = res.headers.get('content-type') ?? 'application/octet-stream';
      downloadBlob(new Blob(chunks, { type }), fileName);
      setProgress({
        status: 'done',
        received: Math.max(0, lines - headerLines),
        total,
        fileName,
        error: null,
      });
    } catch (err) {
      if (controller.signal.aborted) return setProgress((p) => ({ ...p, status: 'cancelled' }));
      setProgress({ ...IDLE, status: 'failed', error: err instanceof Error ? err.message : String(err) });
    } finally {
      if (abort.current === controller) {
        abort.current = null;
        body.current = null;
      }
    }
  }, []);

  return { progress, start, cancel };
}
