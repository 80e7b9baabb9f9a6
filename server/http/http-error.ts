import type { ErrorBody } from '../../protocol';

/** An error that becomes a JSON `{ error, details }` answer with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly details?: unknown,
  ) {
    super(error);
  }
  body(): ErrorBody {
    return this.details === undefined ? { error: this.error } : { error: this.error, details: this.details };
  }
}
