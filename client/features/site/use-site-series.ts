import { useEffect, useState } from 'react';
import type { SiteSeriesResponse } from '../../../protocol/site-series.schema';
import { vnIso } from '../../../protocol/time';
import { getJson } from '../../net/api';

export type SeriesLoad =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; answers: SiteSeriesResponse[] };

const LOADING: SeriesLoad = { status: 'loading' };

/** The series of every site on the chart over [fromMs, toMs), refetched when one of them changes. */
export function useSiteSeries(
  siteIds: readonly string[],
  fromMs: number,
  toMs: number,
  bucket: string,
): SeriesLoad {
  const ids = siteIds.join(',');
  const request = `${ids}|${fromMs}|${toMs}|${bucket}`;
  // The answer with the request it answers: a newer request reads as loading until its own answer.
  const [result, setResult] = useState<{ request: string; load: SeriesLoad } | null>(null);
  useEffect(() => {
    if (!ids) return;
    const ctl = new AbortController();
    const q = `from=${encodeURIComponent(vnIso(fromMs))}&to=${encodeURIComponent(vnIso(toMs))}&bucket=${bucket}`;
    const get = (id: string) =>
      getJson<SiteSeriesResponse>(`/api/sites/${encodeURIComponent(id)}/series?${q}`, ctl.signal);
    Promise.all(ids.split(',').map(get)).then(
      (answers) => setResult({ request, load: { status: 'ready', answers } }),
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        setResult({
          request,
          load: { status: 'error', message: e instanceof Error ? e.message : String(e) },
        });
      },
    );
    return () => ctl.abort();
  }, [request, ids, fromMs, toMs, bucket]);
  return result?.request === request ? result.load : LOADING;
}
