import { AsyncLocalStorage } from 'node:async_hooks';
import pLimit, { type LimitFunction } from 'p-limit';
import { type CheckSpec, checkSpec } from '../catalogue/checks.js';
import { type CaseRecord, caseKey } from '../core/case-record.js';
import { type AreaSuite, exitIsACrash, loadAreasInTurn, runCase } from '../core/cases.js';
import type { Check } from '../core/check.js';
import { createEngine, type Engine, runsFor } from '../core/engine.js';
import { type CaseInternalError, describeThrown, internalErrorOf, isProgrammingError } from '../core/internal-error.js';
import type { ScanPlan } from '../core/plan.js';
import { serverOf } from '../core/server-key.js';
import type { Target } from '../core/target.js';
import { within } from '../core/within.js';
import { collectGarbage } from './collect-garbage.js';
import type { CaseRun, Stop } from './run-scan.js';

/**
 * Targets scanned at once. Each target's checks all run together on its engine, whose own limits
 * (politeness.concurrency, one port scan…) keep that target polite; what a target holds (its
 * facts: pages, TLS and port scans, sockets) is freed when its last case ends. Eight keep the
 * scan's memory to a few targets' worth however long the targets file, and still overlap enough
 * waiting (dropped ports, slow answers) to keep two cores busy.
 */
export const TARGETS_AT_ONCE = 8;

/**
 * One turn per server: targets that share one (store views or domains of one Magento, listed as
 * targets of their own) are scanned one after another, so the server gets one target's
 * politeness.concurrency, port scan and TLS enumeration at a time, not one per target
 * (core/server-key.ts says which server a target is on).
 */
function hostTurns(): (t: Target) => LimitFunction {
  const turns = new Map<string, LimitFunction>();
  return (t) => {
    const server = serverOf(t);
    const turn = turns.get(server) ?? pLimit(1);
    turns.set(server, turn);
    return turn;
  };
}

/** The case whose code is running: an error thrown in its timers and callbacks is its crash. */
const inCase = new AsyncLocalStorage<{ readonly target: string; readonly spec: CheckSpec }>();

/** How long a finished target's teardown (sockets, browser) may take before its slot goes to the next. */
const DESTROY_GRACE_MS = 5_000;

export interface InProcessOptions {
  readonly onCase?: ((c: CaseRecord) => void) | undefined;
  /** Aborted with the signal's name (SIGINT, SIGTERM): no more traffic, report what finished. */
  readonly signal?: AbortSignal | undefined;
  /** The areas to run (suites/areas.ts; not imported here: the scan's second thread loads only its own). */
  readonly areas: readonly AreaSuite[];
  readonly targetsAtOnce?: number;
}

/**
 * The built-in checks of the plan in this process: at most TARGETS_AT_ONCE targets at a time, each
 * on a fresh engine whose time budget (timeouts.targetMs) counts from the target's start; each case
 * run by runCase, as vitest runs it in a team's vitest. A signal drops every live target's
 * sockets and ends the run at once: cases that had not ended are left for the report to name as
 * interrupted. process.exit inside a check is that check's crash while the run lasts.
 */
