import { create } from 'zustand';
import { REPLAY_SPEEDS, type ReplaySpeed } from '../../../protocol/replay.schema';
import { BOOKMARKS_KEY, Bookmark, BookmarkFile, NOTE_MAX } from './bookmark.schema';
import type { ReplayLink } from './replay-link';

/** Bookmarks in time order; a new one at the same instant goes after the older ones. */
export function addBookmark(list: readonly Bookmark[], b: Bookmark): Bookmark[] {
  const at = list.findIndex((x) => x.atMs > b.atMs);
  return at < 0 ? [...list, b] : [...list.slice(0, at), b, ...list.slice(at)];
}

export function removeBookmark(list: readonly Bookmark[], id: string): Bookmark[] {
  return list.filter((b) => b.id !== id);
}

/** A bookmark of `link`'s instant and view, with the note trimmed to its limit. */
export function bookmarkOf(link: ReplayLink, note: string, createdAtMs: number, id: string): Bookmark {
  const { fromMs, toMs, speed, area, scene, sensors } = link;
  return {
    id,
    atMs: link.atMs,
    note: note.trim().slice(0, NOTE_MAX),
    createdAtMs,
    view: { fromMs, toMs, speed, area, scene, sensors },
  };
}

/** The deep link of a bookmark: its view, paused at its instant. */
export function bookmarkLink(b: Bookmark): ReplayLink {
  const speed = REPLAY_SPEEDS.find((s) => s === b.view.speed) ?? (60 satisfies ReplaySpeed);
  return { ...b.view, speed, atMs: b.atMs, playing: false };
}

/** Reads the stored bookmarks; anything unreadable (another format, hand-edited, full disk) reads as none. */
export function loadBookmarks(storage: Pick<Storage, 'getItem'> | null): Bookmark[] {
  try {
    const raw = storage?.getItem(BOOKMARKS_KEY);
    if (!raw) return [];
    const parsed = BookmarkFile.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data.bookmarks : [];
  } catch {
    return [];
  }
}

export function saveBookmarks(
  storage: Pick<Storage, 'setItem'> | null,
  bookmarks: readonly Bookmark[],
): void {
  const file: BookmarkFile = { version: 1, bookmarks: [...bookmarks] };
  try {
    storage?.setItem(BOOKMARKS_KEY, JSON.stringify(BookmarkFile.parse(file)));
  } catch {
    // A full or forbidden storage loses the bookmark for the next visit, not the page.
  }
}

const storage = () => (typeof window === 'undefined' ? null : window.localStorage);

export interface BookmarkState {
  bookmarks: Bookmark[];
  /** The cursor when B was pressed: the note being typed is for that instant, even while playing on. */
  pendingAtMs: number | null;
  add(link: ReplayLink, note: string): void;
  remove(id: string): void;
}

export const useBookmarks = create<BookmarkState>()((set, get) => ({
  bookmarks: loadBookmarks(storage()),
  pendingAtMs: null,
  add: (link, note) => {
    const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const bookmarks = addBookmark(get().bookmarks, bookmarkOf(link, note, Date.now(), id));
    saveBookmarks(storage(), bookmarks);
    set({ bookmarks, pendingAtMs: null });
  },
  remove: (id) => {
    const bookmarks = removeBookmark(get().bookmarks, id);
    saveBookmarks(storage(), bookmarks);
    set({ bookmarks });
  },
}));
