import type { z } from 'zod';
import { describeIssues } from '../ingest/describe-issues';
import { HttpError } from './http-error';

/** Validates a query string with its protocol schema; repeated parameters are a client error, not an array. */
export function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw new HttpError(400, 'invalid_query', describeIssues(parsed.error.issues));
  return parsed.data;
}
