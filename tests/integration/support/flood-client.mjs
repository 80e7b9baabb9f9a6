// A client in its own process, so that what a flood costs the server is measured on the server's event loop
// alone: `node flood-client.mjs <url> <namespace> <json: [[event, payload, count], …]> [json: auth]`.
// Prints one JSON line: the answer of every message, in the order sent ("ok", the error reason, or
// "disconnected" once the server closed the socket), the first
// answer of each kind, and the bytes received.
import { io } from 'socket.io-client';

const [url, nsp, plan, auth = '{}'] = process.argv.slice(2);
const socket = io(`${url}${nsp}`, {
  auth: { protocolVersion: Number(process.env.PROTOCOL_VERSION), ...JSON.parse(auth) },
  transports: ['websocket'],
  forceNew: true,
});
let bytes = 0;
await new Promise((resolve, reject) => {
  socket.once('connect', resolve);
  socket.once('connect_error', reject);
});
socket.io.engine.on('data', (d) => (bytes += typeof d === 'string' ? d.length : d.byteLength));
const answers = [];
const first = {};
// A server that closes a flooding socket answers nothing more: what was still unanswered counts as "disconnected".
const closed = new Promise((resolve) =>
  socket.once('disconnect', () => resolve({ ok: false, error: 'disconnected' })),
);
for (const [event, payload, count] of JSON.parse(plan)) {
  const sent = Array.from({ length: count }, () =>
    Promise.race([socket.connected ? socket.timeout(60_000).emitWithAck(event, payload) : closed, closed]),
  );
  for (const res of await Promise.all(sent)) {
    const kind = res.ok ? 'ok' : res.error;
    answers.push(kind);
    first[kind] ??= res.ok ? { ok: true } : res;
  }
}
socket.disconnect();
process.stdout.write(JSON.stringify({ answers, first, bytes }) + '\n');
process.exit(0);
