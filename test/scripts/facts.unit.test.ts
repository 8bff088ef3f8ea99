import { describe, expect, it, vi } from 'vitest';
import { createEngine } from '../../core/engine.js';
import { parseInventory } from '../../core/inventory.js';
import { makeTarget } from '../../core/targets.js';
import type { PaymentPageVisit } from '../../probes/browser/page-facts.js';
import { judgeScripts } from '../../suites/scripts/facts.js';
import { judgeAuthorisedScripts } from '../../suites/scripts/scr-01-authorised-scripts.js';
import { CLEAN_INVENTORY, cleanVisits, STORE } from './payment-visits.js';

// The wiring between the engine and the browser probe, with the probe replaced by a recorder:
// what the browser sees is tested in browser-probe.test.ts and scripts-lab.test.ts.
const calls: { signal?: AbortSignal }[] = [];
let answer: () => Promise<readonly PaymentPageVisit[]> = async () => cleanVisits();
vi.mock('../../probes/browser/visit.js', () => ({
  visitPaymentPages: (_t: unknown, opts: { signal?: AbortSignal } = {}) => {
    calls.push(opts);
    return answer();
  },
}));

const shop = makeTarget({ name: 'shop', url: STORE });
const withInventory = { ...shop, inventory: parseInventory(CLEAN_INVENTORY, '/a/shop.inventory.yaml') };

describe('scripts facts', () => {
  it('starts no browser for a target without an inventory', async () => {
    calls.length = 0;
    const v = await judgeScripts(createEngine(shop), judgeAuthorisedScripts);
    expect(v.outcome).toBe('fail');
    expect(calls).toHaveLength(0);
  });

  it('visits once for all four checks of a target', async () => {
    calls.length = 0;
    const ctx = createEngine(withInventory);
    const verdicts = await Promise.all([1, 2, 3, 4].map(() => judgeScripts(ctx, judgeAuthorisedScripts)));
    expect(verdicts.map((v) => v.outcome)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(calls).toHaveLength(1);
    await ctx.close();
  });

  it('aborts the visit in flight when the target is torn down (time budget spent)', async () => {
    calls.length = 0;
    answer = () => new Promise(() => undefined);
    const ctx = createEngine(withInventory);
    void judgeScripts(ctx, judgeAuthorisedScripts);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.signal?.aborted).toBe(false);
    await ctx.destroy();
    expect(calls[0]!.signal?.aborted).toBe(true);
  });
});
