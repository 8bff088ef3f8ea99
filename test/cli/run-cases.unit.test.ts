import { describe, expect, it } from 'vitest';
import { runInProcess, TARGETS_AT_ONCE } from '../../cli/run-cases.js';
import type { AreaSuite } from '../../core/cases.js';
import type { Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import { defineFact } from '../../core/fact.js';
import type { ScanPlan } from '../../core/plan.js';
import { makeTarget } from '../../core/targets.js';
import { pass } from '../../core/verdict.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Port 9 (discard) on loopback: these checks never connect, a target only has to be valid.
const targets = (n: number, targetMs?: number) =>
  // Each on a server of its own (loopback; nothing is sent): targets of one server take turns.
  Array.from({ length: n }, (_, i) => makeTarget({ name: `t${i + 1}`, url: `http://127.0.0.${i + 1}:9/`, ...(targetMs ? { timeouts: { targetMs } } : {}) }));
const headers = (...checks: Check[]): AreaSuite[] => [{ area: 'headers', load: async () => ({ area: 'headers', checks }) }];

/** A fact that holds a resource, as an HTTP client's sockets do: says when its target's engine lets it go. */
function trackedResource() {
  const log: string[] = [];
  const fact = defineFact('a socket pool', async (ctx) => {
    log.push(`open ${ctx.target.name}`);
    return { destroy: async () => void log.push(`destroy ${ctx.target.name}`), close: async () => void log.push(`close ${ctx.target.name}`) };
  });
  return { log, fact };
}

describe('the in-process scan (cli/run-cases.ts)', () => {
  it('scans at most N targets at once, and drops each target’s engine when its cases end', async () => {
    const { log, fact } = trackedResource();
    let running = 0;
    let most = 0;
    const check: Check = {
      id: 'HDR-02',
      async run(ctx) {
        await ctx.get(fact);
        most = Math.max(most, ++running);
        await sleep(50);
        running--;
        return pass('judged', [evidence('fixture', {})]);
      },
    };
    const plan: ScanPlan = { targets: targets(6), only: ['HDR-02'] };
    const run = await runInProcess(plan, { areas: headers(check), targetsAtOnce: 2 });
    expect(most).toBe(2);
    expect(run.cases.map((c) => [c.target, c.verdict.outcome]).sort()).toEqual(plan.targets.map((t) => [t.name, 'pass']));
    expect([run.internalErrors, run.unattributed, run.stop]).toEqual([[], [], undefined]);
    // Every target's resources were let go, each before the target two places later opened its own.
    for (const t of plan.targets) expect(log).toContain(`destroy ${t.name}`);
    for (let i = 2; i < plan.targets.length; i++) expect(log.indexOf(`destroy t${i - 1}`)).toBeLessThan(log.indexOf(`open t${i + 1}`));
    expect(TARGETS_AT_ONCE).toBeGreaterThan(1);
  });

  it('a bug of ours while reporting a case is said, and the other targets are still scanned', async () => {
    const check: Check = { id: 'HDR-02', run: async () => pass('judged', [evidence('fixture', {})]) };
    const plan: ScanPlan = { targets: targets(3), only: ['HDR-02'] };
    const onCase = (c: { target: string }) => {
      if (c.target === 't2') throw new RangeError('progress line broke');
    };
    const run = await runInProcess(plan, { areas: headers(check), onCase });
    expect(run.cases.map((c) => c.target).sort()).toEqual(['t1', 't2', 't3']);
    expect(run.unattributed).toEqual(['t2: RangeError: progress line broke']);
  });

  it('a bug of ours in a fact’s teardown is said, not swallowed', async () => {
    const pool = defineFact('a pool whose teardown breaks', async () => ({
      destroy: async () => {
        throw new TypeError('teardown broke');
      },
    }));
    const check: Check = {
      id: 'HDR-02',
      async run(ctx) {
        await ctx.get(pool);
        return pass('judged', [evidence('fixture', {})]);
      },
    };
    const run = await runInProcess({ targets: targets(1), only: ['HDR-02'] }, { areas: headers(check) });
    expect(run.unattributed).toEqual(['t1: TypeError: teardown broke']);
  });

  it('counts a target’s time budget from its own start, not from the scan’s: waiting for a turn costs it nothing', async () => {
    const slow: Check = {
      id: 'HDR-02',
      async run() {
        await sleep(700);
        return pass('judged in 700 ms', [evidence('fixture', {})]);
      },
    };
    // One at a time, 1 s each: from the scan's start the second target's budget would be spent before it ends.
    const run = await runInProcess({ targets: targets(2, 1_000), only: ['HDR-02'] }, { areas: headers(slow), targetsAtOnce: 1 });
    expect(run.cases.map((c) => [c.target, c.verdict.outcome])).toEqual([
      ['t1', 'pass'],
      ['t2', 'pass'],
    ]);
  });

  it('still ends a target’s unfinished checks inconclusive when its own budget is spent', async () => {
    const hangs: Check = { id: 'HDR-02', run: () => new Promise(() => undefined) };
    const run = await runInProcess({ targets: targets(1, 1_000), only: ['HDR-02'] }, { areas: headers(hangs) });
    expect(run.cases.map((c) => [c.verdict.outcome, c.verdict.message])).toEqual([
      ['inconclusive', 'target time budget of 1 s spent before this check finished (timeouts.targetMs)'],
    ]);
  });

  it('a signal drops the live targets’ resources, starts no other target, and keeps only what finished before it', async () => {
    const { log, fact } = trackedResource();
    const hangs: Check = {
      id: 'HDR-02',
      async run(ctx) {
        await ctx.get(fact);
        return new Promise(() => undefined);
      },
    };
    const quick: Check = { id: 'HDR-03', run: async () => pass('judged', [evidence('fixture', {})]) };
    const interrupt = new AbortController();
    setTimeout(() => interrupt.abort('SIGTERM'), 200);
    const run = await runInProcess(
      { targets: targets(3), only: ['HDR-02', 'HDR-03'] },
      { areas: headers(hangs, quick), signal: interrupt.signal, targetsAtOnce: 1 },
    );
    expect(run.stop).toMatchObject({ kind: 'signal', signal: 'SIGTERM' });
    expect(run.cases.map((c) => [c.target, c.check.id])).toEqual([['t1', 'HDR-03']]);
    await sleep(50);
    expect(log).toEqual(['open t1', 'destroy t1']);
  });

  it('an area that does not load is said once; the other areas are still judged', async () => {
    const quick: Check = { id: 'PATH-01', run: async () => pass('judged', [evidence('fixture', {})]) };
    const areas: AreaSuite[] = [
      { area: 'headers', load: () => import('./no-such-area.js' as string) },
      { area: 'paths', load: async () => ({ area: 'paths', checks: [quick] }) },
    ];
    const run = await runInProcess({ targets: targets(2), only: ['HDR-02', 'PATH-01'] }, { areas });
    expect(run.cases.map((c) => [c.target, c.check.id])).toEqual([
      ['t1', 'PATH-01'],
      ['t2', 'PATH-01'],
    ]);
    expect(run.unattributed).toHaveLength(1);
    expect(run.unattributed[0]).toMatch(/^checks did not load: Error: Cannot find module .*no-such-area/);
  });

  it('puts the real process.exit back when the run ends', async () => {
    const exit = process.exit;
    let during: unknown;
    const check: Check = {
      id: 'HDR-02',
      async run() {
        during = process.exit;
        return pass('judged', [evidence('fixture', {})]);
      },
    };
    await runInProcess({ targets: targets(1), only: ['HDR-02'] }, { areas: headers(check) });
    expect(during).not.toBe(exit);
    expect(process.exit).toBe(exit);
  });
});
