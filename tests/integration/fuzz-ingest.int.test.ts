import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import {
  ERROR_REASONS,
  PROTOCOL_VERSION,
  type IngestAck,
  type IngestItemResult,
  type IocEvent,
  type LoggedEvent,
} from '../../protocol';
import { reading, startSecureServer, submission, TOKEN, type SecureServer } from './support/reliability';
import { MQTT_URL, requireService } from './support/services';
import { startMqttIngest, type MqttIngest } from '../../server/mqtt/mqtt-ingest';
import { captureLogger } from '../support/capture-logger';

const MAX_MESSAGE_BYTES = 64 * 1024;

/** An own enumerable key, even `__proto__`, as JSON.parse makes it (Object.assign would set the prototype). */
function withKey(obj: object, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...obj };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

const nested = (depth: number, leaf: unknown): unknown =>
  Array.from({ length: depth }).reduce<unknown>((inner, _, i) => (i % 2 ? [inner] : { a: inner }), leaf);

const huge = fc.constantFrom('x'.repeat(20_000), 'é'.repeat(8_000), '\ud800'.repeat(1000));
/** Refused by every numeric field here (NaN and ±Infinity travel as JSON null). */
const badNumber = fc.constantFrom(NaN, Infinity, -Infinity, 1e21, -1e21, '12', null, true, [], {});
const badText = fc.oneof(
  fc.constantFrom(
    '',
    'has space',
    '../../etc/passwd',
    'a\u0000b',
    '\ud800',
    'x'.repeat(200),
    7,
    null,
    [],
    {},
  ),
  huge,
);

/** One field of a valid event replaced by something its schema must refuse. */
const fieldAttack: fc.Arbitrary<[string, unknown]> = fc.oneof(
  fc.tuple(
    fc.constant('tsMs'),
    fc.constantFrom(8.64e15, 1e15, -1e12, 0, Date.UTC(2200, 0, 1), 1.5, '2021-08-01'),
  ),
  fc.tuple(fc.constant('area'), fc.constantFrom('999', '00', '80000', 'abc', 794, null, '794 ')),
  fc.tuple(
    fc.constant('stream'),
    fc.constantFrom('unknown', 'sensors', '', null, 'constructor', '__proto__'),
  ),
  fc.tuple(fc.constant('v'), fc.constantFrom(0, 2, '1', null, PROTOCOL_VERSION + 1)),
  fc.tuple(fc.constant('id'), badText),
  fc.tuple(fc.constant('source'), badText),
  fc.tuple(fc.constant('value'), badNumber),
  fc.tuple(fc.constant('lonLat'), fc.constantFrom([200, 10], [106], 'x', [NaN, NaN], null)),
  fc.tuple(fc.constant('kind'), fc.constantFrom('pm10', '', 3)),
  fc.tuple(fc.constant('serviceLevel'), fc.constantFrom(5, 1, '4', null)),
  fc.tuple(fc.constant('channel'), fc.constantFrom('email', '', null)),
  fc.tuple(fc.constant('dueMs'), badNumber),
  fc.tuple(fc.constant('dossierCode'), fc.constantFrom('lower-case', '', 'x'.repeat(41))),
);

