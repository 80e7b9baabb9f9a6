import type { z } from 'zod';
import {
  AlertAckCommand,
  AlertCommandResult,
  IngestReport,
  ReplayPosition,
  AlertAssignCommand,
  AlertResolveCommand,
  AlertShelveCommand,
  AlertUnshelveCommand,
  SiteInServiceCommand,
  SiteOutOfServiceCommand,
  ReplayAuth,
  ReplayJump,
  ReplayPause,
  ReplayPlay,
  ReplaySeek,
  ReplayStep,
  SENSOR_TOPIC,
  SOCKET_EVENTS,
  WallControl,
  type NamespaceEvents,
  type SocketNamespace,
  type ReplayClientToServer,
  type ReplayServerToClient,
  type IngestClientToServer,
  type IngestServerToClient,
  type LiveClientToServer,
  type LiveServerToClient,
} from '../../protocol';
import { componentSchemas, type JsonSchema } from './components';
import {
  LiveBatchSchema,
  LiveSnapshotSchema,
  ReplayBatchSchema,
  ReplayJumpResultSchema,
  ReplaySnapshotSchema,
  ackOf,
} from './wire-shapes';

/**
 * One Socket.IO event. Which way it goes comes from the protocol's `SOCKET_EVENTS` (an event may go both
 * ways: a console's `wall:control`, relayed to every dashboard). `ack` names the schema of the
 * acknowledgement the server answers a client's emit with.
 */
interface SocketEvent {
  summary: string;
  payload: string;
  ack?: string;
}

interface Namespace {
  key: string;
  path: SocketNamespace;
  description: string;
  auth: string;
  events: Record<string, SocketEvent>;
}

// `satisfies Record<keyof …>` makes tsc refuse a table that misses or invents an event of the protocol's maps.
const LIVE_EVENTS = {
  'live:subscribe': {
    summary: 'Watch one area (and everything under it); the answer is its state as of a seq.',
    payload: 'LiveSubscribe',
    ack: 'LiveSubscribeAck',
  },
  'live:resync': {
    summary:
      'Ask for the events of a room after a seq, to fill a gap seen in the batches. A gap larger than the server fills is answered `too_far_behind`: subscribe again for a fresh snapshot.',
    payload: 'LiveResync',
    ack: 'LiveResyncAck',
  },
  'live:batch': {
    summary:
      'What one flush window (100–250 ms) delivered to a room; consecutive batches are contiguous. In `state` mode a window that moves at least 1.000 sites carries their readings in `binarySites`, a binary attachment of the packet.',
    payload: 'LiveBatch',
  },
  'live:clock': {
    summary: 'The scenario clock: simulated time runs at `speed` × real time from `nowMs`.',
    payload: 'ClockTick',
  },
  'live:areas': {
    summary:
      'The area tree changed (a set imported while the server runs): fold the events that follow, and any resync answer, with this tree.',
    payload: 'AreaTree',
  },
  'alert:ack': {
    summary:
      'An operator acknowledges an alert; logged as an `ops` event (requestId makes a retry a duplicate).',
    payload: 'AlertAckCommand',
    ack: 'AlertCommandAck',
  },
  'alert:assign': {
    summary: 'An operator assigns an alert to someone.',
    payload: 'AlertAssignCommand',
    ack: 'AlertCommandAck',
  },
  'alert:resolve': {
    summary: 'An operator marks an alert resolved.',
    payload: 'AlertResolveCommand',
    ack: 'AlertCommandAck',
  },
  'alert:shelve': {
    summary:
      'An operator shelves an alarm (or a group alarm) with a reason for `minutes`, at most SHELVE_MAX_MIN (a shift, 480 by default); logged as `alert:shelved`, audited, and back by itself at expiry.',
    payload: 'AlertShelveCommand',
    ack: 'AlertCommandAck',
  },
  'alert:unshelve': {
    summary: 'An operator puts a shelved alarm back before its expiry; logged as `alert:unshelved`, audited.',
    payload: 'AlertUnshelveCommand',
    ack: 'AlertCommandAck',
  },
  'site:out-of-service': {
    summary:
      'An operator takes a site out of service (maintenance) for `minutes`, at most OUT_OF_SERVICE_MAX_MIN; its alarms are kept but not announced. Logged as `site:out-of-service`, audited.',
    payload: 'SiteOutOfServiceCommand',
    ack: 'AlertCommandAck',
  },
  'site:in-service': {
    summary: 'An operator puts a site back in service before its time; logged, audited.',
    payload: 'SiteInServiceCommand',
    ack: 'AlertCommandAck',
  },
  'wall:control': {
    summary: 'Remote control of the walls: a console sends it, the server relays it to every dashboard.',
    payload: 'WallControl',
    ack: 'WallControlAck',
  },
} satisfies Record<keyof LiveClientToServer | keyof LiveServerToClient, SocketEvent>;

