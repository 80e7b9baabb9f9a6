import type { IncomingMessage } from 'node:http';

/**
 * Whether a Socket.IO request may proceed, judged by its `Origin`. Browsers send one and let any page open a
 * WebSocket anywhere (CORS does not apply), so a foreign page must not reach our sockets with the visitor's
 * network position; sources (gateways, scripts) send no Origin and are judged by their token instead.
 */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    // The page's own origin: same host and port as the request (also behind Vite's dev proxy).
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
