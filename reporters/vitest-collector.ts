import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { CaseRecord } from '../core/case-record.js';
import type { CaseInternalError } from '../core/internal-error.js';

/**
 * Bridges vitest to mageprobe's reporters: gathers each case's record (task.meta) as it
 * finishes, and anything that crashed without one. Knows nothing of particular checks.
 */
export class CaseCollector implements Reporter {
  readonly cases: CaseRecord[] = [];
  /** Crashes named by their case (the suite recorded which check broke). */
  readonly internalErrors: CaseInternalError[] = [];
  /** Crashes no case claims: a suite file that did not load, a worker that died, an unhandled error. */
  readonly unattributed: string[] = [];

  /** Set when the scan stops its own workers: the errors that follow are of our making, not bugs. */
  halted = false;

  constructor(private readonly onCase: (c: CaseRecord) => void = () => undefined) {}

  onTestCaseResult(testCase: TestCase): void {
    const meta = testCase.meta();
    if (meta.mageprobe) {
      this.cases.push(meta.mageprobe);
      this.onCase(meta.mageprobe);
      return;
    }
    if (meta.mageprobeInternalError) {
      this.internalErrors.push(meta.mageprobeInternalError);
      return;
    }
    const result = testCase.result();
    if (result.state === 'failed') {
      this.unattributed.push(`${testCase.fullName}: ${result.errors.map((e) => e.message).join('; ')}`);
    }
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<{ message?: string; cause?: unknown }>): void {
    if (this.halted) return;
    for (const m of modules) {
      for (const e of m.errors()) this.unattributed.push(`${m.moduleId}: ${e.message}`);
    }
    for (const e of unhandled) {
      const cause = (e.cause as { message?: string } | undefined)?.message;
      this.unattributed.push(`unhandled: ${e.message ?? String(e)}${cause ? ` (${cause})` : ''}`);
    }
  }
}
