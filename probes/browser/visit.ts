import type { Target } from '../../core/target.js';
import type { PaymentPageVisit } from './page-facts.js';

/**
 * PLACEHOLDER so the scripts judges type-check on branch scripts-judge: the real probe is built on
 * branch scripts-browser with this agreed signature. At merge, take scripts-browser's file whole.
 */
export async function visitPaymentPages(target: Target, opts?: { signal?: AbortSignal }): Promise<readonly PaymentPageVisit[]> {
  void opts;
  throw new Error(`${target.name}: the payment-page browser probe is not merged into this build yet (probes/browser/visit.ts placeholder)`);
}
