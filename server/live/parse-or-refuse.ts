import type { z } from 'zod';
import type { Ack } from '../../protocol';
import { describeIssues } from '../ingest/describe-issues';

/**
 * The preamble of every socket command: parse the payload with its protocol schema and, when it does not parse,
 * answer `invalid_payload` with the reasons. The caller returns on `!result.success`; nothing else is said.
 */
export function parseOrRefuse<S extends z.ZodType>(
  schema: S,
  req: unknown,
  ack: (res: Ack<never>) => void,
): z.ZodSafeParseResult<z.output<S>> {
  const parsed = schema.safeParse(req) as z.ZodSafeParseResult<z.output<S>>;
  if (!parsed.success)
    ack({ ok: false, error: 'invalid_payload', details: describeIssues(parsed.error.issues) });
  return parsed;
}