const INGEST_EVENTS = {
  'ingest:batch': {
    summary: 'A batch of events; the acknowledgement says, per event, accepted, duplicate or rejected.',
    payload: 'IngestBatch',
    ack: 'IngestBatchAck',
  },
} satisfies Record<keyof IngestClientToServer | keyof IngestServerToClient, SocketEvent>;

const REPLAY_EVENTS = {
  'replay:seek': {
    summary: 'Move the replay clock to `atMs`; the answer is the state of every event with tsMs ≤ atMs.',
    payload: 'ReplaySeek',
    ack: 'ReplaySnapshotAck',
  },
  'replay:play': {
    summary: 'Run the replay clock at a speed, pausing by itself at `untilMs`.',
    payload: 'ReplayPlay',
    ack: 'ReplayPositionAck',
  },
  'replay:pause': {
    summary: 'Stop the replay clock.',
    payload: 'ReplayPause',
    ack: 'ReplayPositionAck',
  },
  'replay:step': {
    summary: 'Advance to the time of the `count`-th next event.',
    payload: 'ReplayStep',
    ack: 'ReplaySnapshotAck',
  },
  'replay:jump': {
    summary: 'Seek to the next or the previous alert.',
    payload: 'ReplayJump',
    ack: 'ReplayJumpAck',
  },
  'replay:batch': {
    summary:
      'What the replay clock brought since the previous batch; the client acknowledges each once applied, and the next comes only then.',
    payload: 'ReplayBatch',
  },
} satisfies Record<keyof ReplayClientToServer | keyof ReplayServerToClient, SocketEvent>;

const NAMESPACES: Namespace[] = [
  {
    key: 'live',
    path: '/live',
    description:
      'Dashboards: subscribe to an area, then receive batched events with their seq range. Every message is charged to the socket and its principal; one past the allowance is answered `rate_limited` with `retryAfterMs`, and a socket that goes on to twice its allowance in a window is disconnected.',
    auth: 'LiveAuth',
    events: LIVE_EVENTS,
  },
  {
    key: 'ingest',
    path: '/ingest',
    description: 'Sources: send event batches over one connection, authenticated by an ingest token.',
    auth: 'IngestAuth',
    events: INGEST_EVENTS,
  },
  {
    key: 'replay',
    path: '/replay',
    description:
      'Analyst sessions: seek, play at a speed, pause, step and jump through the recorded log. Sessions are capped per principal and per server (the handshake is refused `rate_limited`), and commands are charged like `/live` messages.',
    auth: 'ReplayAuth',
    events: REPLAY_EVENTS,
  },
];

const EXTRA_SCHEMAS: Record<string, z.ZodType> = {
  AlertAckCommand,
  AlertAssignCommand,
  AlertResolveCommand,
  AlertShelveCommand,
  AlertUnshelveCommand,
  SiteOutOfServiceCommand,
  SiteInServiceCommand,
  WallControl,
  AlertCommandAck: ackOf(AlertCommandResult),
  WallControlAck: ackOf(WallControl),
  ReplayAuth,
  ReplaySeek,
  ReplayPlay,
  ReplayPause,
  ReplayStep,
  ReplayJump,
  ReplayBatch: ReplayBatchSchema,
  ReplaySnapshotAck: ackOf(ReplaySnapshotSchema),
  ReplayPositionAck: ackOf(ReplayPosition),
  ReplayJumpAck: ackOf(ReplayJumpResultSchema),
  LiveSubscribeAck: ackOf(LiveSnapshotSchema),
  LiveResyncAck: ackOf(LiveBatchSchema),
  IngestBatchAck: ackOf(IngestReport),
};

/** `live:subscribe` → `liveSubscribe`: AsyncAPI keys allow letters, digits, `.`, `-` and `_` only. */
const keyOf = (eventName: string) =>
  eventName.replace(/[^a-zA-Z0-9]+(.)/g, (_m, c: string) => c.toUpperCase());
