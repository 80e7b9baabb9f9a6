import { HttpError } from './http-error';

/** What body-parser (and the http-errors it throws) puts on an error. */
interface ClientErrorLike {
  type?: unknown;
  status?: unknown;
  expose?: unknown;
  code?: unknown;
  message?: unknown;
}

const ENCODINGS = 'identity, gzip, deflate or br';

/**
 * A request body refused before any route saw it, as the contract's JSON 4xx: bad JSON, too large, an encoding
 * or charset the server does not read, or a body that is not what its `Content-Encoding` says (zlib's errors
 * carry a 400 but no `type`, so they used to reach the catch-all and answer 500). Null for anything else:
 * a server fault stays a 500.
 */
export function bodyRefusal(err: unknown): HttpError | null {
  if (err instanceof HttpError || typeof err !== 'object' || err === null) return null;
  const e = err as ClientErrorLike;
  if (typeof e.status !== 'number' || e.status < 400 || e.status >= 500 || e.expose !== true) return null;
  const message = String(e.message).slice(0, 200);
  if (e.type === 'entity.parse.failed') return new HttpError(400, 'invalid_json', message);
  if (e.status === 413) return new HttpError(413, 'payload_too_large', message);
  if (e.type === 'encoding.unsupported')
    return new HttpError(415, 'unsupported_encoding', `${message}; send ${ENCODINGS}`);
  if (e.type === 'charset.unsupported') return new HttpError(415, 'unsupported_charset', message);
  // Decompression failed: the body is not gzip (deflate, br) although its header says so.
  if (e.type === undefined && typeof e.code === 'string')
    return new HttpError(
      400,
      'invalid_encoding',
      `the body does not match its Content-Encoding (${message})`,
    );
  return new HttpError(e.status, typeof e.type === 'string' ? e.type : 'bad_request', message);
}
