import { z } from 'zod';
import type { ItemsDiff, KeyedDiff, ObjectDiff, ValueOp } from './json-diff';

/**
 * The wire form of a {@link ValueOp} (protocol/json-diff.ts), for the API documentation and for any reader that
 * checks what it receives. Kept apart from the diff itself so the browser's bundle does not pull zod.
 */
export const ValueOpSchema: z.ZodType<ValueOp> = z.lazy(() =>
  z.union([
    z.tuple([z.literal('put'), z.unknown()]),
    z.tuple([z.literal('remove')]),
    z.tuple([z.literal('patch'), ObjectDiffSchema]),
    z.tuple([z.literal('keyed'), KeyedDiffSchema]),
    z.tuple([z.literal('items'), ItemsDiffSchema]),
  ]),
) as z.ZodType<ValueOp>;

export const ObjectDiffSchema: z.ZodType<ObjectDiff> = z
  .record(
    z.string(),
    z.lazy(() => ValueOpSchema),
  )
  .meta({
    id: 'ObjectDiff',
    description:
      'Per key: `["put", value]`, `["remove"]`, `["patch", ObjectDiff]`, `["keyed", {remove?, patch?, append?}]` (a list of records by `id`) or `["items", {length, at}]` (a list by index).',
  });

const KeyedDiffSchema: z.ZodType<KeyedDiff> = z.object({
  remove: z.array(z.string()).optional(),
  patch: z.record(z.string(), ObjectDiffSchema).optional(),
  append: z.array(z.unknown()).optional(),
});

const ItemsDiffSchema: z.ZodType<ItemsDiff> = z.object({
  length: z.number().int().min(0),
  at: z.record(
    z.string(),
    z.lazy(() => ValueOpSchema),
  ),
});
