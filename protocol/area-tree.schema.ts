import { z } from 'zod';
import { AreaCode } from './events.schema';

/**
 * The area tree a server folds with: for every code it knows, the code and every unit above it, over all the
 * area sets it holds (a code may sit under different units in different sets, so a chain is given, not a
 * parent). `version` grows whenever a set joins while the server runs; a dashboard folds resync answers and
 * replay batches with the tree of the highest version it has been sent, so its figures equal the server's.
 */
export const AreaTree = z.strictObject({
  version: z.number().int().min(0),
  chains: z.record(AreaCode, z.array(AreaCode).min(1)),
});
export type AreaTree = z.infer<typeof AreaTree>;
