import path from 'node:path';
import type { Config } from '../config';
import type { EventStore } from './event-store';
import { openPostgresStore, redact, type PostgresStore } from './postgres-store';
import { openSqliteStore } from './sqlite-store';

export interface OpenedStore {
  store: EventStore;
  /** Set when the log is shared by several nodes: the feed that tells this node about others' appends. */
  shared: PostgresStore | null;
  /** For the start-up line: which engine, without secrets. */
  describe: string;
}

/**
 * `DATABASE_URL=postgres://…` selects the PostgreSQL log (schema from `DATABASE_SCHEMA`, default `public`);
 * anything else keeps the embedded SQLite file in the data directory, the default.
 */
export async function openStore(config: Config['store'], dataDir: string): Promise<OpenedStore> {
  const url = config.databaseUrl;
  if (url) {
    const schema = config.databaseSchema;
    const store = await openPostgresStore(url, { schema });
    return { store, shared: store, describe: `PostgreSQL ${redact(url)} schema ${schema}` };
  }
  const file = path.join(dataDir, 'events.sqlite');
  return {
    store: openSqliteStore(file, { synchronous: config.sqliteSync }),
    shared: null,
    describe: `SQLite ${file} (synchronous ${config.sqliteSync})`,
  };
}
