import type { IngestClientToServer, IngestServerToClient } from './ingest.schema';
import type { LiveClientToServer, LiveServerToClient } from './live.schema';
import type { ReplayClientToServer, ReplayServerToClient } from './replay.schema';

/**
 * The event names of each Socket.IO namespace as values, for what types cannot do at run time: the server's
 * handlers and the AsyncAPI document are both checked against these lists (tests/integration/api-docs), and
 * each list is checked against its event map at compile time, so an event added to a map and not here (or
 * the reverse) fails `tsc`.
 */
const namesOf =
  <M>() =>
  <const L extends readonly (keyof M & string)[]>(
    list: L &
      ([Exclude<keyof M, L[number]>] extends [never] ? unknown : { missing: Exclude<keyof M, L[number]> }),
  ): L =>
    list;

/** `clientToServer`: the client emits and the server handles; `serverToClient`: the server emits. */
export interface NamespaceEvents {
  clientToServer: readonly string[];
  serverToClient: readonly string[];
}

export const SOCKET_EVENTS = {
  '/live': {
    clientToServer: namesOf<LiveClientToServer>()([
      'live:subscribe',
      'live:resync',
      'alert:ack',
      'alert:assign',
      'alert:resolve',
      'alert:shelve',
      'alert:unshelve',
      'site:out-of-service',
      'site:in-service',
      'wall:control',
    ]),
    serverToClient: namesOf<LiveServerToClient>()(['live:batch', 'live:clock', 'live:areas', 'wall:control']),
  },
  '/ingest': {
    clientToServer: namesOf<IngestClientToServer>()(['ingest:batch']),
    serverToClient: namesOf<IngestServerToClient>()([]),
  },
  '/replay': {
    clientToServer: namesOf<ReplayClientToServer>()([
      'replay:seek',
      'replay:play',
      'replay:pause',
      'replay:step',
      'replay:jump',
    ]),
    serverToClient: namesOf<ReplayServerToClient>()(['replay:batch']),
  },
} as const satisfies Record<string, NamespaceEvents>;
export type SocketNamespace = keyof typeof SOCKET_EVENTS;

/** Sensors publish readings on `ioc/sensors/<siteId>`: one reading, or an array of a gateway's readings. */
export const SENSOR_TOPIC_ROOT = 'ioc/sensors';
/** The topic as AsyncAPI writes a channel address. */
export const SENSOR_TOPIC = `${SENSOR_TOPIC_ROOT}/{siteId}`;
