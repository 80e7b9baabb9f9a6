import mqtt, { type MqttClient } from 'mqtt';
import type { IocEvent, SensorReading } from '../protocol';

export interface MqttPublisher {
  /** Publishes each reading on `ioc/sensors/<siteId>` with QoS 1; resolves once the broker has acknowledged all. */
  publish(readings: readonly SensorReading[]): Promise<number>;
  close(): Promise<void>;
}

export const isReading = (e: IocEvent): e is SensorReading => e.stream === 'sensor';

/** A sensor gateway's MQTT connection, as the province's field devices would publish. */
export async function connectMqttPublisher(url: string, clientId?: string): Promise<MqttPublisher> {
  const client: MqttClient = await mqtt.connectAsync(url, {
    ...(clientId ? { clientId } : {}),
    connectTimeout: 5000,
    reconnectPeriod: 1000,
  });
  return {
    async publish(readings) {
      await Promise.all(
        readings.map((r) => client.publishAsync(`ioc/sensors/${r.siteId}`, JSON.stringify(r), { qos: 1 })),
      );
      return readings.length;
    },
    close: () => client.endAsync(),
  };
}
