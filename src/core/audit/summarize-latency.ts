// Latency statistics: the median (the middle value; the mean of the two middle ones for an even
// count) and the 90th percentile by nearest rank (the smallest value with at least 90% of the
// values at or below it), so p90 is always a latency that was observed.
import type { LatencySummary } from './audit-report.ts';

export function summarizeLatency(seconds: readonly number[]): LatencySummary {
  if (seconds.length === 0) return { count: 0, medianSeconds: null, p90Seconds: null };
  const sorted = [...seconds].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  const p90 = sorted[Math.ceil(0.9 * sorted.length) - 1] as number;
  return { count: sorted.length, medianSeconds: median, p90Seconds: p90 };
}