export async function runInProcess(plan: ScanPlan, opts: InProcessOptions): Promise<CaseRun> {
  const cases: CaseRecord[] = [];
  const internalErrors: CaseInternalError[] = [];
  const unattributed: string[] = [];
  const live = new Set<Engine>();
  let finished = 0;
  const limit = pLimit(opts.targetsAtOnce ?? TARGETS_AT_ONCE);
  let stop: Stop | undefined;
  let halt: () => void = () => undefined;
  const halted = new Promise<void>((r) => (halt = r));
  const onAbort = () => {
    stop ??= { kind: 'signal', signal: opts.signal?.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT', at: new Date() };
    limit.clearQueue();
    // No more traffic: every live target's connections are dropped now, in-flight requests included.
    for (const engine of live) void engine.destroy();
    halt();
  };
  // An error thrown where no case awaits it (a callback of a check's timer) is still a bug of
  // ours: that case's internal error when it came from a case's own async context (a verdict
  // judged beside a crash is no verdict), else said once; the scan goes on either way.
  const crashed = new Map<string, CaseInternalError>();
  const onStray = (e: unknown) => {
    if (stop) return;
    const at = inCase.getStore();
    if (!at) return void unattributed.push(`unhandled: ${describeThrown(e)}`);
    const key = caseKey(at.target, at.spec.id);
    if (!crashed.has(key)) crashed.set(key, internalErrorOf(e, at.target, at.spec));
  };
  // A check that never settles holds no handle of its own, and its budget's timer is unref'd:
  // without this the process would simply end, before the budget fires, with no reports.
  const keepAlive = setInterval(() => undefined, 60_000);
  const restoreExit = exitIsACrash();
  process.on('uncaughtException', onStray).on('unhandledRejection', onStray);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (opts.signal?.aborted) onAbort();
  try {
    // Each area's cases start as soon as its modules are loaded, in registry order: the network
    // area's port scan waits on the network while the CPU loads the rest. An area that does not
    // load is a bug of ours, said once; each of its cases is then an internal error by name.
    const areas = loadAreasInTurn(plan, opts.areas).map((loading) =>
      loading.catch((e: unknown) => {
        unattributed.push(`checks did not load: ${describeThrown(e)}`);
        return undefined;
      }),
    );
    const scanTarget = async (target: Target) => {
      if (stop) return;
      const engine = createEngine(target, { runs: runsFor(plan.only), scanStartMs: Date.now() });
      live.add(engine);
      const judge = async (check: Check) => {
        const spec = checkSpec(check.id);
        const result = await inCase.run({ target: target.name, spec }, () => runCase(engine, spec, check));
        // Once stopped, what still ends is nobody's: the report names the case as interrupted.
        if (stop) return;
        // Crashed beside its verdict: reported as the crash (below), not as what it judged.
        if (crashed.has(caseKey(target.name, spec.id))) return;
        if ('internalError' in result) return void internalErrors.push(result.internalError);
        cases.push(result.record);
        opts.onCase?.(result.record);
      };
      try {
        await Promise.all(areas.map(async (loading) => Promise.all((await loading)?.checks.map(judge) ?? [])));
      } finally {
        live.delete(engine);
        // The target is done: its sockets closed and its facts let go; only its case records stay.
        // Bounded: a fact whose teardown never settles must not hold this target's slot forever.
        // A bug of ours in a fact's teardown is said, not swallowed.
        const tornDown = engine.destroy().catch((e: unknown) => void (isProgrammingError(e) && unattributed.push(`${target.name}: ${describeThrown(e)}`)));
        await within(DESTROY_GRACE_MS, tornDown);
        // Each time a batch of targets has finished: see collect-garbage.ts for why by hand.
        if (++finished % (opts.targetsAtOnce ?? TARGETS_AT_ONCE) === 0) collectGarbage();
      }
    };
    // A bug of ours outside any case (reporting a case, tearing a target down) is said, and the
    // scan goes on: the report then names that target's unreported cases as internal errors.
    // Targets on one server take turns (its turn first, then a slot: waiting costs no slot).
    const turnOf = hostTurns();
    const done = Promise.all(
      plan.targets.map((t) => turnOf(t)(() => limit(() => scanTarget(t))).catch((e: unknown) => void unattributed.push(`${t.name}: ${describeThrown(e)}`))),
    );
    await Promise.race([done, halted]);
    // What the last targets held goes before the reports are rendered (their own peak comes on
    // top); a scan of one batch never held more than it holds now.
    if (plan.targets.length > (opts.targetsAtOnce ?? TARGETS_AT_ONCE)) collectGarbage();
    // A crash that came after its case had reported replaces that report.
    const crashedCases = [...crashed].filter(([key]) => !internalErrors.some((e) => caseKey(e.target, e.check.id) === key));
    return {
      cases: cases.filter((c) => !crashed.has(caseKey(c.target, c.check.id))),
      internalErrors: [...internalErrors, ...crashedCases.map(([, e]) => e)],
      unattributed,
      ...(stop ? { stop } : {}),
    };
  } finally {
    clearInterval(keepAlive);
    opts.signal?.removeEventListener('abort', onAbort);
    process.off('uncaughtException', onStray).off('unhandledRejection', onStray);
    restoreExit();
  }
}
