import { afterAll, describe, test } from 'vitest';
import { checkSpec } from '../catalogue/checks.js';
import type { CaseRecord } from './case-record.js';
import type { AreaChecks } from './check.js';
import { contextFor, runCheck } from './evaluate.js';
import { ExitCalled, internalErrorOf } from './internal-error.js';
import { readPlan, selects } from './plan.js';
import { scanStartFromEnv, targetBudget } from './target-budget.js';
import type { Verdict } from './verdict.js';

/** Judged but not held: vitest shows these as failures; the JUnit reporter maps them by outcome. */
class CheckNotHeld extends Error {
  override name = 'CheckNotHeld';
}

/**
 * Declares one vitest test per (target, check) of an area. The verdict and its evidence
 * travel to the reporters in task.meta; the test's own state only mirrors the outcome.
 * A check that crashed carries an internal error instead, and its test fails with the crash.
 */
export function defineSuite(area: AreaChecks): void {
  const plan = readPlan();
  // A worker must outlive its checks: an exit inside one is a crash of that check, reported by name.
  process.exit = (code?: unknown) => {
    throw new ExitCalled(code);
  };
  const scanStart = scanStartFromEnv();
  const checks = area.checks.filter((c) => selects(plan.only, c.id, area.area));
  if (checks.length === 0) {
    test.skip(`${area.area}: not selected`, () => undefined);
    return;
  }
  for (const target of plan.targets) {
    describe.concurrent(target.name, () => {
      const ctx = contextFor(target);
      const budget = targetBudget(target, scanStart);
      // Budget spent: drop the target's sockets at once; unfinished checks end inconclusive.
      void budget.spent.then(() => ctx.destroy());
      afterAll(async () => {
        budget.dispose();
        await ctx.close();
      });
      for (const check of checks) {
        const spec = checkSpec(check.id);
        test(`${spec.id} ${spec.title}`, async ({ task, skip }) => {
          const started = new Date();
          let verdict: Verdict;
          try {
            verdict = await runCheck(check, ctx, { budget });
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
    });
  }
}
