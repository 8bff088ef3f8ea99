import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ForksPoolWorker, Vitest } from 'vitest/node';
import type { CaseRecord } from '../core/case-record.js';
import { importEsm } from '../core/esm-import.js';
import { PLAN_KEY, type ScanPlan } from '../core/plan.js';
import { SCAN_START_ENV } from '../core/target-budget.js';
import { within } from '../core/within.js';
import { CaseCollector } from '../reporters/vitest-collector.js';
import type { CaseRun, Stop } from './run-scan.js';

// The scan through vitest: what runs a team's own check files (`--checks`, acceptance/ uses
// vitest's test and expect) beside the built-in checks on the same engines, and the fixture suites
// of the tests. A scan of built-in checks alone runs in the CLI's own process (cli/run-cases.ts).

const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The one vitest entry: every selected area for every target, one engine per target. */
const SCAN_ENTRY = 'suites/scan.suite.ts';

/** After the last target's budget, how long workers get to report before they are killed. */
const BUDGET_GRACE_MS = 15_000;
/** How long vitest gets to wind down once its workers are dead. */
const CLOSE_GRACE_MS = 5_000;

export interface VitestRunOptions {
  readonly onCase?: ((c: CaseRecord) => void) | undefined;
  /** Aborted with the signal's name (SIGINT, SIGTERM): stop traffic, report what finished. */
  readonly signal?: AbortSignal | undefined;
  /** Suite files to run, relative to the package root; default the scan entry. */
  readonly suites?: readonly string[] | undefined;
  /** A team's check files, run after the suites in the same worker. */
  readonly files: readonly string[];
  readonly startedAt: Date;
  /** How many cases the plan asks for: all may be in flight at once. */
  readonly cases: number;
}

/**
 * The vitest run (programmatically, in one forked worker): what its cases reported, and why it was
 * stopped early if it was. A signal or the last target's budget (plus a grace) ends scheduling and
 * every worker process at once.
 */
export async function runSuites(plan: ScanPlan, opts: VitestRunOptions): Promise<CaseRun> {
  // Loaded only when vitest runs. ESM only: import(), not the CommonJS bundle's require (bin/mageprobe.js).
  const { createVitest, ForksPoolWorker } = await importEsm<typeof import('vitest/node')>('vitest/node');
  const collector = new CaseCollector(opts.onCase);
  const work = mkdtempSync(join(tmpdir(), 'mageprobe-'));
  const forks = new Set<ForksPoolWorker>();
  let stop: Stop | undefined;
  let halt: (s: Stop) => void = () => undefined;
  const halted = new Promise<void>((r) => {
    halt = (s) => {
      stop ??= s;
      collector.halted = true;
      r();
    };
  });
  const onAbort = () => halt({ kind: 'signal', signal: opts.signal?.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT', at: new Date() });
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const lastBudget = Math.max(...plan.targets.map((t) => t.timeouts.targetMs));
  const budgetTimer = setTimeout(() => halt({ kind: 'budget' }), lastBudget + BUDGET_GRACE_MS);
  // Where vitest may keep transformed modules between scans; none when node_modules is read-only.
  const moduleCache = writableDir(join(PACKAGE_ROOT, 'node_modules', '.cache', 'mageprobe', 'modules'));
  let vitest: Vitest | undefined;
  try {
    vitest = await withoutExitOnSignal(() =>
      createVitest(
        'test',
        {
          root: PACKAGE_ROOT,
          config: false,
          include: [...(opts.suites ?? [SCAN_ENTRY]), ...opts.files],
          // A team's check files run in the scan's one worker, after it, on the same engines (facts, politeness, budget).
          isolate: false,
          fileParallelism: false,
          reporters: [collector],
          watch: false,
          // vitest's forks, through a pool that lets a stop reach every worker process.
          pool: { name: 'mageprobe-forks', createPoolWorker: (o) => track(forks, new ForksPoolWorker(o), () => stop !== undefined) },
          // The per-target budget (timeouts.targetMs) bounds a case; this only backs it up.
          testTimeout: 30 * 60_000,
          // Our TypeScript, transformed once and kept across scans (keyed by content) instead of per run.
          ...(moduleCache ? { experimental: { fsModuleCache: true, fsModuleCachePath: moduleCache } } : {}),
          hookTimeout: 60_000,
          // Every case may be in flight at once: each engine's own limits keep a target polite.
          maxConcurrency: Math.max(32, opts.cases),
          passWithNoTests: true,
          provide: { [PLAN_KEY]: plan },
          env: { [SCAN_START_ENV]: String(opts.startedAt.getTime()) },
        },
        { logLevel: 'silent', cacheDir: join(work, 'vite-cache') },
      ),
    );
    // A signal during vitest's start-up leaves nothing to run.
    if (stop) return runOf(collector, stop);
    const run = vitest.start([]);
    run.catch(() => undefined);
    await Promise.race([run, halted]);
    if (stop) await stopWorkers(vitest, forks, run);
    return runOf(collector, stop);
  } finally {
    clearTimeout(budgetTimer);
    opts.signal?.removeEventListener('abort', onAbort);
    await withinMs(vitest?.close(), CLOSE_GRACE_MS);
    rmSync(work, { recursive: true, force: true });
  }
}

const runOf = (c: CaseCollector, stop: Stop | undefined): CaseRun => ({
  cases: c.cases,
  internalErrors: c.internalErrors,
  unattributed: c.unattributed,
  ...(stop ? { stop } : {}),
});

/** Stops scheduling, then ends every worker process (SIGTERM, SIGKILL after 500 ms): no more traffic. */
async function stopWorkers(vitest: Vitest, forks: Set<ForksPoolWorker>, run: Promise<unknown>): Promise<void> {
  void vitest.cancelCurrentRun('keyboard-input').catch(() => undefined);
  await Promise.allSettled([...forks].map((f) => f.stop()));
  await withinMs(run, CLOSE_GRACE_MS);
}

function track(forks: Set<ForksPoolWorker>, worker: ForksPoolWorker, halted: () => boolean): ForksPoolWorker {
  forks.add(worker);
  const start = worker.start.bind(worker);
  worker.start = async () => {
    // No new worker once the scan is stopping: it would send traffic nobody waits for.
    if (halted()) throw new Error('mageprobe scan stopped');
    await start();
  };
  const stop = worker.stop.bind(worker);
  worker.stop = async () => {
    forks.delete(worker);
    await stop();
  };
  return worker;
}

/**
 * vitest's Logger registers process.once('SIGINT' | 'SIGTERM') handlers that exit the process a
 * millisecond later, and no option turns them off; the scan answers signals itself (stop, report),
 * so those registrations are dropped while vitest is created.
 */
async function withoutExitOnSignal<T>(create: () => Promise<T>): Promise<T> {
  const once = process.once;
  process.once = function (this: NodeJS.Process, event: string | symbol, listener: (...args: unknown[]) => void) {
    return event === 'SIGINT' || event === 'SIGTERM' ? this : once.call(this, event, listener);
  } as typeof process.once;
  try {
    return await create();
  } finally {
    process.once = once;
  }
}

/** Settled or given up on after `ms`; how it ended does not matter once the run is over. */
async function withinMs(p: Promise<unknown> | undefined, ms: number): Promise<void> {
  if (p)
    await within(
      ms,
      p.catch(() => undefined),
    );
}

function writableDir(dir: string): string | undefined {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return dir;
  } catch {
    return undefined;
  }
}
