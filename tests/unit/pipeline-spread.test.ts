import { describe, expect, it } from 'vitest';
import {
  formatSpread,
  judgeRuns,
  PIPELINE_GOALS,
  spreadOf,
  type JudgedRun,
} from '../../testkit/pipeline-spread';

function run(sustained: number, p99Ms: number | null): JudgedRun {
  return { sustained, best: p99Ms === null ? null : { p50Ms: p99Ms / 2, p99Ms } };
}

describe('pipeline runs judged on the worst', () => {
  it('gives the min–max of the runs and fails when one run misses, though the best passes', () => {
    const v = judgeRuns([run(50_000, 120), run(30_000, 140), run(70_000, 90)], PIPELINE_GOALS.batched);
    expect(v.sustained).toEqual({ min: 30_000, max: 70_000 });
    expect(v.p99Ms).toEqual({ min: 90, max: 140 });
    expect(v.worst.sustained).toBe(30_000);
    expect(v.pass).toBe(false);
  });

  it('fails a run that sustained the rate with its p99 over the goal', () => {
    expect(judgeRuns([run(50_000, 120), run(50_000, 151)], PIPELINE_GOALS.batched).pass).toBe(false);
    expect(judgeRuns([run(50_000, 120), run(50_000, 150)], PIPELINE_GOALS.batched).pass).toBe(true);
  });

  it('fails a run that sustained nothing, and leaves it out of the latency spread', () => {
    const v = judgeRuns([run(20_000, 100), run(0, null)], PIPELINE_GOALS.single);
    expect(v.pass).toBe(false);
    expect(v.p99Ms).toEqual({ min: 100, max: 100 });
  });

  it('prints one figure when the runs agree and a dash when none has it', () => {
    const n = (x: number) => x.toLocaleString('en');
    expect(formatSpread(spreadOf([30_000, 50_000]), n)).toBe('30,000–50,000');
    expect(formatSpread(spreadOf([50_000, 50_000]), n)).toBe('50,000');
    expect(formatSpread(spreadOf([NaN]), n)).toBe('—');
  });
});
