import { z } from 'zod';

/** localStorage key; the version is in the key and in the value, so a future format gets its own loader. */
export const BOOKMARKS_KEY = 'ioc.replay.bookmarks.v1';
export const NOTE_MAX = 140;

/**
 * One bookmark of the replay: the instant (epoch ms), a short note, and the view it was taken in (range,
 * speed, area, scene), so its deep link reopens that view. Kept in this browser only.
 */
export const Bookmark = z.object({
  id: z.string().min(1).max(64),
  atMs: z.number().int(),
  note: z.string().max(NOTE_MAX),
  createdAtMs: z.number().int(),
  view: z.object({
    fromMs: z.number().int(),
    toMs: z.number().int(),
    speed: z.number().int().positive(),
    area: z.string().min(1).max(16),
    scene: z.enum(['onlineToday', 'covidCumulative']),
    sensors: z.boolean(),
  }),
});
export type Bookmark = z.infer<typeof Bookmark>;

export const BookmarkFile = z.object({ version: z.literal(1), bookmarks: z.array(Bookmark).max(500) });
export type BookmarkFile = z.infer<typeof BookmarkFile>;
