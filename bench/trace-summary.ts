/*
 * Self time per trace event on the page's main thread and on the GPU process's main thread, from a Chrome trace
 * (`BENCH_TRACE_DIR=dir npx tsx bench/live-points.ts …` writes one per page). Where a CPU profile says
 * "(program)", this tells style, layout and paint from waits on the GPU (`WaitForGetOffset`) and the GPU's own
 * work (`PutChanged`: the WebGL commands SwiftShader runs), with how often each happened.
 *   npx tsx bench/trace-summary.ts <file.trace.json> [top]
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

export interface ThreadSummary {
  thread: string;
  totalMs: number;
  events: { name: string; selfMs: number; count: number }[];
}

/** Self time (duration minus nested events) per event name, for each thread named in `threads`. */
export function summariseTrace(
  events: readonly TraceEvent[],
  threads = ['CrRendererMain', 'CrGpuMain'],
  top = 15,
): ThreadSummary[] {
  const names = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  const out: ThreadSummary[] = [];
  for (const [key, thread] of names) {
    if (!threads.includes(thread)) continue;
    const mine = events
      .filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === key)
      .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const self = new Map<string, { selfMs: number; count: number }>();
    const stack: { name: string; end: number }[] = [];
    for (const e of mine) {
      const dur = e.dur ?? 0;
      while (stack.length && stack.at(-1)!.end <= e.ts) stack.pop();
      const parent = stack.at(-1);
      if (parent) self.get(parent.name)!.selfMs -= dur / 1000;
      const s = self.get(e.name) ?? { selfMs: 0, count: 0 };
      s.selfMs += dur / 1000;
      s.count++;
      self.set(e.name, s);
      stack.push({ name: e.name, end: e.ts + dur });
    }
    const all = [...self].map(([name, s]) => ({ name, ...s }));
    out.push({
      thread,
      totalMs: all.reduce((t, s) => t + s.selfMs, 0),
      events: all.sort((a, b) => b.selfMs - a.selfMs).slice(0, top),
    });
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const raw = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as
    TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(raw) ? raw : raw.traceEvents;
  for (const t of summariseTrace(events, undefined, Number(process.argv[3] ?? 15))) {
    console.log(`${t.thread}: ${Math.round(t.totalMs)} ms busy`);
    for (const e of t.events)
      console.log(`  ${e.selfMs.toFixed(0).padStart(8)} ms ${String(e.count).padStart(6)}×  ${e.name}`);
  }
}
