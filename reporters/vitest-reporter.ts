import { resolve } from 'node:path';
import type { Reporter, TestCase, TestModule, TestRunEndReason, Vitest } from 'vitest/node';
import { CHECKS, type CheckSpec } from '../catalogue/checks.js';
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
    if (meta.mageprobe || meta.mageprobeInternalError || isScanEntry(testCase.module)) this.collector.onTestCaseResult(testCase);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<{ message?: string; cause?: unknown }>, reason: TestRunEndReason): void {
    const context = this.vitest?.getRootProject().getProvidedContext();
    const plan = context?.[PLAN_KEY];
    if (!plan) return;
    this.collector.onTestRunEnd(modules.filter(isScanEntry), unhandled);
    const finishedAt = new Date();
    const result = scanResultOf(plan, this.collector, {
      startedAt: this.startedAt,
      finishedAt,
      planned: plannedBy(modules.filter(isScanEntry), plan),
      ...(reason === 'interrupted' ? { stop: { kind: 'signal', signal: 'SIGINT', at: finishedAt } } : {}),
    });
    const out = resolve(this.options.out ?? context[OUT_KEY] ?? 'reports');
    writeReports(out, result);
    this.vitest?.logger.log(`mageprobe: ${result.cases.length} case(s) → ${out}/junit.xml, results.json, report.html`);
  }
}

export default MageprobeReporter;

const isScanEntry = (m: TestModule) => m.moduleId.endsWith('/suites/scan.suite.ts');

/**
 * The cases this run meant to judge: every scan case vitest collected and did not filter out
 * (`-t HDR-01` leaves the rest unplanned, not lost). A case that never reported is then lost.
 */
function plannedBy(modules: readonly TestModule[], plan: ScanPlan): Planned[] {
  const specs = new Map<string, CheckSpec>(CHECKS.map((c) => [c.id, c]));
  const planned: Planned[] = [];
  for (const m of modules) {
    for (const t of m.children.allTests()) {
      if (t.options.mode === 'skip' || t.options.mode === 'todo') continue;
      const check = specs.get(t.name.split(' ')[0]!);
      const targetSuite = t.parent.type === 'suite' && t.parent.parent.type === 'suite' ? t.parent.parent : undefined;
      const target = plan.targets.find((x) => x.name === targetSuite?.name);
      if (check && target) planned.push({ target, check });
    }
  }
  return planned;
}
