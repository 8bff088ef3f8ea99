import type { CheckContext } from '../../core/check.js';
import { defineFact } from '../../core/fact.js';
import type { Verdict } from '../../core/verdict.js';
import type { PaymentPageVisit } from '../../probes/browser/page-facts.js';
import { visitPaymentPages } from '../../probes/browser/visit.js';
import type { ScriptFacts } from './visits.js';

/**
 * A settled fact the engine can destroy when the target's time budget is spent (it tears down
 * settled facts only): aborting it stops the browser visit still in flight.
 */
const browserAbort = defineFact('browser abort switch', async (ctx): Promise<{ readonly signal: AbortSignal; destroy(): void; close(): void }> => {
  const controller = new AbortController();
  return { signal: controller.signal, destroy: () => controller.abort(new Error(`${ctx.target.name}: time budget spent`)), close: () => undefined };
});

/** One browser run per target and scan: SCR-01..04 judge the same visits. */
export const paymentVisitsOf = defineFact('payment pages as a browser loads them', async (ctx): Promise<readonly PaymentPageVisit[]> => {
  const { signal } = await browserAbort(ctx);
  return visitPaymentPages(ctx.target, { signal });
});

/**
 * Runs a pure judge on the target's facts. Without an inventory there is nothing to judge
 * against, so the browser is not started; the judge says how to draft one.
 */
export async function judgeScripts(ctx: CheckContext, judge: (facts: ScriptFacts) => Verdict): Promise<Verdict> {
  const { name, url, inventory } = ctx.target;
  if (!inventory) return judge({ target: name, store: url, visits: [] });
  return judge({ target: name, store: url, visits: await paymentVisitsOf(ctx), inventory });
}
