import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { PROTOCOL_VERSION } from '../../protocol';

type HandshakeError = Error & { data?: unknown };

function refuse(message: string, data: unknown): HandshakeError {
  const err: HandshakeError = new Error(message);
  err.data = data;
  return err;
}

/**
 * Handshake middleware: the `auth` payload must match the namespace's schema and carry this server's
 * protocol version. A stale client is told why (`protocol_mismatch` with the server's version), so it can
 * offer a reload instead of misreading messages.
 */
export function protocolGuard<T extends { protocolVersion: number }>(
  schema: z.ZodType<T>,
  extra?: (auth: T) => HandshakeError | null,
) {
  return (socket: Socket, next: (err?: HandshakeError) => void) => {
    const parsed = schema.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(refuse('invalid_payload', { reason: 'handshake auth is malformed' }));
    if (parsed.data.protocolVersion !== PROTOCOL_VERSION) {
      return next(
        refuse('protocol_mismatch', {
          reason: `client speaks protocol ${parsed.data.protocolVersion}, server ${PROTOCOL_VERSION}`,
          serverVersion: PROTOCOL_VERSION,
        }),
      );
    }
    next(extra?.(parsed.data) ?? undefined);
  };
}

export { refuse };
