import type { CheckSpec } from '../catalogue/checks.js';
import type { CaseInternalError } from './internal-error.js';
import type { Verdict } from './verdict.js';

/** What a suite attaches to each vitest test case (task.meta) for the reporters. */
export interface CaseRecord {
  readonly target: string;
  readonly url: string;
  readonly address?: string;
  readonly check: CheckSpec;
  readonly verdict: Verdict;
  readonly startedAt: string;
  readonly durationMs: number;
}

declare module '@vitest/runner' {
  interface TaskMeta {
    mageprobe?: CaseRecord;
    /** Set instead of `mageprobe` when the check's own code crashed (no verdict exists). */
    mageprobeInternalError?: CaseInternalError;
    /** Set when the case is declared: which check on which target it is, so a reporter can plan it before it runs. */
    mageprobeCase?: { readonly target: string; readonly check: CheckSpec };
  }
}

/** One key per (target, check) case: sets and maps of cases across runners, threads and reports. */
export const caseKey = (target: string, checkId: string): string => `${target}\u0000${checkId}`;
