/*
 * A flat summary of a V8 CPU profile (`node --cpu-prof`): self time per function and per file, heaviest first.
 * `npx tsx bench/profile-summary.ts <file.cpuprofile> [top]`
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  name: string;
  ms: number;
  share: number;
}

const shortUrl = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, 'npm:')
    .replace(/^.*?\/(?=(server|protocol|simulators|geo|bench)\/)/, '');

/** Self time by function (`name file:line`) and by file, from the samples and their time deltas. */
export function summariseProfile(
  profile: CpuProfile,
  top = 25,
): { functions: ProfileLine[]; files: ProfileLine[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const fn = new Map<string, number>();
  const file = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '(native)';
    const key = `${functionName || '(anonymous)'} ${where}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    const f = url ? shortUrl(url) : functionName || '(native)';
    file.set(f, (file.get(f) ?? 0) + us);
  });
  const lines = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
  return { functions: lines(fn), files: lines(file) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const profile = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as CpuProfile;
  const { functions, files } = summariseProfile(profile, Number(process.argv[3] ?? 25));
  const print = (title: string, rows: ProfileLine[]) => {
    console.log(title);
    for (const r of rows)
      console.log(
        `${(r.share * 100).toFixed(1).padStart(5)} %  ${r.ms.toFixed(0).padStart(7)} ms  ${r.name}`,
      );
  };
  print('self time by function', functions);
  print('\nself time by file', files);
}
