import { constants } from 'node:os';
import type { Severity } from '../catalogue/checks.js';
import type { CaseRecord } from './case-record.js';
import type { InternalError } from './internal-error.js';
import { newFailures, type ScanChanges, SEVERITIES } from './scan-diff.js';
import type { Outcome } from './verdict.js';

/** Everything one scan found; what reporters render and results.json holds. */
export interface ScanResult {
  readonly tool: { readonly name: 'mageprobe'; readonly version: string };
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Host the scan ran from (the vantage point matters to SSH-01 and ADM-02). */
  readonly scanner: string;
  readonly cases: readonly CaseRecord[];
  /**
   * Bugs of mageprobe's own: a check that crashed, a worker that died, a suite file that failed
   * to load. Each names its target and check when the plan knows it; those cases have no verdict.
   */
  readonly internalErrors: readonly InternalError[];
  /** Set when a signal stopped the scan: the reports hold what finished; the rest is inconclusive. */
  readonly interrupted?: { readonly signal: 'SIGINT' | 'SIGTERM'; readonly at: string };
  /** Caveats about the whole scan (e.g. a stale release table); shown by every report, never a verdict. */
  readonly warnings: readonly string[];
  /**
   * Set by `scan --shard I/N`: this run is part `index` of `count` of the scan of `targets` (every
   * name, in file order), so `merge` can tell that all parts are there and order them as one run.
   */
  readonly shard?: { readonly index: number; readonly count: number; readonly targets: readonly string[] };
  /** Set by `scan --baseline PREVIOUS/results.json`: what changed since that scan (core/scan-diff.ts). */
  readonly changes?: ScanChanges;
  /** The targets file the scan read (absolute path) and its sha256, as the manifest records it; the report's cover shows it. */
  readonly targetsFile?: { readonly path: string; readonly sha256: string };
}

export const OUTCOMES: readonly Outcome[] = ['pass', 'fail', 'inconclusive', 'not-applicable', 'waived'];

export function countOutcomes(cases: readonly CaseRecord[]): Record<Outcome, number> {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const c of cases) counts[c.verdict.outcome]++;
  return counts;
}

/** Exit codes by precedence (CHECKS.md): an internal error beats a failure beats an inconclusive. */
export const EXIT = { clean: 0, failed: 1, usage: 2, inconclusive: 3, internalError: 4 } as const;

/**
 * What makes a failure exit 1 (`--fail-on`, `--min-severity`): any failure, or only the new ones
 * (failing now, not failing in the baseline), at or above a severity. The default: any failure at all.
 */
export interface FailPolicy {
  readonly failOn: 'any' | 'new';
  readonly minSeverity: Severity;
}
export const DEFAULT_FAIL_POLICY: FailPolicy = { failOn: 'any', minSeverity: SEVERITIES[0]! };

/** 4 an internal error, 1 a check failed (as the policy counts it), 3 no failure but something inconclusive, 0 clean. */
export function exitCodeFor(result: ScanResult, policy: FailPolicy = DEFAULT_FAIL_POLICY): 0 | 1 | 3 | 4 {
  if (result.internalErrors.length > 0) return EXIT.internalError;
  const counts = countOutcomes(result.cases);
  const floor = SEVERITIES.indexOf(policy.minSeverity);
  const failing =
    policy.failOn === 'new' && result.changes
      ? newFailures(result.changes, policy.minSeverity).length
      : result.cases.filter((c) => c.verdict.outcome === 'fail' && SEVERITIES.indexOf(c.check.severity) >= floor).length;
  if (failing > 0) return EXIT.failed;
  if (counts.inconclusive > 0) return EXIT.inconclusive;
  return EXIT.clean;
}

/** What a signal makes the scan exit with, as a shell reports it (128 + signal number). */
export function signalExitCode(signal: 'SIGINT' | 'SIGTERM'): number {
  return 128 + constants.signals[signal];
}
