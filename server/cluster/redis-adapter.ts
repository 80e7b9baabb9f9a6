import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { ServerOptions } from 'socket.io';
import { redact } from '../store/postgres-store';
import { componentLogger } from '../log/logger';

export interface RedisAdapter {
  /** For `new Server(…, { adapter })`: rooms and broadcasts shared by every node through one Redis stream. */
  adapter: ServerOptions['adapter'];
  /** The connection itself, shared with the message rate limits so that every node counts in one place. */
  client: object;
  /** Whether the connection to Redis is up now (readiness). */
  connected(): boolean;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 5000;

/**
 * `REDIS_URL` → the Socket.IO Redis Streams adapter. Streams rather than pub/sub because the stream keeps the
 * recent packets and the sessions, so a dashboard that reconnects to another node keeps its rooms (connection
 * state recovery). `prefix` names the stream, channels and session keys, so two clusters (or test runs)
 * can share one Redis without hearing each other. Fails fast with a clear message if Redis cannot be reached at start.
 */
export async function connectRedisAdapter(url: string, prefix = 'ioc'): Promise<RedisAdapter> {
  const client = createClient({ url, socket: { connectTimeout: CONNECT_TIMEOUT_MS } });
  let started = false;
  // After start, a lost connection is retried by the client; log it rather than crash.
  client.on('error', (err: Error) => {
    if (started) componentLogger('redis').error({ err }, 'redis error');
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(
      () => reject(new Error(`cannot connect to Redis at ${redact(url)} within ${CONNECT_TIMEOUT_MS} ms`)),
      CONNECT_TIMEOUT_MS,
    ).unref(),
  );
  try {
    await Promise.race([client.connect(), timeout]);
  } catch (err) {
    void client.destroy();
    throw err;
  }
  started = true;
  return {
    adapter: createAdapter(client, {
      streamName: `${prefix}:socket.io`,
      channelPrefix: `${prefix}:socket.io`,
      sessionKeyPrefix: `${prefix}:sio:session:`,
      // Every packet is JSON: skip the search for binary attachments.
      onlyPlaintext: true,
    }) as ServerOptions['adapter'],
    client,
    connected: () => client.isReady,
    close: async () => void (await client.quit().catch(() => undefined)),
  };
}
