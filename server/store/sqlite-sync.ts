/** SQLite's `synchronous` levels (`SQLITE_SYNC`): anything but FULL weakens "an ack means durable". */
export const SQLITE_SYNC_LEVELS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const;
export type SqliteSync = (typeof SQLITE_SYNC_LEVELS)[number];
