// `npm start` builds first when the build is missing or older than any source file, so a fresh clone runs
// with one command and an edited checkout never serves stale code.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const outputs = ['dist/server/index.js', 'dist/client/index.html', 'dist/client/public.html'];
const sources = [
  'protocol',
  'server',
  'geo',
  'simulators',
  'sources',
  'reference',
  'client',
  'package.json',
  'vite.config.ts',
  'vite.public.config.ts',
];

function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

const builtAt = Math.min(...outputs.map((o) => (existsSync(o) ? statSync(o).mtimeMs : 0)));
if (builtAt === 0 || Math.max(...sources.map(newest)) > builtAt) {
  console.log('Building…');
  execSync('npm run build', { stdio: 'inherit' });
}
