import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { MAX_INGEST_BATCH, SENSOR_TOPIC_ROOT } from '../../protocol';
import type { IngestService } from '../ingest/ingest-service';
import { redact } from '../store/postgres-store';
import { componentLogger, type Logger } from '../log/logger';

export { SENSOR_TOPIC_ROOT };

/** The largest message read, like a Socket.IO message: a reading is a few hundred bytes, a gateway's batch more. */
export const MAX_MQTT_PAYLOAD_BYTES = 64 * 1024;
const CONNECT_TIMEOUT_MS = 5000;
/** How long the broker keeps this node's session (and queues its QoS 1 messages) while it is away. */
export const DEFAULT_SESSION_EXPIRY_S = 24 * 3600;

/** How the IOC signs in to the broker; TLS comes with an `mqtts://` URL or a CA, certificate or key. */
export interface MqttCredentials {
  username?: string;
  password?: string;
  /** PEM: the broker's CA, and this node's certificate and key for mutual TLS. */
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
}

export interface MqttIngestOptions {
  url: string;
  ingest: IngestService;
  /** A message refused before it reached the ingest service: counted (metrics) with its reason. */
  onRejected: (reason: string) => void;
  /**
   * With several nodes, a shared subscription (`$share/<group>/ioc/sensors/#`) hands each message to one node
   * instead of all; without, every node ingests every reading and the log's dedupe drops the copies.
   */
  shareGroup?: string;
  /**
   * Fixed per node and stable across restarts: the broker keeps this session, so a message this node did not
   * acknowledge (append failed, process died) is delivered again when it reconnects.
   */
  clientId: string;
  /**
   * The source name of the sensors behind this broker. A reading whose `source` is another is refused
   * (`unauthorized`): anyone who can publish on the broker could otherwise write as any source.
   */
  source: string;
  credentials?: MqttCredentials;
  /** How long the broker keeps the session while this node is away; DEFAULT_SESSION_EXPIRY_S when omitted. */
  sessionExpirySeconds?: number;
  /** Topic root, `ioc/sensors` unless a test isolates itself on a shared broker. */
  topicRoot?: string;
  /** Where refusals and failures are logged; the root logger's `mqtt` child when omitted. */
  logger?: Logger;
  /** Larger messages are refused unread (`payload_too_large`); MAX_MQTT_PAYLOAD_BYTES when omitted. */
  maxPayloadBytes?: number;
}

export interface MqttIngest {
  close(): Promise<void>;
}

/** Between a dropped connection and the next try: also the pace of redelivery while the store is down. */
const RECONNECT_MS = 1000;

function connectOptions(opts: MqttIngestOptions): IClientOptions {
  const c = opts.credentials ?? {};
  return {
    clientId: opts.clientId,
    // MQTT 5: a persistent session (clean start off) with an expiry, so a node gone for good does not leave the
    // broker queueing for it forever.
    protocolVersion: 5,
    clean: false,
    properties: { sessionExpiryInterval: opts.sessionExpirySeconds ?? DEFAULT_SESSION_EXPIRY_S },
    ...(c.username !== undefined ? { username: c.username } : {}),
    ...(c.password !== undefined ? { password: c.password } : {}),
    ...(c.ca !== undefined ? { ca: c.ca } : {}),
    ...(c.cert !== undefined ? { cert: c.cert } : {}),
    ...(c.key !== undefined ? { key: c.key } : {}),
    // A CA, certificate or key asks for TLS even if the URL says mqtt:// or ws://: the password is never sent in
    // clear to a broker the configuration meant to reach over TLS.
    ...((c.ca ?? c.cert ?? c.key) !== undefined ? secureProtocol(opts.url) : {}),
  };
}

function secureProtocol(url: string): Pick<IClientOptions, 'protocol'> {
  const scheme = url.slice(0, url.indexOf(':'));
  if (scheme === 'mqtt' || scheme === 'tcp') return { protocol: 'mqtts' };
  if (scheme === 'ws') return { protocol: 'wss' };
  return {};
}

type Verdict = { ok: true; items: unknown[] } | { ok: false; reason: string; details: string };

/** One MQTT message: a reading, or an array of readings from a gateway, for the site its topic names. */
export function parseSensorMessage(
  topic: string,
  payload: Buffer,
  root = SENSOR_TOPIC_ROOT,
  maxBytes = MAX_MQTT_PAYLOAD_BYTES,
): Verdict {
  const siteId = topic.startsWith(root + '/') ? topic.slice(root.length + 1) : '';
  if (!siteId || siteId.includes('/'))
    return { ok: false, reason: 'invalid_topic', details: `topic "${topic}" is not ${root}/<siteId>` };
  if (payload.length > maxBytes)
    return {
      ok: false,
      reason: 'payload_too_large',
      details: `${payload.length} bytes, at most ${maxBytes}`,
    };
  let body: unknown;
  try {
    body = JSON.parse(payload.toString('utf8'));
  } catch (err) {
    return { ok: false, reason: 'invalid_json', details: (err as Error).message };
  }
  const items = Array.isArray(body) ? body : [body];
  // An empty gateway batch would otherwise pass without a word: every message gets an outcome.
  if (items.length === 0)
    return { ok: false, reason: 'invalid_payload', details: 'no readings in the message' };
  if (items.length > MAX_INGEST_BATCH)
    return {
      ok: false,
      reason: 'batch_too_large',
      details: `at most ${MAX_INGEST_BATCH} readings per message`,
    };
  const stray = items.find(
    (i) => typeof i !== 'object' || i === null || (i as { siteId?: unknown }).siteId !== siteId,
  );
  if (stray !== undefined)
    return {
      ok: false,
      reason: 'topic_mismatch',
      details: `a reading on ${topic} must carry siteId "${siteId}"`,
    };
  return { ok: true, items };
}

