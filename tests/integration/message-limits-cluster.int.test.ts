import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import type { Ack, LiveSnapshot } from '../../protocol';
import { startClusterNode, type ClusterNode } from './support/cluster-node';
import { freshSchema, REDIS_URL } from './support/services';
import { connectLive } from './support/test-server';

/**
 * On the scale path the `/live` and `/replay` allowances are counted in the shared Redis: a principal that
 * spreads its sockets over the nodes gets one allowance, not one per node.
 */
describe('message limits across the nodes of a cluster', () => {
  let nodes: ClusterNode[] = [];
  let drop: () => Promise<void> = async () => undefined;
  let redisPrefix = '';

  beforeAll(async () => {
    const s = await freshSchema();
    drop = s.drop;
    redisPrefix = `t-${s.schema}`;
    // Four subscribes (5 points each) per principal per window; a socket alone could afford ten.
    const security = { messageRateLimit: { windowMs: 60_000, perSocket: 50, perPrincipal: 20 } };
    nodes = [
      await startClusterNode({ schema: s.schema, redisPrefix, security }),
      await startClusterNode({ schema: s.schema, redisPrefix, security }),
    ];
  });

  afterAll(async () => {
    for (const n of nodes) await n.close();
    const redis = await createClient({ url: REDIS_URL }).connect();
    const keys = await redis.keys(`${redisPrefix}:*`);
    if (keys.length) await redis.del(keys);
    await redis.quit();
    await drop();
  });

  it('an allowance spent through one node is spent on the other too', async () => {
    // connectLive subscribes once: 5 points on node A.
    const a = await connectLive(nodes[0]!.url);
    const onA: Ack<LiveSnapshot>[] = [];
    for (let i = 0; i < 3; i++) onA.push(await a.socket.emitWithAck('live:subscribe', { area: '80' }));
    expect(onA.map((r) => r.ok)).toEqual([true, true, true]);
    // Node B has never seen this principal, yet its socket is refused: the count lives in Redis.
    await expect(connectLive(nodes[1]!.url)).rejects.toThrow(/subscribe failed: rate_limited/);
    a.socket.disconnect();
  });
});
