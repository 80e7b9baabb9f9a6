import type { Socket } from 'socket.io';
import type { Ack } from '../../protocol';
import type { ChargeResult, MessageLimiter } from './message-limiter';

export interface MessageGuard {
  limiter: MessageLimiter;
  /** Whose allowance a socket spends besides its own: the signed-in principal, or the address of an anonymous one. */
  principalKey: (socket: Socket) => string;
}

/** Points a message costs up front, before its handler runs; events not listed cost one. */
export type MessageCosts = Readonly<Record<string, number>>;

const socketKey = (socket: Socket) => `socket:${socket.id}`;

/** Resolved once per connection: the principal behind a cookie is a store lookup, not to be paid per message. */
const principals = new WeakMap<Socket, string>();
function principalOf(guard: MessageGuard, socket: Socket): string {
  let key = principals.get(socket);
  if (key === undefined) principals.set(socket, (key = guard.principalKey(socket)));
  return key;
}

function answer(args: unknown[], res: Ack<never>) {
  const ack = args.at(-1);
  if (typeof ack === 'function') (ack as (r: Ack<never>) => void)(res);
}

/**
 * Every incoming message of the socket is charged before its handler sees it; one over the allowance gets the
 * typed `rate_limited` answer with `retryAfterMs` (as ingest answers) and never reaches the handler. A socket
 * that goes on to twice its allowance in one window is disconnected.
 */
export function guardMessages(socket: Socket, guard: MessageGuard, costs: MessageCosts): void {
  socket.use(([event, ...args], next) => {
    guard.limiter.charge(socketKey(socket), principalOf(guard, socket), costs[event] ?? 1).then(
      ({ limited, retryAfterMs, flooding }) => {
        if (!limited) return next();
        answer(args, { ok: false, error: 'rate_limited', details: { retryAfterMs } });
        // Closed rather than answered message by message: what is still queued on the connection is then
        // dropped by the transport, unparsed, instead of costing one refusal each.
        if (flooding && socket.connected) socket.disconnect(true);
      },
      () => answer(args, { ok: false, error: 'internal' }),
    );
  });
}

/** Charges more for a message whose cost is known only once counted (a resync's gap), before the work. */
export function chargeMore(socket: Socket, guard: MessageGuard, points: number): Promise<ChargeResult> {
  if (points <= 0) return Promise.resolve({ limited: false, retryAfterMs: 0, flooding: false });
  return guard.limiter.charge(socketKey(socket), principalOf(guard, socket), points);
}

/** Lets timers, sockets and HTTP requests run before a message's work starts: no burst of them runs back to back. */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
