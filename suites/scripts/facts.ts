import type { CheckContext } from '../../core/check.js';
import type { Verdict } from '../../core/verdict.js';
import type { PaymentPageVisit } from '../../probes/browser/page-facts.js';
import { visitPaymentPages } from '../../probes/browser/visit.js';
import type { ScriptFacts } from './visits.js';

/** One browser run per target and scan: SCR-01..04 judge the same visits. */
export function paymentVisitsOf(ctx: CheckContext): Promise<readonly PaymentPageVisit[]> {
  return ctx.fact('scripts.payment-page-visits', () => visitPaymentPages(ctx.target));
}

/**
 * Runs a pure judge on the target's facts. Without an inventory there is nothing to judge
 * against, so the browser is not started; the judge says how to draft one.
 */
export async function judgeScripts(ctx: CheckContext, judge: (facts: ScriptFacts) => Verdict): Promise<Verdict> {
  const { name, url, inventory } = ctx.target;
  if (!inventory) return judge({ target: name, store: url, visits: [] });
  return judge({ target: name, store: url, visits: await paymentVisitsOf(ctx), inventory });
}
