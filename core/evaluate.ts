import type { AreaChecks, Check, CheckContext } from './check.js';
import { createEngine } from './engine.js';
import { CheckCrashed, describeThrown, isProgrammingError } from './internal-error.js';
import type { Target, Waiver } from './target.js';
import type { TargetBudget } from './target-budget.js';
import { inconclusive, type Verdict } from './verdict.js';

export interface RunOptions {
  readonly now?: Date;
  /** The target's time budget: when it is spent first, the check ends inconclusive. */
  readonly budget?: TargetBudget;
}

/**
 * Runs one check and applies waivers. A thrown error that is about the target (a socket error, a
 * parser rejecting the target's bytes) yields inconclusive, never pass; a programming error of
 * ours (TypeError, RangeError, failed assertion…) is no verdict at all: it throws CheckCrashed.
 */
export async function runCheck(check: Check, ctx: CheckContext, opts: RunOptions = {}): Promise<Verdict> {
  const { now = new Date(), budget } = opts;
  let verdict: Verdict;
  if (budget?.isSpent()) {
    verdict = await budget.spent;
  } else {
    const judged = judge(check, ctx);
    // A crash after the budget won the race is nobody's to report: the case already ended.
    judged.catch(() => undefined);
    verdict = budget ? await Promise.race([judged, budget.spent]) : await judged;
  }
  return applyWaiver(verdict, activeWaiver(ctx.target.waivers, check.id, now));
}

async function judge(check: Check, ctx: CheckContext): Promise<Verdict> {
  try {
    return await check.run(ctx);
  } catch (e) {
    if (isProgrammingError(e)) throw new CheckCrashed(check.id, e);
    return inconclusive(`probe error: ${describeThrown(e)}`);
  }
}

export function activeWaiver(waivers: readonly Waiver[], checkId: string, now: Date): Waiver | undefined {
  // A waiver is good through the end of its expiry day (UTC); an expired one is ignored.
  return waivers.find((w) => w.check === checkId && now.getTime() < Date.parse(`${w.expires}T23:59:59.999Z`));
}

function applyWaiver(verdict: Verdict, waiver: Waiver | undefined): Verdict {
  if (!waiver || verdict.outcome === 'waived' || verdict.outcome === 'pass') return verdict;
  return {
    outcome: 'waived',
    message: `waived until ${waiver.expires}: ${waiver.justification} (found: ${verdict.message})`,
    evidence: verdict.evidence,
    justification: waiver.justification,
    expires: waiver.expires,
    underlying: verdict,
  };
}

/** Every check of an area against one target on a fresh engine, in catalogue order; what tests call directly. */
export async function evaluateArea(area: AreaChecks, target: Target, only?: (id: string) => boolean): Promise<Map<string, Verdict>> {
  const ctx = createEngine(target);
  const results = new Map<string, Verdict>();
  const selected = area.checks.filter((c) => !only || only(c.id));
  try {
    await Promise.all(selected.map(async (c) => results.set(c.id, await runCheck(c, ctx))));
  } finally {
    await ctx.close();
  }
  return new Map(selected.map((c) => [c.id, results.get(c.id)!]));
}
