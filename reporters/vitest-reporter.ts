import { resolve } from 'node:path';
import type { Reporter, TestCase, TestModule, TestRunEndReason, Vitest } from 'vitest/node';
import { type Planned, scanResultOf, writeReports } from '../cli/run-scan.js';
import { PLAN_KEY, type ScanPlan } from '../core/plan.js';
import { CaseCollector } from './vitest-collector.js';

/** Where the mageprobe() config tells the reporter to write (an absolute directory). */
export const OUT_KEY = 'mageprobeOut';

declare module 'vitest' {
  export interface ProvidedContext {
    [OUT_KEY]: string;
  }
}

/**
 * mageprobe's JUnit, JSON and HTML reports from a team's own vitest run: the same files, cases
 * and evidence `mageprobe scan` writes. Added by the mageprobe() config, or by name:
 * `vitest run --reporter=default --reporter=mageprobe/reporter`.
 */
export class MageprobeReporter implements Reporter {
  private vitest: Vitest | undefined;
  private collector = new CaseCollector();
  private startedAt = new Date();

  constructor(private readonly options: { readonly out?: string } = {}) {}

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunStart(): void {
    this.collector = new CaseCollector();
    this.startedAt = new Date();
  }

  onTestCaseResult(testCase: TestCase): void {
    // A team test that is no mageprobe case (a unit test of its own) is not the scan's business.
    const meta = testCase.meta();
    if (meta.mageprobe || meta.mageprobeInternalError || meta.mageprobeCase) this.collector.onTestCaseResult(testCase);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<{ message?: string; cause?: unknown }>, reason: TestRunEndReason): void {
    const context = this.vitest?.getRootProject().getProvidedContext();
    const plan = context?.[PLAN_KEY];
    if (!plan) return;
    // The scan entry, every file of a team's own checks, and any file that did not load (a team's
    // check file refused for its ID loads nothing): what the reports must account for.
    const ours = modules.filter(
      (m) => isScanEntry(m) || [...m.children.allTests()].some((t) => t.meta().mageprobeCase) || (m.errors().length > 0 && ![...m.children.allTests()].length),
    );
    this.collector.onTestRunEnd(ours, unhandled);
    const finishedAt = new Date();
    const result = scanResultOf(plan, this.collector, {
      startedAt: this.startedAt,
      finishedAt,
      planned: plannedBy(ours, plan),
      ...(reason === 'interrupted' ? { stop: { kind: 'signal', signal: 'SIGINT', at: finishedAt } } : {}),
    });
    const out = resolve(this.options.out ?? context[OUT_KEY] ?? 'reports');
    writeReports(out, result);
    this.vitest?.logger.log(`mageprobe: ${result.cases.length} case(s) → ${out}/junit.xml, results.json, report.html, summary.md`);
  }
}

export default MageprobeReporter;

const isScanEntry = (m: TestModule) => m.moduleId.endsWith('/suites/scan.suite.ts');

/**
 * The cases this run meant to judge: every scan case vitest collected and did not filter out
 * (`-t HDR-01` leaves the rest unplanned, not lost), built-in or a team's own (core/suite.ts
 * declares each with its target and check). A case that never reported is then lost.
 */
function plannedBy(modules: readonly TestModule[], plan: ScanPlan): Planned[] {
  const planned: Planned[] = [];
  for (const m of modules) {
    for (const t of m.children.allTests()) {
      if (t.options.mode === 'skip' || t.options.mode === 'todo') continue;
      const declared = t.meta().mageprobeCase;
      const target = plan.targets.find((x) => x.name === declared?.target);
      if (declared && target) planned.push({ target, check: declared.check });
    }
  }
  return planned;
}
