import { describe, test } from 'vitest';
import { type CheckSpec, checkSpec } from '../catalogue/checks.js';
import { type AreaSuite, exitIsACrash as exitThrows, loadSelectedAreas, runCase, selectedChecks } from './cases.js';
import type { AreaChecks, Check } from './check.js';
import { type Engine, engineFor } from './engine.js';
import { readPlan, type ScanPlan } from './plan.js';
import './vitest-plan.js';

export type { AreaSuite } from './cases.js';

/** Judged but not held: vitest shows these as failures; the JUnit reporter maps them by outcome. */
class CheckNotHeld extends Error {
  override name = 'CheckNotHeld';
}

/**
 * Declares one vitest test per (target, selected check) of every area, all targets at once, each
 * target's checks on that target's one engine (engineFor). What suites/scan.suite.ts runs in a
 * team's vitest (mageprobe/vitest) and with `mageprobe scan --checks`.
 */
export async function defineScan(areas: readonly AreaSuite[]): Promise<void> {
  const plan = readPlan();
  declareCases(plan, await loadSelectedAreas(plan, areas));
}

/** Declares one area's cases for every target of the plan (fixture suites in the tests). */
export function defineSuite(area: AreaChecks): void {
  const plan = readPlan();
  declareCases(plan, selectedChecks(plan, [area]));
}

/** Every check of `selected` for every target of the plan, each target's on its one engine. */
function declareCases(plan: ScanPlan, selected: readonly AreaChecks[]): void {
  exitIsACrash();
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
 * One vitest test for one (target, check): a built-in one or a team's own (acceptance/check.ts),
 * run by runCase as `mageprobe scan` runs it. The verdict and its evidence travel to the reporters
 * in task.meta; the test's own state only mirrors the outcome. A check that crashed carries an
 * internal error instead, and its test fails with the crash.
 */
export function declareCase(engine: Engine, spec: CheckSpec, check: Check): void {
  test(`${spec.id} ${spec.title}`, { meta: { mageprobeCase: { target: engine.target.name, check: spec } } }, async ({ task, skip }) => {
    const result = await runCase(engine, spec, check);
    if ('internalError' in result) {
      task.meta.mageprobeInternalError = result.internalError;
      throw result.thrown;
    }
    const { verdict } = result.record;
    task.meta.mageprobe = result.record;
    if (verdict.outcome === 'not-applicable' || verdict.outcome === 'waived') skip(verdict.message);
    if (verdict.outcome === 'fail' || verdict.outcome === 'inconclusive') {
      throw new CheckNotHeld(`${verdict.outcome}: ${verdict.message}`);
    }
  });
}

/** A worker must outlive its checks: an exit inside one is a crash of that check, reported by name (for the worker's whole life). */
export function exitIsACrash(): void {
  exitThrows();
}
