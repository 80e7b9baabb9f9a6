import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExportButton } from '../../client/features/replay/ExportButton';
import { useReplayStore } from '../../client/features/replay/replay.store';
import { ReplayExportQuery, REPLAY_EXPORT_CSV_COLUMNS } from '../../protocol';
import { server } from './msw-server';

const FROM = Date.parse('2021-07-26T00:00:00+07:00');
const TO = Date.parse('2021-07-27T00:00:00+07:00');
const FILE = 'ioc-events_20210726-0000_20210727-0000.csv';
const HEADER = REPLAY_EXPORT_CSV_COLUMNS.join(',') + '\r\n';
const row = (i: number) =>
  `${i},2021-07-26T08:00:00.000+07:00,1627261200000,sensor,794,sim,r${i},"{""value"":1}"\r\n`;

/** An export answer whose body the test feeds chunk by chunk, as a slow network would. */
function streamedExport(total: number) {
  const encoder = new TextEncoder();
  let feed!: ReadableStreamDefaultController<Uint8Array>;
  const queries: ReturnType<typeof ReplayExportQuery.safeParse>[] = [];
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (feed = c) });
  server.use(
    http.get('*/api/replay/export', ({ request }) => {
      queries.push(ReplayExportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams)));
      return new HttpResponse(body, {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${FILE}"`,
          'x-total-events': String(total),
        },
      });
    }),
  );
  return {
    queries,
    send: (text: string) => feed.enqueue(encoder.encode(text)),
    end: () => feed.close(),
  };
}

describe('replay export control', () => {
  const saved: Blob[] = [];
  const downloads: string[] = [];
  beforeEach(() => {
    useReplayStore.setState({ fromMs: FROM, toMs: TO });
    // jsdom has no object URLs nor downloads: record what would be saved.
    URL.createObjectURL = vi.fn((b: Blob) => (saved.push(b), 'blob:export'));
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
  });
  afterEach(() => {
    saved.length = 0;
    downloads.length = 0;
    vi.restoreAllMocks();
  });

  it('asks for the range as the schema expects, shows progress while the body streams, then saves the file', async () => {
    const answer = streamedExport(4);
    render(<ExportButton />);
    fireEvent.click(screen.getByTestId('replay-export-start'));
    const bar = await screen.findByTestId('replay-export-progress');
    expect(answer.queries).toHaveLength(1);
    expect(answer.queries[0]!.success).toBe(true);
    expect(answer.queries[0]!.data).toEqual({
      from: new Date(FROM).toISOString(),
      to: new Date(TO).toISOString(),
      format: 'csv',
    });

    answer.send(HEADER + row(1));
    answer.send(row(2));
    await waitFor(() => expect(bar).toHaveAttribute('value', '2'));
    expect(bar).toHaveAttribute('max', '4');
    expect(screen.getByTestId('replay-export-count')).toHaveTextContent('2 / 4 sự kiện (50,00 %)');
    expect(saved).toHaveLength(0);

    answer.send(row(3) + row(4));
    answer.end();
    expect(await screen.findByTestId('replay-export-status')).toHaveTextContent(`Đã lưu ${FILE} (4 sự kiện)`);
    expect(screen.queryByTestId('replay-export-progress')).toBeNull();
    expect(downloads).toEqual([FILE]);
    expect(await saved[0]!.text()).toBe(HEADER + row(1) + row(2) + row(3) + row(4));
  });

  it('counts in Vietnamese number formats and cancels without saving anything', async () => {
    const answer = streamedExport(77_769);
    render(<ExportButton />);
    fireEvent.change(screen.getByTestId('replay-export-format'), { target: { value: 'ndjson' } });
    fireEvent.click(screen.getByTestId('replay-export-start'));
    await screen.findByTestId('replay-export-progress');
    expect(answer.queries[0]!.data?.format).toBe('ndjson');
    answer.send('{"seq":1}\n'.repeat(1234));
    await waitFor(() =>
      expect(screen.getByTestId('replay-export-count')).toHaveTextContent('1.234 / 77.769 sự kiện (1,59 %)'),
    );
    fireEvent.click(screen.getByTestId('replay-export-cancel'));
    expect(await screen.findByTestId('replay-export-status')).toHaveTextContent('Đã hủy xuất dữ liệu');
    expect(screen.getByTestId('replay-export-start')).toBeEnabled();
    expect(saved).toHaveLength(0);
    expect(downloads).toHaveLength(0);
  });

  it("shows the server's refusal", async () => {
    server.use(
      http.get('*/api/replay/export', () =>
        HttpResponse.json({ error: 'invalid_query', details: 'to must be after from' }, { status: 400 }),
      ),
    );
    render(<ExportButton />);
    fireEvent.click(screen.getByTestId('replay-export-start'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Xuất dữ liệu thất bại: invalid_query');
    expect(saved).toHaveLength(0);
  });
});
