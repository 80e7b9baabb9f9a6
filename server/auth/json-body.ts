import express, { type RequestHandler } from 'express';
import type { z } from 'zod';
import { HttpError } from '../http/http-error';
import { describeIssues } from '../ingest/describe-issues';

/** Sign-in and admin bodies are a few hundred bytes; anything bigger is refused before it is parsed. */
export const smallJson: RequestHandler = express.json({ limit: '8kb', strict: true });

/** Validates a request body with its protocol schema. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, 'invalid_payload', describeIssues(parsed.error.issues));
  return parsed.data;
}