const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The AsyncAPI 3 document of the Socket.IO namespaces and MQTT topics, generated on every call. */
export function buildAsyncApi(version: string): JsonSchema {
  const channels: Record<string, JsonSchema> = {};
  const operations: Record<string, JsonSchema> = {};
  const messages: Record<string, JsonSchema> = {};

  for (const ns of NAMESPACES) {
    const channelMessages: Record<string, JsonSchema> = {};
    const { clientToServer, serverToClient } = SOCKET_EVENTS[ns.path] as NamespaceEvents;
    for (const [name, ev] of Object.entries(ns.events)) {
      const key = keyOf(name);
      messages[key] = { name, title: name, summary: ev.summary, payload: schemaRef(ev.payload) };
      channelMessages[key] = { $ref: `#/components/messages/${key}` };
      if (ev.ack) {
        messages[`${key}Ack`] = {
          name: `${name} (ack)`,
          summary: `Acknowledgement of ${name}.`,
          payload: schemaRef(ev.ack),
        };
        channelMessages[`${key}Ack`] = { $ref: `#/components/messages/${key}Ack` };
      }
      const directions = [
        ...(clientToServer.includes(name) ? (['receive'] as const) : []),
        ...(serverToClient.includes(name) ? (['send'] as const) : []),
      ];
      for (const action of directions)
        operations[directions.length > 1 ? `${key}${action === 'receive' ? 'Receive' : 'Send'}` : key] = {
          action,
          channel: { $ref: `#/channels/${ns.key}` },
          summary: ev.summary,
          messages: [{ $ref: `#/channels/${ns.key}/messages/${key}` }],
          ...(ev.ack && action === 'receive'
            ? {
                reply: {
                  channel: { $ref: `#/channels/${ns.key}` },
                  messages: [{ $ref: `#/channels/${ns.key}/messages/${key}Ack` }],
                },
              }
            : {}),
        };
    }
    channels[ns.key] = {
      address: ns.path,
      title: `Socket.IO namespace ${ns.path}`,
      description: `${ns.description} Handshake \`auth\`: ${ns.auth} (see x-handshake-auth); a protocol version mismatch is refused with \`protocol_mismatch\`.`,
      servers: [{ $ref: '#/servers/ioc' }],
      messages: channelMessages,
      'x-handshake-auth': schemaRef(ns.auth),
    };
  }

  messages.sensorReading = {
    name: 'SensorReading',
    title: 'Sensor reading',
    summary:
      "One reading of a sensor at a site (the same envelope as every event), or an array of a gateway's readings of that site.",
    payload: { oneOf: [schemaRef('SensorReading'), { type: 'array', items: schemaRef('SensorReading') }] },
  };
  channels.sensorReadings = {
    address: SENSOR_TOPIC,
    title: 'MQTT sensor topic',
    description:
      'A sensor gateway publishes each reading (JSON) on the topic of its site; the server subscribes when MQTT_URL is set. ' +
      'Every reading carries the source configured for the broker (MQTT_SOURCE, default `mqtt`); one naming another ' +
      'source is refused. The server acknowledges (PUBACK) a message once its readings are durable, never before.',
    servers: [{ $ref: '#/servers/mqtt' }],
    parameters: { siteId: { description: 'The site id; equals `siteId` in the payload.' } },
    messages: { sensorReading: { $ref: '#/components/messages/sensorReading' } },
  };
  operations.sensorReading = {
    action: 'receive',
    channel: { $ref: '#/channels/sensorReadings' },
    summary: 'The server takes in sensor readings from the broker.',
    messages: [{ $ref: '#/channels/sensorReadings/messages/sensorReading' }],
  };

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Long An IOC real-time API',
      version,
      description:
        'Socket.IO 4 namespaces of the Intelligent Operations Center of Long An (dashboards and sources) and the ' +
        'MQTT topics it subscribes to. Operations are described from the server: `receive` = a client emits, ' +
        '`send` = the server emits. Commands answer with a Socket.IO acknowledgement `{ ok, data } | { ok: false, error }`.',
    },
    defaultContentType: 'application/json',
    servers: {
      ioc: {
        host: '{host}',
        protocol: 'ws',
        pathname: '/socket.io',
        description: 'Socket.IO 4 over WebSocket (Engine.IO 4), same port as the HTTP API.',
        variables: { host: { default: 'localhost:8080', description: 'Host and port of the IOC server.' } },
      },
      mqtt: {
        host: '{broker}',
        protocol: 'mqtt',
        description: 'The broker named by MQTT_URL.',
        variables: { broker: { default: 'localhost:1883', description: 'Host and port of the broker.' } },
      },
    },
    channels,
    operations,
    components: { schemas: componentSchemas('draft-07', EXTRA_SCHEMAS), messages },
  };
}
