import { describe, test } from 'vitest';
import { type Area, CHECKS, type CheckSpec, checkSpec } from '../catalogue/checks.js';
import type { CaseRecord } from './case-record.js';
import type { AreaChecks, Check } from './check.js';
import { type Engine, engineFor } from './engine.js';
import { runCheck } from './evaluate.js';
import { ExitCalled, internalErrorOf } from './internal-error.js';
import { readPlan, type ScanPlan, selects } from './plan.js';
import type { Verdict } from './verdict.js';

/** An area as the scan entry lists it: loaded only when the plan selects one of its checks. */
export interface AreaSuite {
  readonly area: Area;
  readonly load: () => Promise<AreaChecks>;
}

/** Judged but not held: vitest shows these as failures; the JUnit reporter maps them by outcome. */
class CheckNotHeld extends Error {
  override name = 'CheckNotHeld';
}

/**
 * Declares one vitest test per (target, selected check) of every area, all targets at once, each
 * target's checks on that target's one engine (engineFor). What suites/scan.suite.ts runs.
 */
export async function defineScan(areas: readonly AreaSuite[]): Promise<void> {
  const plan = readPlan();
  const wanted = areas.filter((a) => CHECKS.some((c) => c.area === a.area && selects(plan.only, c.id, a.area)));
  declareCases(plan, await Promise.all(wanted.map((a) => a.load())));
}

/** Declares one area's cases for every target of the plan (fixture suites in the tests). */
export function defineSuite(area: AreaChecks): void {
  declareCases(readPlan(), [area]);
}

/** Every selected check of `areas` for every target of the plan, each target's on its one engine. */
function declareCases(plan: ScanPlan, areas: readonly AreaChecks[]): void {
  exitIsACrash();
  const selected = areas.map((a) => ({ area: a.area, checks: a.checks.filter((c) => selects(plan.only, c.id, a.area)) })).filter((a) => a.checks.length > 0);
  if (selected.length === 0) {
    test.skip('mageprobe: no check selected', () => undefined);
    return;
  }
  for (const target of plan.targets) {
    describe.concurrent(target.name, () => {
      const engine = engineFor(target);
      for (const area of selected) {
        describe(area.area, () => {
          for (const check of area.checks) declareCase(engine, checkSpec(check.id), check);
        });
      }
    });
  }
}

/**
 * One vitest test for one (target, check): a built-in one or a team's own (acceptance/check.ts).
 * The verdict and its evidence travel to the reporters in task.meta; the test's own state only
 * mirrors the outcome. A check that crashed carries an internal error instead, and its test
 * fails with the crash.
 */
export function declareCase(engine: Engine, spec: CheckSpec, check: Check): void {
  const target = engine.target;
  test(`${spec.id} ${spec.title}`, { meta: { mageprobeCase: { target: target.name, check: spec } } }, async ({ task, skip }) => {
    const started = new Date();
    let verdict: Verdict;
    try {
      verdict = await runCheck(check, engine, { budget: engine.budget });
    } catch (e) {
      task.meta.mageprobeInternalError = internalErrorOf(e, target.name, spec);
      throw e;
    }
    const record: CaseRecord = {
      target: target.name,
      url: target.url,
      ...(target.address ? { address: target.address } : {}),
      check: spec,
      verdict,
      startedAt: started.toISOString(),
      durationMs: Date.now() - started.getTime(),
    };
    task.meta.mageprobe = record;
    if (verdict.outcome === 'not-applicable' || verdict.outcome === 'waived') skip(verdict.message);
    if (verdict.outcome === 'fail' || verdict.outcome === 'inconclusive') {
      throw new CheckNotHeld(`${verdict.outcome}: ${verdict.message}`);
    }
  });
}

/** A worker must outlive its checks: an exit inside one is a crash of that check, reported by name. */
export function exitIsACrash(): void {
  process.exit = (code?: unknown) => {
    throw new ExitCalled(code);
  };
}
