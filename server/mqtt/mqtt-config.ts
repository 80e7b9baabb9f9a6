import type { MqttCredentials } from './mqtt-ingest';

/** The default source name of the readings that arrive through the broker (`MQTT_SOURCE`). */
export const DEFAULT_MQTT_SOURCE = 'mqtt';

/** The broker connection, from `MQTT_*` (server/config). */
export interface MqttConfig {
  url: string;
  clientId: string;
  source: string;
  shareGroup?: string;
  sessionExpirySeconds?: number;
  credentials: MqttCredentials;
}
