import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import pg from 'pg';

/** The machine's real services (CI runs on the same machine); overridable for another setup. */
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const MQTT_URL = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';

const HOW_TO_START: Record<string, string> = {
  PostgreSQL: 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
  Redis: 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
  Mosquitto: 'mosquitto -d -c /etc/mosquitto/mosquitto.conf',
};

/**
 * Fails (never skips) when a service the scale path needs is not reachable, with the command that starts it:
 * a scale-path test that silently skipped would hide a broken deployment.
 */
export async function requireService(name: keyof typeof HOW_TO_START & string, url: string): Promise<void> {
  const u = new URL(url);
  const port = Number(u.port);
  await new Promise<void>((resolve, reject) => {
    const s = connect({ host: u.hostname, port }, () => {
      s.end();
      resolve();
    });
    s.setTimeout(3000, () => s.destroy(new Error('timeout')));
    s.on('error', (err) =>
      reject(
        new Error(
          `${name} is not reachable at ${u.hostname}:${port} (${err.message}); these tests need it. ` +
            `Start it with: ${HOW_TO_START[name]}`,
        ),
      ),
    );
  });
}

/** A schema of its own on database `test`, so parallel test files and runs never see each other's rows. */
export async function freshSchema(): Promise<{ schema: string; drop(): Promise<void> }> {
  await requireService('PostgreSQL', PG_URL);
  const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    schema,
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}
