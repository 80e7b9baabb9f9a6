import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pkg from '../../package.json';

export const API_DOCS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/api');
/** The snapshot carries the package version, so a release that changes no schema changes no snapshot but this. */
export const SNAPSHOT_VERSION = pkg.version;
export const snapshotText = (doc: unknown) => JSON.stringify(doc, null, 2) + '\n';
