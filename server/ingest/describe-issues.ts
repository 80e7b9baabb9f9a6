import type { z } from 'zod';

/** At most this many problems are reported per item: a hostile message must not make a huge answer. */
const MAX_ISSUES = 5;

/** Turns zod issues into short `path: message` lines a source's operator can act on. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.slice(0, MAX_ISSUES).map((i) => {
    const path = i.path.map(String).join('.').slice(0, 80);
    return path ? `${path}: ${i.message}` : i.message;
  });
}
