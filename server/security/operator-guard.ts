import type { RequestHandler } from 'express';
import type { Socket } from 'socket.io';
import { HttpError } from '../http/http-error';
import { bearerToken, tokenMatches } from './tokens';

/**
 * The right to act as an operator (acknowledge, assign or resolve alerts, change rules). Dashboards read
 * without it; anything that writes to the `ops` stream must pass one of these checks first.
 */
export interface OperatorGuard {
  /** Express middleware: 401 unless `Authorization: Bearer <operator token>`. */
  http: RequestHandler;
  /**
   * For a socket event handler: whether the socket's handshake carried `auth.operatorToken`. The handshake
   * runs again on every reconnection, recovered ones included (`skipMiddlewares: false`), so this reads the
   * token of the current connection.
   */
  socket(socket: Pick<Socket, 'handshake'>): boolean;
}

export function createOperatorGuard(tokens: readonly string[]): OperatorGuard {
  // With no operator token configured nobody is an operator: closed by default, never open by default.
  const valid = (token: unknown) =>
    typeof token === 'string' && tokens.length > 0 && tokenMatches(token, tokens);
  return {
    http: (req, _res, next) => {
      if (valid(bearerToken(req.get('authorization')))) return next();
      next(new HttpError(401, 'unauthorized', 'an operator token is required'));
    },
    socket: (socket) =>
      valid((socket.handshake.auth as { operatorToken?: unknown } | undefined)?.operatorToken),
  };
}
