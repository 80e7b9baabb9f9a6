import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n/use-t';
import { formatClock } from '../../ui/format';
import { NOTE_MAX, type Bookmark } from './bookmark.schema';
import { bookmarkLink, useBookmarks } from './bookmarks';
import { currentReplayLink } from './current-link';
import { useReplayConnection } from './replay-context';
import { formatReplayLink } from './replay-link';

export const BOOKMARK_NOTE_ID = 'replay-bookmark-note';

/**
 * Bookmarks of this browser: a note for a new one (B focuses it, keeping the instant B was pressed at), and
 * the list in time order — click or Enter to go there, copy its deep link, delete it.
 */
export function BookmarkPanel() {
  const { t } = useT();
  const conn = useReplayConnection();
  const bookmarks = useBookmarks((s) => s.bookmarks);
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const link = currentReplayLink();
    if (!link) return;
    const { pendingAtMs, add } = useBookmarks.getState();
    add({ ...link, atMs: pendingAtMs ?? link.atMs }, note);
    setNote('');
  };
  return (
    <section className="replay-bookmarks" data-testid="replay-bookmarks" aria-label={t('replay.bookmarks')}>
      <h2 className="replay-bookmarks__title">{t('replay.bookmarks')}</h2>
      <form className="replay-bookmarks__form" onSubmit={submit}>
        <input
          id={BOOKMARK_NOTE_ID}
          value={note}
          maxLength={NOTE_MAX}
          placeholder={t('replay.bookmarkNote')}
          aria-label={t('replay.bookmarkNote')}
          data-testid="replay-bookmark-note"
          onChange={(e) => setNote(e.target.value)}
        />
        <button type="submit" data-testid="replay-bookmark-add">
          {t('replay.bookmarkAdd')}
        </button>
      </form>
      {bookmarks.length === 0 ? <p className="replay-bookmarks__none">{t('replay.bookmarkNone')}</p> : null}
      <ul>
        {bookmarks.map((b) => (
          <BookmarkItem key={b.id} bookmark={b} onSeek={() => void conn?.seek(b.atMs)} />
        ))}
      </ul>
    </section>
  );
}

function BookmarkItem({ bookmark: b, onSeek }: { bookmark: Bookmark; onSeek: () => void }) {
  const { t, intl } = useT();
  const [link, setLink] = useState<string | null>(null);
  const { date, time } = formatClock(b.atMs, intl);
  const copy = () => {
    const url = formatReplayLink(bookmarkLink(b), window.location.origin);
    setLink(url);
    navigator.clipboard?.writeText(url).catch(() => undefined);
  };
  return (
    <li className="replay-bookmark" data-testid="replay-bookmark" data-at-ms={b.atMs}>
      <button
        type="button"
        className="replay-bookmark__seek"
        data-testid="replay-bookmark-seek"
        aria-label={t('replay.bookmarkSeek', { time: `${date} ${time}` })}
        onClick={onSeek}
      >
        <span className="replay-bookmark__when">
          {date} {time}
        </span>{' '}
        <span className="replay-bookmark__note">{b.note || t('replay.bookmarkNoNote')}</span>
      </button>
      <button type="button" data-testid="replay-bookmark-copy" onClick={copy}>
        {link ? t('replay.bookmarkCopied') : t('replay.bookmarkCopy')}
      </button>
      <button
        type="button"
        data-testid="replay-bookmark-delete"
        aria-label={t('replay.bookmarkDelete')}
        title={t('replay.bookmarkDelete')}
        onClick={() => useBookmarks.getState().remove(b.id)}
      >
        ✕
      </button>
      {link ? (
        <input
          readOnly
          value={link}
          data-testid="replay-bookmark-link"
          aria-label={t('replay.bookmarkCopy')}
        />
      ) : null}
    </li>
  );
}
