import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { CaseRecord } from '../core/case-record.js';

/**
 * Bridges vitest to mageprobe's reporters: gathers each case's record (task.meta) as it
 * finishes, and anything that crashed without one. Knows nothing of particular checks.
 */
export class CaseCollector implements Reporter {
  readonly cases: CaseRecord[] = [];
  readonly internalErrors: string[] = [];

  constructor(private readonly onCase: (c: CaseRecord) => void = () => undefined) {}

  onTestCaseResult(testCase: TestCase): void {
    const record = testCase.meta().mageprobe;
    if (record) {
      this.cases.push(record);
      this.onCase(record);
      return;
    }
    const result = testCase.result();
    if (result.state === 'failed') {
      this.internalErrors.push(`${testCase.fullName}: ${result.errors.map((e) => e.message).join('; ')}`);
    }
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<{ message?: string }>): void {
    for (const m of modules) {
      for (const e of m.errors()) this.internalErrors.push(`${m.moduleId}: ${e.message}`);
    }
    for (const e of unhandled) this.internalErrors.push(`unhandled: ${e.message ?? String(e)}`);
  }
}
