import type { AreaChecks, Check, CheckContext } from './check.js';
import type { Target, Waiver } from './target.js';
import { inconclusive, type Verdict } from './verdict.js';

/** Facts memoised per target, shared by the checks of one area. */
export function contextFor(target: Target): CheckContext {
  const memo = new Map<string, Promise<unknown>>();
  return {
    target,
    fact<T>(key: string, gather: () => Promise<T>): Promise<T> {
      let found = memo.get(key) as Promise<T> | undefined;
      if (!found) {
        found = gather();
        memo.set(key, found);
      }
      return found;
    },
    async close() {
      const facts = await Promise.allSettled(memo.values());
      await Promise.allSettled(
        facts.map((f) => (f.status === 'fulfilled' && hasClose(f.value) ? f.value.close() : undefined)),
      );
    },
  };
}

function hasClose(v: unknown): v is { close(): unknown } {
  return typeof v === 'object' && v !== null && typeof (v as { close?: unknown }).close === 'function';
}

/** Runs one check; a probe that throws yields inconclusive, never pass. Applies waivers. */
export async function runCheck(check: Check, ctx: CheckContext, now = new Date()): Promise<Verdict> {
  let verdict: Verdict;
  try {
    verdict = await check.run(ctx);
  } catch (e) {
    verdict = inconclusive(`probe error: ${(e as Error).message}`);
  }
  return applyWaiver(verdict, activeWaiver(ctx.target.waivers, check.id, now));
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

/** Every check of an area against one target, in catalogue order; what tests call directly. */
export async function evaluateArea(area: AreaChecks, target: Target, only?: (id: string) => boolean): Promise<Map<string, Verdict>> {
  const ctx = contextFor(target);
  const results = new Map<string, Verdict>();
  const selected = area.checks.filter((c) => !only || only(c.id));
  await Promise.all(selected.map(async (c) => results.set(c.id, await runCheck(c, ctx))));
  await ctx.close();
  return new Map(selected.map((c) => [c.id, results.get(c.id)!]));
}
