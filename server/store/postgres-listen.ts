import pg from 'pg';
import { componentLogger } from '../log/logger';

const RETRY_MS = 1000;

/** The NOTIFY channel of a schema's log: one per schema, so test runs sharing a database do not wake each other. */
export const appendChannel = (schema: string) => `ioc_log_${schema}`;

/**
 * LISTENs for the appends of `schema` on a connection of its own (a pooled one would be handed to queries) and calls `onSeq`
 * with each notified head seq. After every (re)connection it also reports the current head, so appends that
 * happened while it was disconnected are not missed. Returns the function that stops it.
 */
export function listenForAppends(
  url: string,
  schema: string,
  onSeq: (headSeq: number) => void,
): () => Promise<void> {
  const channel = appendChannel(schema);
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url });
    client = c;
    const again = (err?: Error) => {
      if (err) componentLogger('postgres').error({ err, channel }, 'postgres LISTEN failed');
      if (client !== c) return;
      client = null;
      void c.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void connect(), RETRY_MS);
    };
    c.on('error', again);
    c.on('end', () => again());
    c.on('notification', (n) => {
      const seq = Number(n.payload);
      if (Number.isFinite(seq)) onSeq(seq);
    });
    try {
      await c.connect();
      await c.query(`LISTEN "${channel}"`);
      const head = await c.query<{ seq: string }>(`SELECT seq FROM "${schema}".log_head`);
      onSeq(Number(head.rows[0]?.seq ?? 0));
    } catch (err) {
      again(err as Error);
    }
  };
  void connect();

  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const c = client;
    client = null;
    await c?.end().catch(() => undefined);
  };
}
