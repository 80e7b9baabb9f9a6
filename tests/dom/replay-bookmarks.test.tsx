import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseInstant } from '../../protocol';
import { BookmarkPanel } from '../../client/features/replay/BookmarkPanel';
import { BOOKMARKS_KEY, BookmarkFile } from '../../client/features/replay/bookmark.schema';
import { loadBookmarks, useBookmarks } from '../../client/features/replay/bookmarks';
import { ReplayConnectionContext } from '../../client/features/replay/replay-context';
import type { ReplayConnection } from '../../client/features/replay/replay-connection';
import { parseReplayLink } from '../../client/features/replay/replay-link';
import { useReplayStore } from '../../client/features/replay/replay.store';
import { ReplayTimelineBar } from '../../client/features/replay/ReplayTimelineBar';
import { useReplayKeys } from '../../client/features/replay/use-replay-keys';
import { useStore } from '../../client/store/store';

const FROM = parseInstant('2021-07-15T00:00:00+07:00');
const TO = parseInstant('2021-08-01T00:00:00+07:00');
const AT = parseInstant('2021-07-26T08:00:00+07:00');

function fakeConnection(): ReplayConnection & { seek: ReturnType<typeof vi.fn> } {
  const noop = () => Promise.resolve();
  return {
    seek: vi.fn(noop),
    seekExactly: noop,
    play: noop,
    pause: noop,
    step: noop,
    jump: noop,
    close: () => undefined,
  };
}

function Keys() {
  useReplayKeys();
  return null;
}

function renderPanel(conn = fakeConnection()) {
  render(
    <ReplayConnectionContext.Provider value={conn}>
      <Keys />
      <BookmarkPanel />
      <ReplayTimelineBar />
    </ReplayConnectionContext.Provider>,
  );
  return conn;
}

const at = (cursorMs: number, playing = false) =>
  act(() =>
    useReplayStore.setState({
      fromMs: FROM,
      toMs: TO,
      speed: 600,
      position: { epoch: 1, cursorMs, playing, speed: 600, endMs: TO },
    }),
  );

beforeEach(() => {
  localStorage.clear();
  useBookmarks.setState({ bookmarks: [], pendingAtMs: null });
});

describe('replay bookmarks', () => {
  it('B keeps the instant, the note goes with it; listed in Vietnamese time, marked on the scrubber, stored', () => {
    renderPanel();
    at(AT, true);
    fireEvent.keyDown(window, { key: 'b' });
    const note = screen.getByTestId('replay-bookmark-note');
    expect(note).toHaveFocus();
    // The replay plays on while the note is typed: the bookmark keeps the instant B was pressed at.
    at(AT + 90_000, true);
    fireEvent.change(note, { target: { value: 'Mực nước vượt ngưỡng ở Phường 1' } });
    fireEvent.submit(note.closest('form')!);

    const item = screen.getByTestId('replay-bookmark');
    expect(item).toHaveAttribute('data-at-ms', String(AT));
    expect(item).toHaveTextContent('Thứ Hai, 26/07/2021 08:00:00 Mực nước vượt ngưỡng ở Phường 1');
    expect(screen.getAllByTestId('replay-bookmark-marker')).toHaveLength(1);
    const stored = BookmarkFile.parse(JSON.parse(localStorage.getItem(BOOKMARKS_KEY)!));
    expect(stored.bookmarks.map((b) => [b.atMs, b.note])).toEqual([[AT, 'Mực nước vượt ngưỡng ở Phường 1']]);
    expect(loadBookmarks(localStorage)).toEqual(stored.bookmarks);
  });

  it('keeps them in time order; click seeks, the copied link reopens the view, delete removes', () => {
    const conn = renderPanel();
    act(() => useStore.setState({ focusArea: '27715', choropleth: 'covidCumulative' }));
    at(AT);
    fireEvent.click(screen.getByTestId('replay-bookmark-add'));
    at(AT - 3_600_000);
    fireEvent.change(screen.getByTestId('replay-bookmark-note'), { target: { value: 'sớm hơn' } });
    fireEvent.click(screen.getByTestId('replay-bookmark-add'));

    const items = screen.getAllByTestId('replay-bookmark');
    expect(items.map((i) => Number(i.dataset.atMs))).toEqual([AT - 3_600_000, AT]);
    expect(items[1]).toHaveTextContent('(không có ghi chú)');

    fireEvent.click(within(items[1]!).getByTestId('replay-bookmark-seek'));
    expect(conn.seek).toHaveBeenCalledWith(AT);

    fireEvent.click(within(items[1]!).getByTestId('replay-bookmark-copy'));
    const url = new URL((within(items[1]!).getByTestId('replay-bookmark-link') as HTMLInputElement).value);
    expect(parseReplayLink(url.search, 0)).toEqual({
      fromMs: FROM,
      toMs: TO,
      atMs: AT,
      speed: 600,
      playing: false,
      area: '27715',
      scene: 'covidCumulative',
      sensors: true,
    });

    fireEvent.click(within(items[0]!).getByTestId('replay-bookmark-delete'));
    expect(screen.getAllByTestId('replay-bookmark')).toHaveLength(1);
    expect(loadBookmarks(localStorage).map((b) => b.atMs)).toEqual([AT]);
  });

  it('reads a stored value of another shape as no bookmarks', () => {
    localStorage.setItem(BOOKMARKS_KEY, JSON.stringify({ version: 2, bookmarks: [{ at: 'yesterday' }] }));
    expect(loadBookmarks(localStorage)).toEqual([]);
    localStorage.setItem(BOOKMARKS_KEY, '{not json');
    expect(loadBookmarks(localStorage)).toEqual([]);
  });
});
