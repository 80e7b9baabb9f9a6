import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { MAX_INGEST_BATCH, SENSOR_TOPIC_ROOT } from '../../protocol';
import type { IngestService } from '../ingest/ingest-service';
import { redact } from '../store/postgres-store';

export { SENSOR_TOPIC_ROOT };

/** The largest message read, like a Socket.IO message: a reading is a few hundred bytes, a gateway's batch more. */
export const MAX_MQTT_PAYLOAD_BYTES = 64 * 1024;
const CONNECT_TIMEOUT_MS = 5000;

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
  /** A fixed client id keeps the broker session, so QoS 1 messages published while this node was down arrive. */
  clientId?: string;
  /** Topic root, `ioc/sensors` unless a test isolates itself on a shared broker. */
  topicRoot?: string;
  log?: (message: string) => void;
  /** Larger messages are refused unread (`payload_too_large`); MAX_MQTT_PAYLOAD_BYTES when omitted. */
  maxPayloadBytes?: number;
}

export interface MqttIngest {
  close(): Promise<void>;
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
 */
export async function startMqttIngest(opts: MqttIngestOptions): Promise<MqttIngest> {
  const log = opts.log ?? ((m: string) => console.warn(m));
  const persistent = Boolean(opts.clientId);
  const client: MqttClient = mqtt.connect(opts.url, {
    clientId: opts.clientId ?? `ioc-${process.pid}-${randomBytes(4).toString('hex')}`,
    clean: !persistent,
    reconnectPeriod: 1000,
    connectTimeout: CONNECT_TIMEOUT_MS,
  });
  const root = opts.topicRoot ?? SENSOR_TOPIC_ROOT;
  const topic = (opts.shareGroup ? `$share/${opts.shareGroup}/` : '') + `${root}/#`;

  const handle = async (packetTopic: string, payload: Buffer) => {
    const verdict = parseSensorMessage(packetTopic, payload, root, opts.maxPayloadBytes);
    if (!verdict.ok) {
      opts.onRejected(verdict.reason);
      return log(`mqtt: rejected message on ${packetTopic}: ${verdict.reason} (${verdict.details})`);
    }
    const report = await opts.ingest.ingest(verdict.items, 'source');
    for (const r of report.results)
      if (r.status === 'rejected')
        log(
          `mqtt: rejected reading ${r.id ?? '?'} on ${packetTopic}: ${r.reason} ${JSON.stringify(r.details ?? '')}`,
        );
  };
  // mqtt.js sends the PUBACK when this callback is called: after the append, not on receipt.
  client.handleMessage = (packet, done) => {
    if (packet.cmd !== 'publish') return done();
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    handle(packet.topic, payload).then(
      () => done(),
      (err: unknown) => {
        opts.onRejected('internal');
        log(`mqtt: ingest failed on ${packet.topic}: ${err instanceof Error ? err.message : String(err)}`);
        done();
      },
    );
  };
  let closing = false;
  // A PUBACK of a message still in flight when closing fails to write: the broker re-delivers it, nothing lost.
  client.on('error', (err) => closing || log(`mqtt: ${err.message}`));

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
    close: () => {
      closing = true;
      return new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
    },
  };
}
