import type { RequestHandler } from 'express';
import type { Socket } from 'socket.io';

/**
 * The right to act as an operator (acknowledge, assign or resolve alerts, steer the wall), for code that
 * builds its own routes or handles socket events: a session with the operator or admin role, or an
 * `OPERATOR_TOKENS` token. Built from the access policy in `app.ts` (server/auth/access.ts), so there is one
 * judgement of who is an operator; the server's own routes declare their right (server/http/guarded-router.ts).
 */
export interface OperatorGuard {
  /** Express middleware: 401 without a principal, 403 for a principal without the right. */
  http: RequestHandler;
  /**
   * For a socket event handler: whether the socket's session, or the operator token of its handshake, carries
   * the right now. The handshake runs again on every reconnection, recovered ones included
   * (`skipMiddlewares: false`); the session is read again on each call.
   */
  socket(socket: Pick<Socket, 'handshake'>): boolean;
}