/**
 * `MQTT_URL` → subscribes to the sensor topics with QoS 1 and sends each message through the same validation and
 * ingest path as `/ingest`. The PUBACK goes out only once the message's events are durable in the log, so a
 * reading is never acknowledged and then lost; a bad message is logged with its reason, counted, and acknowledged
 * (re-delivering it would not make it better). Nothing a sensor sends can stop the process.
 *
 * When the append fails the message is not acknowledged. MQTT has no negative acknowledgement (a v5 PUBACK with
 * an error reason code still ends the exchange, and a broker resends an unacknowledged message only on a new
 * connection), so the connection is dropped and made again: the broker then resends every unacknowledged
 * message of the persistent session. The log's dedupe answers any that had been appended after all.
 */
export async function startMqttIngest(opts: MqttIngestOptions): Promise<MqttIngest> {
  const log = opts.logger ?? componentLogger('mqtt');
  const client: MqttClient = mqtt.connect(opts.url, {
    ...connectOptions(opts),
    reconnectPeriod: RECONNECT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
  });
  const root = opts.topicRoot ?? SENSOR_TOPIC_ROOT;
  const topic = (opts.shareGroup ? `$share/${opts.shareGroup}/` : '') + `${root}/#`;

  const handle = async (packetTopic: string, payload: Buffer) => {
    const verdict = parseSensorMessage(packetTopic, payload, root, opts.maxPayloadBytes);
    if (!verdict.ok) {
      opts.onRejected(verdict.reason);
      return log.warn(`mqtt: rejected message on ${packetTopic}: ${verdict.reason} (${verdict.details})`);
    }
    const report = await opts.ingest.ingest(verdict.items, 'source', opts.source);
    for (const r of report.results)
      if (r.status === 'rejected')
        log.warn(
          `mqtt: rejected reading ${r.id ?? '?'} on ${packetTopic}: ${r.reason} ${JSON.stringify(r.details ?? '')}`,
        );
  };
  let closing = false;
  // Set by a failed append, cleared by the next connection: the messages still queued on the failing connection
  // are left unacknowledged too, the broker resends them all after the reconnect.
  let redelivering = false;
  client.on('connect', () => (redelivering = false));
  // mqtt.js sends the PUBACK when `done()` is called without an error (after the append, not on receipt), and
  // none when it is called with one.
  client.handleMessage = (packet, done) => {
    if (packet.cmd !== 'publish') return done();
    if (redelivering) return done(new Error('waiting for redelivery'));
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    handle(packet.topic, payload).then(
      () => done(),
      (err: unknown) => {
        opts.onRejected('internal');
        const why = err instanceof Error ? err.message : String(err);
        log.error(
          `mqtt: ingest failed on ${packet.topic}, not acknowledged, the broker will resend it: ${why}`,
        );
        if (!redelivering && !closing) {
          redelivering = true;
          // The stream's close makes mqtt.js reconnect after RECONNECT_MS: a natural pause for the store.
          client.stream.destroy();
        }
        done(err instanceof Error ? err : new Error(why));
      },
    );
  };
  // A PUBACK of a message still in flight when closing fails to write: the broker re-delivers it, nothing lost.
  client.on('error', (err) => closing || log.error(`mqtt: ${err.message}`));

  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error) => {
      clearTimeout(timer);
      client.off('error', fail);
      client.end(true);
      reject(new Error(`cannot connect to MQTT broker at ${redact(opts.url)}: ${err.message}`));
    };
    const timer = setTimeout(() => fail(new Error('timed out')), CONNECT_TIMEOUT_MS);
    client.once('error', fail);
    client.once('connect', () => {
      clearTimeout(timer);
      client.off('error', fail);
      client.subscribe(topic, { qos: 1 }, (err) => (err ? fail(err) : resolve()));
    });
  });
  // After start a lost broker is retried every second; subscriptions are renewed by mqtt.js (resubscribe).
  return {
    close: async () => {
      closing = true;
      // The session outlives the connection, subscriptions included. Alone, that is the point: what sensors
      // publish during a restart waits at the broker. In a share group Mosquitto would also queue this node's
      // share of the messages for as long as it is away, instead of handing them to the nodes still up; so a
      // node that stops on purpose leaves the group first (a node that dies keeps its share until it returns).
      if (opts.shareGroup && client.connected)
        await Promise.race([
          client.unsubscribeAsync(topic).catch(() => undefined),
          new Promise((r) => setTimeout(r, CONNECT_TIMEOUT_MS).unref()),
        ]);
      await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
    },
  };
}
