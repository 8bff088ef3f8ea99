import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../catalogue/checks.js';
import { runOnTwoThreads, startAreaThread } from '../../cli/area-thread.js';
import { OFF_THREAD_AREAS } from '../../cli/area-worker-data.js';
import type { ScanPlan } from '../../core/plan.js';
import { makeTarget } from '../../core/targets.js';

// Port 9 (discard) on loopback: the internal checks send nothing, and NET-01's thread dies first.
const plan: ScanPlan = { targets: [makeTarget({ name: 'fixture', url: 'http://127.0.0.1:9/' })], only: ['internal', 'NET-01'] };
const internalIds = CHECKS.filter((c) => c.area === 'internal').map((c) => c.id);

describe('the scan’s second thread (cli/area-thread.ts)', () => {
  it('runs only when the selection has checks on both threads', () => {
    expect(startAreaThread(['internal'])).toBeUndefined();
    expect(startAreaThread(['network', 'SSH-01'])).toBeUndefined();
    expect([...OFF_THREAD_AREAS].sort()).toEqual(['network', 'ssh', 'tls']);
  });

  it('says so when the thread dies, and keeps what this thread judged', async () => {
    const thread = startAreaThread(plan.only, new URL('./dying-area-thread.mjs', import.meta.url));
    expect(thread).toBeDefined();
    const run = await runOnTwoThreads(plan, {}, thread);
    expect(run.cases.map((c) => c.check.id).sort()).toEqual([...internalIds].sort());
    expect(run.unattributed).toEqual(['the network/ssh/tls thread ended (exit 3) before it reported']);
    // NET-01 reported nothing: cli/run-scan.ts names it as an internal error from that line.
    expect(run.cases.some((c) => c.check.id === 'NET-01')).toBe(false);
  });

  it('keeps the cases the thread finished before it died', async () => {
    const thread = startAreaThread(plan.only, new URL('./area-thread-dies-after-a-case.mjs', import.meta.url));
    const progress: string[] = [];
    const run = await runOnTwoThreads(plan, { onCase: (c) => progress.push(c.check.id) }, thread);
    expect(run.cases.filter((c) => c.check.id === 'NET-01').map((c) => c.verdict.message)).toEqual(['stand-in: judged before the thread died']);
    expect(progress).toContain('NET-01');
    expect(run.unattributed).toEqual(['the network/ssh/tls thread ended (exit 3) before it reported']);
  });
});
