import { describe, test } from 'vitest';
import type { CustomCheckSpec } from '../catalogue/checks.js';
import type { Check, CheckContext } from '../core/check.js';
import { runCheck } from '../core/evaluate.js';
import { engineFor } from '../core/engine.js';
import { readPlan, selects } from '../core/plan.js';
import { OUTCOMES } from '../core/results.js';
import { declareCase, exitIsACrash } from '../core/suite.js';
import type { Verdict } from '../core/verdict.js';
import { declaring } from './declaring.js';
import './matchers.js';
import { customSpec, type CheckDeclaration } from './spec.js';
import { Store } from './store.js';

/** A team's check: judge the target through `store` (matchers, probes) and return nothing or a verdict. */
export type CheckBody = (store: Store) => Promise<Verdict | void> | Verdict | void;

/**
 * Declares a team's own acceptance check: one vitest test per target of the plan, named and
 * reported exactly like a built-in check (`<ID> <title>`, task.meta.mageprobe, waivers from the
 * targets file, the target's time budget, internal errors as such). An ID that is malformed, the
 * catalogue's, or in a catalogue prefix is refused here, before any traffic.
 */
export function check(declaration: CheckDeclaration, body: CheckBody): void {
  const spec = customSpec(declaration);
  const declared = declaring();
  if (declared) {
    // The CLI is reading the file for its IDs: nothing is run.
    declared.push(spec);
    return;
  }
  defineCustomCheck(spec, body);
}

/** The check as the engine runs any check: runCheck applies waivers and the budget, and tells bugs from verdicts. */
export function asCheck(spec: CustomCheckSpec, body: CheckBody): Check {
  return { id: spec.id, run: (ctx) => judgeWith(spec, body, ctx) };
}

/** Runs the body against a fresh store for this case and turns what happened into its verdict. */
export async function judgeWith(spec: CustomCheckSpec, body: CheckBody, ctx: CheckContext): Promise<Verdict> {
  const store = new Store(ctx, spec);
  let returned: Verdict | void;
  try {
    returned = await body(store);
  } catch (e) {
    const verdict = store.verdictAfter(e);
    if (verdict) return verdict;
    throw e;
  }
  if (returned !== undefined && !isVerdict(returned)) throw new TypeError(`${spec.id}: the check returned ${typeof returned}, not a verdict (return store.pass(…), store.fail(…) or nothing)`);
  return store.verdict(returned ?? undefined);
}

function isVerdict(x: unknown): x is Verdict {
  return typeof x === 'object' && x !== null && OUTCOMES.includes((x as { outcome?: never }).outcome!) && Array.isArray((x as { evidence?: unknown }).evidence);
}

function defineCustomCheck(spec: CustomCheckSpec, body: CheckBody): void {
  const plan = readPlan();
  exitIsACrash();
  if (!selects(plan.only, spec.id, spec.area)) {
    test.skip(`${spec.id} ${spec.title}: not selected`, () => undefined);
    return;
  }
  const run = asCheck(spec, body);
  // The target's one engine: the built-in checks' facts, HTTP client, politeness and time budget.
  for (const target of plan.targets) describe.concurrent(target.name, () => declareCase(engineFor(target), spec, run));
}