/** Something that must be rejected, each with a different way of being wrong. */
const hostileItem: fc.Arbitrary<unknown> = fc.oneof(
  // A valid event with one field wrong, removed, or an extra key (strict schemas refuse unknown keys).
  fc.tuple(fc.boolean(), fc.nat(1e6), fieldAttack).map(([isReading, n, [k, v]]) => {
    const base: IocEvent = isReading ? reading('fuzz', n) : submission('fuzz', n);
    return k in base || k === 'stream' || k === 'v' ? { ...base, [k]: v } : withKey(base, k, v);
  }),
  fc
    .tuple(fc.boolean(), fc.nat(1e6), fc.constantFrom('v', 'id', 'source', 'area', 'tsMs', 'stream'))
    .map(([isReading, n, k]) => {
      const base: Record<string, unknown> = { ...(isReading ? reading('fuzz', n) : submission('fuzz', n)) };
      delete base[k];
      return base;
    }),
  fc
    .tuple(fc.nat(1e6), fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', '$where'))
    .map(([n, k]) => withKey(reading('fuzz', n), k, { polluted: true, isAdmin: true })),
  // An operator action from a source: valid in shape, not in right.
  fc.nat(1e6).map((n) => ({
    ...reading('fuzz', n),
    stream: 'ops',
    action: 'alert:acknowledged',
    alertId: `x@${n}`,
    operator: 'mallory',
    comment: '',
    siteId: undefined,
    kind: undefined,
    value: undefined,
    unit: undefined,
    lonLat: undefined,
  })),
  // Unknown area that is still a well-formed code.
  fc.nat(1e6).map((n) => ({ ...submission('fuzz', n), area: '99999' })),
  // Not events at all.
  fc
    .anything({ maxDepth: 3, maxKeys: 5 })
    .filter((x) => typeof x !== 'object' || x === null || Array.isArray(x)),
  fc.object({ maxDepth: 3, maxKeys: 8 }),
  fc.constantFrom<unknown>(
    nested(200, 1),
    nested(200, { v: 1 }),
    Array.from({ length: 3000 }, (_, i) => i),
    { _placeholder: true, num: 0 },
    { _placeholder: true, num: 99 },
    JSON.parse('{"__proto__": {"stream": "sensor", "v": 1}}'),
  ),
);

type Item = { valid: true; event: IocEvent } | { valid: false; value: unknown };
/** A batch mixing hostile items with valid ones (about one in eight), whose ids are fixed when sent. */
const batchArb = fc.array(
  fc.oneof({ arbitrary: hostileItem, weight: 7 }, { arbitrary: fc.constant(null), weight: 1 }),
  { minLength: 20, maxLength: 80 },
);

describe('hostile input over /ingest and POST /api/ingest', () => {
  let server: SecureServer;
  const validSent = new Set<string>();
  let hostileSent = 0;
  let nextValid = 0;

  beforeAll(async () => {
    server = await startSecureServer({
      maxMessageBytes: MAX_MESSAGE_BYTES,
      maxSocketMessageBytes: MAX_MESSAGE_BYTES,
      // Limits are tested elsewhere; here every message must reach validation.
      ingestRateLimit: { windowMs: 60_000, limit: 1e9 },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  const materialise = (batch: unknown[]): Item[] =>
    batch.map((h) => {
      if (h !== null) return { valid: false, value: h };
      const n = nextValid++;
      return { valid: true, event: n % 2 ? reading('fuzz-ok', n) : submission('fuzz-ok', n) };
    });

  /** Every item answered, valid ones accepted, every other one rejected with a known reason. */
  const check = (items: Item[], results: IngestItemResult[]) => {
    expect(results).toHaveLength(items.length);
    items.forEach((item, i) => {
      const r = results[i]!;
      expect(r.index).toBe(i);
      if (item.valid) {
        expect(r.status).toBe('accepted');
        validSent.add(`${item.event.source}/${item.event.id}`);
      } else {
        expect(r.status).toBe('rejected');
        if (r.status === 'rejected') expect(ERROR_REASONS).toContain(r.reason);
        hostileSent++;
      }
    });
  };

  /** Splits a batch so that each message fits the server's frame limit (oversized frames have their own test). */
  const fitting = (items: Item[]): Item[][] => {
    const out: Item[][] = [];
    let cur: Item[] = [];
    let bytes = 0;
    for (const it of items) {
      const size = JSON.stringify(it.valid ? it.event : it.value)?.length ?? 4;
      if (cur.length && bytes + size > MAX_MESSAGE_BYTES - 2048) {
        out.push(cur);
        cur = [];
        bytes = 0;
      }
      cur.push(it);
      bytes += size;
    }
    if (cur.length) out.push(cur);
    return out;
  };
  const payload = (items: Item[]) => items.map((it) => (it.valid ? it.event : it.value));

  it('answers every item over the socket with a reason, and stays up', async () => {
    const socket: Socket = io(`${server.url}/ingest`, {
      auth: { token: TOKEN, protocolVersion: PROTOCOL_VERSION },
      transports: ['websocket'],
      forceNew: true,
    });
    await new Promise<void>((r) => socket.once('connect', () => r()));
    await fc.assert(
      fc.asyncProperty(batchArb, async (batch) => {
        for (const part of fitting(materialise(batch))) {
          const ack: IngestAck = await socket
            .timeout(10_000)
            .emitWithAck('ingest:batch', { events: payload(part) });
          expect(ack.ok).toBe(true);
          if (ack.ok) check(part, ack.data.results);
        }
      }),
      { numRuns: 240, seed: 7, endOnFailure: true },
    );
    // Single hostile items one per message, and binary attachments (placeholders the parser must resolve).
    for (const value of fc.sample(hostileItem, { numRuns: 300, seed: 11 })) {
      const [part] = fitting([{ valid: false, value }]);
      const ack: IngestAck = await socket
        .timeout(10_000)
        .emitWithAck('ingest:batch', { events: payload(part!) });
      expect(ack.ok).toBe(true);
      if (ack.ok) check(part!, ack.data.results);
    }
    const binary = [Buffer.from([0xff, 0xfe, 0xfd]), { id: Buffer.from('\xc3\x28', 'latin1') }];
    const ackBin: IngestAck = await socket.timeout(10_000).emitWithAck('ingest:batch', { events: binary });
    expect(ackBin.ok && ackBin.data.rejected).toBe(2);
    hostileSent += 2;

    // Malformed messages as a whole: each refused with its reason.
    const whole: unknown[] = [
      null,
      'events',
      42,
      [],
      { events: 'x' },
      { events: [] },
      { events: [1], extra: 1 },
    ];
    for (const msg of whole) {
      const ack: IngestAck = await socket.timeout(10_000).emitWithAck('ingest:batch', msg);
      expect(ack).toMatchObject({ ok: false, error: 'invalid_payload' });
      hostileSent++;
    }
    const tooMany: IngestAck = await socket
      .timeout(10_000)
      .emitWithAck('ingest:batch', { events: Array(5001).fill(0) });
    expect(tooMany).toMatchObject({ ok: false, error: 'batch_too_large' });
    const unknown = await socket.timeout(10_000).emitWithAck('ingest:delete-all', { everything: true });
    expect(unknown).toMatchObject({ ok: false, error: 'invalid_payload' });
    hostileSent += 2;
    socket.close();
  });

  it('drops the connection that sends an oversized frame, and serves the next one', async () => {
    const socket: Socket = io(`${server.url}/ingest`, {
      auth: { token: TOKEN, protocolVersion: PROTOCOL_VERSION },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    await new Promise<void>((r) => socket.once('connect', () => r()));
    const dropped = new Promise<string>((r) => socket.once('disconnect', r));
    socket.emit(
      'ingest:batch',
      { events: [{ ...reading('fuzz', 1), unit: 'x'.repeat(2 * MAX_MESSAGE_BYTES) }] },
      () => {
        throw new Error('an oversized frame must not be answered as if it were read');
      },
    );
    expect(await dropped).toBe('transport close');
    hostileSent++;
    const again = await fetch(`${server.url}/api/health`);
    expect(again.status).toBe(200);
  });

  it('answers every POST /api/ingest with a reason, whatever the body', async () => {
    const post = (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
        body,
      });
    await fc.assert(
      fc.asyncProperty(batchArb, async (batch) => {
        for (const part of fitting(materialise(batch))) {
          const res = await post(JSON.stringify({ events: payload(part) }));
          expect(res.status).toBe(200);
          check(part, ((await res.json()) as { results: IngestItemResult[] }).results);
        }
      }),
      { numRuns: 140, seed: 8, endOnFailure: true },
    );

    // Bodies that never become a batch: refused whole, each with a JSON reason and a 4xx.
    const raw: [string | Uint8Array<ArrayBuffer>, number, Record<string, string>?][] = [
      ['{"events": [', 400],
      ['{"events": [NaN, Infinity]}', 400],
      [new Uint8Array([0x7b, 0x22, 0x65, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), 400], // invalid UTF-8
      ['['.repeat(100_000) + ']'.repeat(100_000), 413],
      ['{"events":[' + '"x",'.repeat(20_000) + '"x"]}', 413],
      ['{"__proto__": {"events": [1]}}', 400],
      ['{"constructor": {"prototype": {"polluted": true}}, "events": [1]}', 400],
      ['{"events": []}', 400],
      ['"events"', 400],
      ['{"events":[1]}', 415, { 'content-type': 'text/plain' }],
      ['{"events":[1]}', 401, { authorization: 'Bearer wrong' }],
      ['{"events":[1]}', 401, { authorization: '' }],
      ['{"events":[1]}', 415, { 'content-type': 'application/json; charset=latin1' }],
    ];
    for (const [body, status, headers] of raw) {
      const res = await post(body, headers);
      expect(res.status).toBe(status);
      const answer = (await res.json()) as { error?: unknown };
      expect(typeof answer.error).toBe('string');
      hostileSent++;
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('kept exactly the valid events, after at least 10,000 hostile ones', async () => {
    const text = await (await fetch(`${server.url}/api/events?from=2015-01-01&to=2100-01-01`)).text();
    const logged = text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LoggedEvent);
    expect(new Set(logged.map((e) => `${e.source}/${e.id}`))).toEqual(validSent);
    expect(logged).toHaveLength(validSent.size);
    expect(hostileSent).toBeGreaterThanOrEqual(10_000);
    console.log(`fuzz: ${hostileSent} hostile messages refused, ${validSent.size} valid events kept`);
  });
});

/** Rejections counted in `/metrics` (ioc_rejected_inputs_total, every reason). */
async function rejectedCount(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return [...text.matchAll(/^ioc_rejected_inputs_total\{[^}]*\} (\d+)$/gm)].reduce(
    (n, m) => n + Number(m[1]),
    0,
  );
}

/** Resolves once `check` holds, looking every 100 ms: MQTT has no answer to wait on. */
async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the MQTT messages to be handled');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('hostile input over MQTT (ioc/sensors/<siteId>)', () => {
  let server: SecureServer;
  let ingest: MqttIngest;
  const { logger, messages: log } = captureLogger();
  // A topic root of its own on the shared broker, so parallel runs and the cluster test never meet.
  const root = `fuzz-${process.pid}-${Date.now()}/sensors`;

  beforeAll(async () => {
    await requireService('Mosquitto', MQTT_URL);
    server = await startSecureServer();
    ingest = await startMqttIngest({
      url: MQTT_URL,
      ingest: server.app.ingest,
      topicRoot: root,
      clientId: `fuzz-ioc-${process.pid}-${Date.now()}`,
      source: 'mqtt-ok',
      sessionExpirySeconds: 60,
      onRejected: (reason) => server.app.metrics.rejected(reason),
      logger,
    });
  });
  afterAll(async () => {
    await ingest?.close();
    await server?.close();
  });

  it(
    'refuses each hostile message with a reason (logged and counted) and logs exactly the valid readings',
    { timeout: 180_000 },
    async () => {
      const publisher = await mqtt.connectAsync(MQTT_URL, {
        clientId: `fuzz-pub-${process.pid}-${Date.now()}`,
      });
      const site = (i: number) => `F${i}`;
      const asReading = (value: unknown, i: number) =>
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? withKey(value, 'siteId', site(i))
          : value;
      /** Whole messages that are wrong in themselves: bytes, size, shape, topic. */
      const raw = (i: number): [string, string | Buffer] => {
        const t = `${root}/${site(i)}`;
        const ok = { ...reading('mqtt-x', i), siteId: site(i) };
        switch (i % 10) {
          case 0:
            return [t, '{"siteId": "' + site(i) + '", '];
          case 1:
            return [t, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])];
          case 2:
            return [t, '['.repeat(50_000) + ']'.repeat(50_000)];
          case 3:
            return [t, JSON.stringify({ ...ok, unit: 'x'.repeat(70_000) })];
          case 4:
            return [`${t}/extra/level`, JSON.stringify(ok)];
          case 5:
            return [t, JSON.stringify({ ...ok, siteId: 'someone-else' })];
          case 6:
            return [t, ''];
          case 7:
            return [t, '[]'];
          case 8:
            return [t, JSON.stringify(Array(5001).fill(1))];
          default:
            return i % 20 === 9
              ? [t, Buffer.from([0, 1, 2, 3, 0xc3, 0x28])]
              : [t, JSON.stringify({ ...ok, area: '99999' })];
        }
      };

      const hostile = fc.sample(hostileItem, { numRuns: 1200, seed: 21 });
      const valid = new Set<string>();
      let hostileMessages = 0;
      const before = await rejectedCount(server.url);
      for (let i = 0; i < hostile.length + 300; i++) {
        let topic = `${root}/${site(i)}`;
        let payload: string | Buffer;
        if (i >= hostile.length) {
          [topic, payload] = raw(i);
        } else if (i % 8 === 0) {
          // A gateway's batch: one good reading beside one bad item.
          const good = { ...reading('mqtt-ok', i), siteId: site(i) };
          valid.add(good.id);
          // The bad item must name the topic's site, or the whole message is refused (that is case 5 below).
          const bad = asReading(hostile[i], i);
          payload = JSON.stringify([good, bad === hostile[i] ? { siteId: site(i), value: bad } : bad]);
        } else if (i % 8 === 1) {
          const good = { ...reading('mqtt-ok', i), siteId: site(i) };
          valid.add(good.id);
          await publisher.publishAsync(topic, JSON.stringify(good), { qos: 1 });
          continue;
        } else {
          payload = JSON.stringify(asReading(hostile[i], i)) ?? 'undefined';
        }
        hostileMessages++;
        await publisher.publishAsync(topic, payload, { qos: 1 });
      }
      await publisher.endAsync();

      const mqttEvents = async () =>
        (await server.store.readAfter(0, 10_000)).filter((e) => e.source.startsWith('mqtt-'));
      await eventually(
        async () =>
          (await rejectedCount(server.url)) - before >= hostileMessages &&
          (await mqttEvents()).length >= valid.size,
        150_000,
      );
      // One refusal per hostile message, each with a reason, and none of them in the log.
      expect((await rejectedCount(server.url)) - before).toBe(hostileMessages);
      expect(new Set((await mqttEvents()).map((e) => e.id))).toEqual(valid);
      const reasons = log.map((l) => /^mqtt: rejected (?:message|reading \S+) on \S+: (\w+)/.exec(l)?.[1]);
      expect(reasons).toHaveLength(hostileMessages);
      expect(new Set(reasons)).toEqual(
        new Set([
          'invalid_payload',
          'invalid_json',
          'topic_mismatch',
          'invalid_topic',
          'payload_too_large',
          'batch_too_large',
          'unknown_area',
        ]),
      );
      // Each hostile message's topic (one site per message) is named in the log with its reason.
      const named = new Set(log.map((l) => / on \S+\/(F\d+)(?:\/\S*)?:/.exec(l)?.[1]));
      for (let i = 0; i < hostile.length + 300; i++)
        if (i >= hostile.length || i % 8 !== 1) expect(named).toContain(site(i));
      console.log(
        `fuzz (MQTT): ${hostileMessages} hostile messages refused, ${valid.size} valid readings kept`,
      );
    },
  );
});

describe('dependency floors', () => {
  it('locks socket.io-parser ≥ 4.2.3 and engine.io ≥ 6.2.1 (fixes of known CVEs) everywhere in the tree', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    const floors: Record<string, [number, number, number]> = {
      'socket.io-parser': [4, 2, 3],
      'engine.io': [6, 2, 1],
    };
    const atLeast = (v: string, min: [number, number, number]) => {
      const p = v.split('.').map(Number);
      for (let i = 0; i < 3; i++) if (p[i] !== min[i]) return p[i]! > min[i]!;
      return true;
    };
    for (const [name, min] of Object.entries(floors)) {
      const copies = Object.entries(lock.packages).filter(([path]) => path.endsWith(`node_modules/${name}`));
      expect(copies.length).toBeGreaterThan(0);
      for (const [path, { version }] of copies)
        expect(atLeast(version!, min), `${path}@${version}`).toBe(true);
    }
  });
});
