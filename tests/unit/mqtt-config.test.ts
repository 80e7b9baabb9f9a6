import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { DEFAULT_MQTT_SOURCE } from '../../server/mqtt/mqtt-config';

/** The broker section of the one configuration schema. */
const mqttConfigFromEnv = (env: Record<string, string>) => loadConfig(env).mqtt;

describe('the broker connection from the environment', () => {
  it('is off without MQTT_URL', () => {
    expect(mqttConfigFromEnv({})).toBeNull();
  });

  it('gives each node a session of its own that survives a restart, and the default source', () => {
    const config = mqttConfigFromEnv({ MQTT_URL: 'mqtt://broker:1883', PORT: '8081' })!;
    expect(config.clientId).toBe(`ioc-${hostname()}-8081`);
    expect(config.source).toBe(DEFAULT_MQTT_SOURCE);
    expect(config.credentials).toEqual({});
  });

  it('refuses settings that would fail later or silently', () => {
    const base = { MQTT_URL: 'mqtts://broker:8883' };
    expect(() => mqttConfigFromEnv({ ...base, MQTT_PASSWORD: 'x' })).toThrow(/MQTT_USERNAME/);
    expect(() => mqttConfigFromEnv({ ...base, MQTT_SOURCE: 'has space' })).toThrow(/MQTT_SOURCE/);
    expect(() => mqttConfigFromEnv({ ...base, MQTT_SESSION_EXPIRY_S: '1h' })).toThrow(
      /MQTT_SESSION_EXPIRY_S/,
    );
    expect(() => mqttConfigFromEnv({ ...base, MQTT_CA_FILE: '/nonexistent/ca.pem' })).toThrow(/MQTT_CA_FILE/);
  });
});
