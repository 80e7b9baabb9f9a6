// `npm run docs:api`: writes the generated documents to docs/api/, the snapshot the tests compare with.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { API_DOCS_DIR, SNAPSHOT_VERSION, snapshotText } from './snapshot';
import { buildAsyncApi } from './asyncapi';
import { buildOpenApi } from './openapi';

mkdirSync(API_DOCS_DIR, { recursive: true });
for (const [file, doc] of [
  ['openapi.json', buildOpenApi(SNAPSHOT_VERSION)],
  ['asyncapi.json', buildAsyncApi(SNAPSHOT_VERSION)],
] as const) {
  writeFileSync(path.join(API_DOCS_DIR, file), snapshotText(doc));
  console.log(`wrote ${path.join(API_DOCS_DIR, file)}`);
}
