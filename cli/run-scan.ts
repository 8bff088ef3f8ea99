import { accessSync, constants, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVitest, ForksPoolWorker, type Vitest } from 'vitest/node';
import type { CheckSpec } from '../catalogue/checks.js';
import type { CaseRecord } from '../core/case-record.js';
import type { CaseInternalError } from '../core/internal-error.js';
import { checksOf, PLAN_KEY, type ScanPlan, selects } from '../core/plan.js';
import type { ScanResult } from '../core/results.js';
import { diffScans } from '../core/scan-diff.js';
import type { Target } from '../core/target.js';
import { budgetSpentVerdict, SCAN_START_ENV } from '../core/target-budget.js';
import { inconclusive, type Verdict } from '../core/verdict.js';
import { VERSION } from '../core/version.js';
import { renderHtml } from '../reporters/html.js';
import { renderJson } from '../reporters/json.js';
import { renderJUnit } from '../reporters/junit.js';
import { renderSummaryMd } from '../reporters/summary-md.js';
import { CaseCollector } from '../reporters/vitest-collector.js';
import { releaseTableWarnings } from '../suites/magento/release-table-age.js';
import { MANIFEST_FILE, type ManifestOptions, SIGNATURE_FILE, scanExitCode, writeManifest } from './manifest.js';
import { movedTargetWarnings } from './moved-targets.js';
import { REPORT_FILES } from './out-dir.js';

export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The one vitest entry: every selected area for every target, one engine per target. */
const SCAN_ENTRY = 'suites/scan.suite.ts';

/** Where vitest may keep transformed modules between scans; none when node_modules is read-only. */
const MODULE_CACHE = writableDir(join(PACKAGE_ROOT, 'node_modules', '.cache', 'mageprobe', 'modules'));

/** After the last target's budget, how long workers get to report before they are killed. */
const BUDGET_GRACE_MS = 15_000;
/** How long vitest gets to wind down once its workers are dead. */
const CLOSE_GRACE_MS = 5_000;

export interface ScanOptions {
  readonly outDir: string;
  readonly onCase?: (c: CaseRecord) => void;
  /** Aborted with the signal's name (SIGINT, SIGTERM): stop traffic, report what finished. */
  readonly signal?: AbortSignal;
  /** Suite files to run, relative to the package root (tests point this at fixture suites). */
  readonly suites?: readonly string[];
  /** Signing key and targets file for manifest.json (written after the reports, always). */
  readonly manifest?: ManifestOptions;
  /** Recorded in results.json when this run is one shard of a larger scan. */
  readonly shard?: ScanResult['shard'];
  /** `--baseline`: a previous scan's results.json (validated), its path and sha256; the result says what changed since. */
  readonly baseline?: { readonly path: string; readonly sha256: string; readonly result: ScanResult };
}

/** Why the run was stopped early: a signal, or the last target's time budget. */
export type Stop = { readonly kind: 'signal'; readonly signal: 'SIGINT' | 'SIGTERM'; readonly at: Date } | { readonly kind: 'budget' };

/**
 * Runs the suites under suites/ with vitest (programmatically, no hand-rolled runner) for
 * the plan's targets, then writes junit.xml, results.json and report.html into outDir.
 * Every planned case (targets × selected checks) ends in the reports: with its verdict, as an
 * internal error when it crashed or its worker died, or inconclusive when the scan was stopped.
 */
