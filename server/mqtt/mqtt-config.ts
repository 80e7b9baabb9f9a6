import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { SourceName } from '../../protocol';
import type { MqttCredentials } from './mqtt-ingest';

/** The default source name of the readings that arrive through the broker (`MQTT_SOURCE`). */
export const DEFAULT_MQTT_SOURCE = 'mqtt';

export interface MqttConfig {
  url: string;
  clientId: string;
  source: string;
  shareGroup?: string;
  sessionExpirySeconds?: number;
  credentials: MqttCredentials;
}

function readPem(name: string, file: string | undefined): Buffer | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch (err) {
    throw new Error(`${name}: cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * The broker connection from the environment, or null without `MQTT_URL`. The client id defaults to one per host
 * and port, so that a restarted node finds its session (and the messages it had not acknowledged) again, and two
 * nodes on one host never take each other's.
 */
export function mqttConfigFromEnv(env: NodeJS.ProcessEnv): MqttConfig | null {
  if (!env.MQTT_URL) return null;
  const expiry = env.MQTT_SESSION_EXPIRY_S;
  if (expiry !== undefined && !/^\d+$/.test(expiry))
    throw new Error(`MQTT_SESSION_EXPIRY_S must be a whole number of seconds, got "${expiry}"`);
  if (env.MQTT_PASSWORD && !env.MQTT_USERNAME) throw new Error('MQTT_PASSWORD needs MQTT_USERNAME');
  const ca = readPem('MQTT_CA_FILE', env.MQTT_CA_FILE);
  const cert = readPem('MQTT_CERT_FILE', env.MQTT_CERT_FILE);
  const key = readPem('MQTT_KEY_FILE', env.MQTT_KEY_FILE);
  if (Boolean(cert) !== Boolean(key)) throw new Error('MQTT_CERT_FILE and MQTT_KEY_FILE go together');
  const source = env.MQTT_SOURCE || DEFAULT_MQTT_SOURCE;
  if (!SourceName.safeParse(source).success)
    throw new Error(`MQTT_SOURCE must be a source name (letters, digits, _ . : -), got "${source}"`);
  return {
    url: env.MQTT_URL,
    clientId: env.MQTT_CLIENT_ID || `ioc-${hostname()}-${env.PORT ?? '8080'}`,
    source,
    ...(env.MQTT_SHARE_GROUP ? { shareGroup: env.MQTT_SHARE_GROUP } : {}),
    ...(expiry !== undefined ? { sessionExpirySeconds: Number(expiry) } : {}),
    credentials: {
      ...(env.MQTT_USERNAME ? { username: env.MQTT_USERNAME } : {}),
      ...(env.MQTT_PASSWORD ? { password: env.MQTT_PASSWORD } : {}),
      ...(ca ? { ca } : {}),
      ...(cert ? { cert } : {}),
      ...(key ? { key } : {}),
    },
  };
}
