import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SENSOR_SITES } from '../geo';
import { connectIngest } from '../sources/ingest-client';
import { connectMqttPublisher, isReading } from './mqtt-publisher';
import { createSimulation } from './plan';
import { runLive } from './runner';

const HELP = `Runs the simulators as a separate source against a running server, through /ingest.

  npm run sim -- --url http://localhost:8080 --token TOKEN [--seed 2021] [--start ISO] [--speed 1] [--duration S]

  --token   an ingest token (default: the content of ./data/ingest-token)
  --start   scenario start (default 2021-08-01T08:00:00+07:00)
  --speed   scenario seconds per real second (default 1)
  --duration stop after this many real seconds (default: run until Ctrl-C)
  --source-prefix  prefix of the source names, so two runs do not collide with the in-process simulator
  --transport socket|mqtt  mqtt: sensor readings are published on ioc/sensors/<siteId> (QoS 1), as field
            devices would; dossiers and COVID reports still go through /ingest (default socket). The server
            takes them when its MQTT_SOURCE is <source-prefix>sim-sensor
  --mqtt-url broker for --transport mqtt (default mqtt://localhost:1883)`;

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:8080' },
    token: { type: 'string' },
    seed: { type: 'string', default: '2021' },
    start: { type: 'string', default: '2021-08-01T08:00:00+07:00' },
    speed: { type: 'string', default: '1' },
    duration: { type: 'string' },
    'source-prefix': { type: 'string', default: 'ext-' },
    transport: { type: 'string', default: 'socket' },
    'mqtt-url': { type: 'string', default: 'mqtt://localhost:1883' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const token = values.token ?? readFileSync('data/ingest-token', 'utf8').trim();
const startMs = Date.parse(values.start);
const speed = Number(values.speed);
if (Number.isNaN(startMs) || !(speed > 0)) {
  console.error('--start must be an ISO date-time and --speed a positive number\n\n' + HELP);
  process.exit(2);
}

const client = await connectIngest(values.url, token);
if (values.transport !== 'socket' && values.transport !== 'mqtt') {
  console.error(`--transport must be socket or mqtt, got "${values.transport}"\n\n` + HELP);
  process.exit(2);
}
const mqttOut = values.transport === 'mqtt' ? await connectMqttPublisher(values['mqtt-url']) : null;
const sim = createSimulation({
  seed: Number(values.seed),
  sites: SENSOR_SITES,
  sensorHistoryFromMs: startMs,
  historyFromMs: startMs,
});
const realStart = Date.now();
const prefix = values['source-prefix'];
let sent = 0;
const runner = runLive(
  sim,
  () => startMs + (Date.now() - realStart) * speed,
  startMs,
  async (events) => {
    const renamed = events.map((e) => ({ ...e, source: prefix + e.source }));
    // Over MQTT the broker acknowledges a reading; the server's verdict is in its log and /metrics.
    if (mqttOut) sent += await mqttOut.publish(renamed.filter(isReading));
    const report = await client.send(mqttOut ? renamed.filter((e) => !isReading(e)) : renamed);
    sent += report.accepted;
    for (const r of report.results) if (r.status === 'rejected') console.error('rejected', r);
  },
);
const status = setInterval(
  () => console.log(`sent ${sent} events, scenario ${new Date(runner.cursorMs()).toISOString()}`),
  5000,
);
const stop = async () => {
  clearInterval(status);
  await runner.stop();
  client.close();
  await mqttOut?.close();
  console.log(`done: ${sent} events accepted`);
  process.exit(0);
};
process.on('SIGINT', () => void stop());
if (values.duration) setTimeout(() => void stop(), Number(values.duration) * 1000);