export async function runScan(plan: ScanPlan, opts: ScanOptions): Promise<ScanResult> {
  const out = resolve(opts.outDir);
  // A previous run's reports must not sit there looking current while this one runs or if it dies.
  for (const f of REPORT_FILES) rmSync(join(out, f), { force: true });
  for (const f of [MANIFEST_FILE, SIGNATURE_FILE]) rmSync(join(out, f), { force: true });
  const collector = new CaseCollector(opts.onCase);
  const startedAt = new Date();
  const work = mkdtempSync(join(tmpdir(), 'mageprobe-'));
  let stop: Stop | undefined;
  try {
    // A shard may get no target (more CI jobs than targets): it still reports, with nothing in it.
    if (plan.targets.length) stop = await runSuites(plan, opts, collector, work, startedAt);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const result = scanResultOf(plan, collector, {
    startedAt,
    finishedAt: new Date(),
    ...(stop ? { stop } : {}),
    ...(opts.shard ? { shard: opts.shard } : {}),
    ...(opts.manifest?.targetsFile ? { targetsFile: opts.manifest.targetsFile } : {}),
  });
  const b = opts.baseline;
  const scanned = { targets: plan.targets.map((t) => t.name), checks: plannedCases(plan).map((p) => p.check.id) };
  const source = b && { path: b.path, sha256: b.sha256, startedAt: b.result.startedAt };
  const final: ScanResult = b && source ? { ...result, changes: diffScans(result.cases, b.result.cases, scanned, source) } : result;
  writeReports(out, final);
  // Last: the manifest hashes every file written above (and any other in the directory).
  await writeManifest(out, plan.targets, final, scanExitCode(final, opts.signal, opts.manifest?.failPolicy), opts.manifest);
  return final;
}

/**
 * The result of a run from what its cases reported: every planned case accounted for (closed as
 * inconclusive when the run was stopped, else an internal error), sorted, with the warnings.
 * `mageprobe scan` and the vitest reporter (reporters/vitest-reporter.ts) both build it here.
 */
export function scanResultOf(
  plan: ScanPlan,
  collector: CaseCollector,
  run: {
    readonly startedAt: Date;
    readonly finishedAt: Date;
    readonly stop?: Stop;
    readonly shard?: ScanResult['shard'];
    readonly targetsFile?: ScanResult['targetsFile'];
    readonly planned?: readonly Planned[];
  },
): ScanResult {
  const { startedAt, finishedAt, stop } = run;
  const { closed, lost } = accountForPlan(run.planned ?? plannedCases(plan), collector, stop, startedAt, finishedAt);
  return {
    tool: { name: 'mageprobe', version: VERSION },
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    scanner: hostname(),
    cases: sortCases([...collector.cases, ...closed], plan),
    internalErrors: [
      ...sortCases([...collector.internalErrors, ...lost], plan),
      // Whatever crashed is kept too: it says why those cases never reported.
      ...collector.unattributed.map((message) => ({ message })),
    ],
    warnings: [...releaseTableWarnings(startedAt), ...movedTargetWarnings(collector.cases)],
    ...(stop?.kind === 'signal' ? { interrupted: { signal: stop.signal, at: stop.at.toISOString() } } : {}),
    ...(run.shard ? { shard: run.shard } : {}),
    ...(run.targetsFile ? { targetsFile: run.targetsFile } : {}),
  };
}

/** junit.xml, results.json, report.html and summary.md of a result, into `out` (created if need be). */
export function writeReports(out: string, result: ScanResult): void {
  mkdirSync(out, { recursive: true });
  writeReport(out, 'junit.xml', renderJUnit(result));
  writeReport(out, 'results.json', renderJson(result));
  writeReport(out, 'report.html', renderHtml(result));
  writeReport(out, 'summary.md', renderSummaryMd(result));
}

/**
 * The vitest run: returns why it was stopped early, if it was. A signal or the last target's
 * budget (plus a grace) ends scheduling and every worker process at once.
 */
async function runSuites(plan: ScanPlan, opts: ScanOptions, collector: CaseCollector, work: string, startedAt: Date): Promise<Stop | undefined> {
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
  let vitest: Vitest | undefined;
  try {
    vitest = await withoutExitOnSignal(() =>
      createVitest(
        'test',
        {
          root: PACKAGE_ROOT,
          config: false,
          include: [...(opts.suites ?? [SCAN_ENTRY]), ...customFiles(plan)],
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
          ...(MODULE_CACHE ? { experimental: { fsModuleCache: true, fsModuleCachePath: MODULE_CACHE } } : {}),
          hookTimeout: 60_000,
          // Every case may be in flight at once: each engine's own limits keep a target polite.
          maxConcurrency: Math.max(32, plannedCases(plan).length),
          passWithNoTests: true,
          provide: { [PLAN_KEY]: plan },
          env: { [SCAN_START_ENV]: String(startedAt.getTime()) },
        },
        { logLevel: 'silent', cacheDir: join(work, 'vite-cache') },
      ),
    );
    // A signal during vitest's start-up leaves nothing to run.
    if (stop) return stop;
    const run = vitest.start([]);
    run.catch(() => undefined);
    await Promise.race([run, halted]);
    if (stop) await stopWorkers(vitest, forks, run);
    return stop;
  } finally {
    clearTimeout(budgetTimer);
    opts.signal?.removeEventListener('abort', onAbort);
    await withinMs(vitest?.close(), CLOSE_GRACE_MS);
  }
}

/** Cases the plan asked for that never reported: closed as inconclusive when stopped, else internal errors. */
function accountForPlan(planned: readonly Planned[], collector: CaseCollector, stop: Stop | undefined, startedAt: Date, finishedAt: Date) {
  const reported = new Set([...collector.cases, ...collector.internalErrors].map((c) => caseKey(c.target, c.check.id)));
  const missing = planned.filter((p) => !reported.has(caseKey(p.target.name, p.check.id)));
  const unfinished = (p: Planned, verdict: Verdict): CaseRecord => ({
    target: p.target.name,
    url: p.target.url,
    ...(p.target.address ? { address: p.target.address } : {}),
    check: p.check,
    verdict,
    startedAt: startedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
  });
  const closed: CaseRecord[] = [];
  const lost: CaseInternalError[] = [];
  for (const p of missing) {
    if (stop?.kind === 'signal') closed.push(unfinished(p, inconclusive(`interrupted before it finished (${stop.signal})`)));
    else if (stop?.kind === 'budget') closed.push(unfinished(p, budgetSpentVerdict(p.target.timeouts.targetMs)));
    else lost.push({ target: p.target.name, check: p.check, message: neverReported(collector.unattributed) });
  }
  return { closed, lost };
}

/** A team's check files (`--checks`), when any of their checks is selected. */
function customFiles(plan: ScanPlan): readonly string[] {
  const selected = plan.custom?.checks.some((c) => selects(plan.only, c.id, c.area));
  return selected ? plan.custom!.files : [];
}

export interface Planned {
  readonly target: Target;
  readonly check: CheckSpec;
}

/** Every case the plan asks for: what the reports must account for, one way or another. */
function plannedCases(plan: ScanPlan): Planned[] {
  const checks = checksOf(plan).filter((c) => selects(plan.only, c.id, c.area));
  return plan.targets.flatMap((target) => checks.map((check) => ({ target, check })));
}

function neverReported(crashes: readonly string[]): string {
  const why = crashes.length ? `: ${crashes[0]!.split('\n')[0]}` : ' (its worker ended without a result)';
  return `the check never reported a result${why}`;
}

const caseKey = (target: string, id: string) => `${target}\u0000${id}`;

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

async function withinMs(p: Promise<unknown> | undefined, ms: number): Promise<void> {
  if (!p) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => undefined), new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
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

/** Written beside, then renamed: a reader never sees half a report. */
function writeReport(dir: string, name: string, text: string): void {
  const tmp = join(dir, `.${name}.${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, join(dir, name));
}

function sortCases<T extends { readonly target: string; readonly check: CheckSpec }>(cases: readonly T[], plan: ScanPlan): T[] {
  const targetOrder = new Map(plan.targets.map((t, i) => [t.name, i]));
  const checkOrder = new Map(checksOf(plan).map((c, i) => [c.id, i]));
  const rank = (c: T) => [targetOrder.get(c.target) ?? 0, checkOrder.get(c.check.id) ?? 0] as const;
  return [...cases].sort((a, b) => rank(a)[0] - rank(b)[0] || rank(a)[1] - rank(b)[1]);
}
