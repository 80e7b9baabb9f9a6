import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { startMqttIngest, type MqttIngest } from '../../server/mqtt/mqtt-ingest';
import { freePort, reading, startSecureServer, type SecureServer } from './support/reliability';
import { captureLogger, silentLogger } from '../support/capture-logger';

const USER = 'ioc-node';
const PASSWORD = 'broker-secret-0123456789';
const SOURCE = 'gw-longan';

async function listening(port: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port }, () => (s.end(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (up) return;
    if (Date.now() > deadline) throw new Error(`the test broker did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A Mosquitto of the test's own, as a deployment should run it: TLS only, no anonymous clients. */
async function startLockedBroker(dir: string): Promise<{ port: number; ca: string; stop(): void }> {
  const port = await freePort();
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'],
      ...['-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert],
    ],
    { stdio: 'ignore' },
  );
  const passwd = path.join(dir, 'passwd');
  execFileSync('mosquitto_passwd', ['-c', '-b', passwd, USER, PASSWORD], { stdio: 'ignore' });
  const conf = path.join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      'user root',
      'persistence false',
      `listener ${port} 127.0.0.1`,
      'allow_anonymous false',
      `password_file ${passwd}`,
      `cafile ${cert}`,
      `certfile ${cert}`,
      `keyfile ${key}`,
      '',
    ].join('\n'),
  );
  const broker: ChildProcess = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
  await listening(port);
  return { port, ca: cert, stop: () => broker.kill() };
}

/** The broker section of the one configuration schema. */
const mqttConfigFromEnv = (env: Record<string, string>) => loadConfig(env).mqtt;

describe('the IOC on a broker that needs credentials and TLS', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ioc-mqtt-locked-'));
  const root = 'ioc/sensors';
  const { logger, messages: log } = captureLogger();
  let broker: Awaited<ReturnType<typeof startLockedBroker>>;
  let server: SecureServer;
  let ingest: MqttIngest | null = null;
  const env = () => ({
    MQTT_URL: `mqtts://127.0.0.1:${broker.port}`,
    MQTT_USERNAME: USER,
    MQTT_PASSWORD: PASSWORD,
    MQTT_CA_FILE: broker.ca,
    MQTT_SOURCE: SOURCE,
    MQTT_CLIENT_ID: `ioc-locked-${process.pid}`,
    MQTT_SESSION_EXPIRY_S: '60',
  });

  beforeAll(async () => {
    broker = await startLockedBroker(dir);
    server = await startSecureServer();
  });
  afterAll(async () => {
    await ingest?.close();
    await server?.close();
    broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('cannot subscribe without the password', async () => {
    const { MQTT_PASSWORD: _, MQTT_USERNAME: __, ...anonymous } = env();
    const config = mqttConfigFromEnv(anonymous)!;
    await expect(
      startMqttIngest({ ...config, ingest: server.app.ingest, onRejected: () => {}, logger: silentLogger() }),
    ).rejects.toThrow(/cannot connect to MQTT broker/);
  });

  it('speaks TLS when a CA is configured, even on an mqtt:// URL (the password never goes out in clear)', async () => {
    const config = mqttConfigFromEnv({
      ...env(),
      MQTT_URL: `mqtt://127.0.0.1:${broker.port}`,
      MQTT_CLIENT_ID: `ioc-locked-plain-${process.pid}`,
    })!;
    const plain = await startMqttIngest({
      ...config,
      ingest: server.app.ingest,
      onRejected: () => {},
      logger: silentLogger(),
    });
    await plain.close();
  });

  it('subscribes with the configured credentials over TLS, and refuses a reading claiming another source', async () => {
    const config = mqttConfigFromEnv(env())!;
    ingest = await startMqttIngest({
      ...config,
      topicRoot: root,
      ingest: server.app.ingest,
      onRejected: () => {},
      logger,
    });
    const publisher = await mqtt.connectAsync(env().MQTT_URL, {
      username: USER,
      password: PASSWORD,
      ca: readFileSync(broker.ca),
    });
    const own = { ...reading(SOURCE, 1), siteId: 'LA-1' };
    const forged = { ...reading('official-feed', 2), siteId: 'LA-1' };
    await publisher.publishAsync(`${root}/LA-1`, JSON.stringify(forged), { qos: 1 });
    await publisher.publishAsync(`${root}/LA-1`, JSON.stringify(own), { qos: 1 });
    await publisher.endAsync();

    await expect.poll(async () => (await server.store.lastSeq()) >= 1, { timeout: 10_000 }).toBe(true);
    await expect.poll(() => log.some((l) => l.includes(forged.id)), { timeout: 10_000 }).toBe(true);
    const logged = await server.store.readAfter(0, 100);
    expect(logged.map((e) => `${e.source}/${e.id}`)).toEqual([`${SOURCE}/${own.id}`]);
    expect(log.find((l) => l.includes(forged.id))).toMatch(/unauthorized/);
  });
});
