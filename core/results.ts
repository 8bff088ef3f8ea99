import type { CaseRecord } from './case-record.js';
import type { Outcome } from './verdict.js';

/** Everything one scan found; what reporters render and results.json holds. */
export interface ScanResult {
  readonly tool: { readonly name: 'mageprobe'; readonly version: string };
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Host the scan ran from (the vantage point matters to SSH-01 and ADM-02). */
  readonly scanner: string;
  readonly cases: readonly CaseRecord[];
  /** Suite files that crashed: their checks never ran, so the scan cannot be called clean. */
  readonly internalErrors: readonly string[];
  /** Caveats about the whole scan (e.g. a stale release table); shown by every report, never a verdict. */
  readonly warnings: readonly string[];
}

export const OUTCOMES: readonly Outcome[] = ['pass', 'fail', 'inconclusive', 'not-applicable', 'waived'];

export function countOutcomes(cases: readonly CaseRecord[]): Record<Outcome, number> {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const c of cases) counts[c.verdict.outcome]++;
  return counts;
}

/** 0 nothing failed, 1 a check failed, 3 no failure but something inconclusive (2 is for usage errors). */
export function exitCodeFor(result: ScanResult): 0 | 1 | 3 {
  const counts = countOutcomes(result.cases);
  if (counts.fail > 0) return 1;
  if (counts.inconclusive > 0 || result.internalErrors.length > 0) return 3;
  return 0;
}
