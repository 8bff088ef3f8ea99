import { afterAll, describe, test } from 'vitest';
import { checkSpec } from '../catalogue/checks.js';
import type { CaseRecord } from './case-record.js';
import type { AreaChecks } from './check.js';
import { contextFor, runCheck } from './evaluate.js';
import { readPlan, selects } from './plan.js';

/** Judged but not held: vitest shows these as failures; the JUnit reporter maps them by outcome. */
class CheckNotHeld extends Error {
  override name = 'CheckNotHeld';
}

/**
 * Declares one vitest test per (target, check) of an area. The verdict and its evidence
 * travel to the reporters in task.meta; the test's own state only mirrors the outcome.
 */
export function defineSuite(area: AreaChecks): void {
  const plan = readPlan();
  const checks = area.checks.filter((c) => selects(plan.only, c.id, area.area));
  if (checks.length === 0) {
    test.skip(`${area.area}: not selected`, () => undefined);
    return;
  }
  for (const target of plan.targets) {
    describe.concurrent(target.name, () => {
      const ctx = contextFor(target);
      afterAll(() => ctx.close());
      for (const check of checks) {
        const spec = checkSpec(check.id);
        test(`${spec.id} ${spec.title}`, async ({ task, skip }) => {
          const started = new Date();
          const verdict = await runCheck(check, ctx);
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
