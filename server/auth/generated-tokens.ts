import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';

/** Tokens from the environment or, on embedded defaults, one random token kept (mode 600) in `file`. */
function tokensOrGenerated(fromEnv: string[], file: string): string[] {
  if (fromEnv.length) return fromEnv;
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url') + '\n', { mode: 0o600 });
  return [readFileSync(file, 'utf8').trim()];
}

/**
 * Done by the server at start, not while loading configuration: creates the data directory and, for tokens the
 * environment does not give, a random one kept in it — so `npm run sim` can read the ingest token, acknowledging
 * an alert always takes a right, and no well-known token ever ships.
 */
export function withGeneratedTokens(config: Config): Config {
  mkdirSync(config.dataDir, { recursive: true });
  return {
    ...config,
    ingestTokens: tokensOrGenerated(config.ingestTokens, path.join(config.dataDir, 'ingest-token')),
    operatorTokens: tokensOrGenerated(config.operatorTokens, path.join(config.dataDir, 'operator-token')),
  };
}
