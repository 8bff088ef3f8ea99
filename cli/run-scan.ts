import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { CheckSpec } from '../catalogue/checks.js';
import { type CaseRecord, caseKey } from '../core/case-record.js';
import type { AreaSuite } from '../core/cases.js';
import type { CaseInternalError } from '../core/internal-error.js';
import { checksOf, type ScanPlan, selects } from '../core/plan.js';
import type { ScanResult } from '../core/results.js';
import { diffScans } from '../core/scan-diff.js';
import type { Target } from '../core/target.js';
import { budgetSpentVerdict } from '../core/target-budget.js';
import { inconclusive, type Verdict } from '../core/verdict.js';
import { VERSION } from '../core/version.js';
import { renderHtml } from '../reporters/html.js';
import { jsonChunks } from '../reporters/json.js';
import { junitChunks } from '../reporters/junit.js';
import { renderSummaryMd } from '../reporters/summary-md.js';
import { releaseTableWarnings } from '../suites/magento/release-table-age.js';
import type { AreaThread } from './area-thread.js';
import { collectGarbage } from './collect-garbage.js';
import { MANIFEST_FILE, type ManifestOptions, SIGNATURE_FILE, scanExitCode, writeManifest } from './manifest.js';
import { movedTargetWarnings } from './moved-targets.js';
import { REPORT_FILES } from './out-dir.js';

export interface ScanOptions {
  readonly outDir: string;
  readonly onCase?: (c: CaseRecord) => void;
  /** Aborted with the signal's name (SIGINT, SIGTERM): stop traffic, report what finished. */
  readonly signal?: AbortSignal;
  /** Suite files to run through vitest, relative to the package root (tests point this at fixture suites). */
  readonly suites?: readonly string[];
  /** The areas the scan runs in this process; default every area (suites/areas.ts). Tests give their own. */
  readonly areas?: readonly AreaSuite[];
  /** The scan's second thread, started early by the CLI (cli/area-thread.ts); else started here when it serves. */
  readonly areaThread?: AreaThread;
  /** Signing key and targets file for manifest.json (written after the reports, always). */
  readonly manifest?: ManifestOptions;
  /** Recorded in results.json when this run is one shard of a larger scan. */
  readonly shard?: ScanResult['shard'];
  /** `--baseline`: a previous scan's results.json (validated), its path and sha256; the result says what changed since. */
  readonly baseline?: { readonly path: string; readonly sha256: string; readonly result: ScanResult };
}

/** Why the run was stopped early: a signal, or the last target's time budget. */
export type Stop = { readonly kind: 'signal'; readonly signal: 'SIGINT' | 'SIGTERM'; readonly at: Date } | { readonly kind: 'budget' };

/** What a run's cases reported: verdicts, crashes named by their case, and crashes no case claims. */
export interface Reported {
  readonly cases: readonly CaseRecord[];
  readonly internalErrors: readonly CaseInternalError[];
  /** A module that did not load, a worker that died, an unhandled error. */
  readonly unattributed: readonly string[];
}

/** What a run reported, and why it stopped early if it did. */
export interface CaseRun extends Reported {
  readonly stop?: Stop;
}

/**
 * Runs the plan's selected checks for its targets, then writes junit.xml, results.json,
 * report.html and summary.md into outDir. Built-in checks run in this process (cli/run-cases.ts):
 * vitest's start-up and a forked worker would cost more than the checks themselves. A team's own
 * check files (`--checks`, written against vitest's test and expect) and fixture suites run
 * through vitest (cli/run-vitest.ts). Both judge each case with core/cases.ts. Every planned case
 * (targets × selected checks) ends in the reports: with its verdict, as an internal error when it
 * crashed or its worker died, or inconclusive when the scan was stopped.
 */
export async function runScan(plan: ScanPlan, opts: ScanOptions): Promise<ScanResult> {
  const out = resolve(opts.outDir);
  // A previous run's reports must not sit there looking current while this one runs or if it dies.
  for (const f of REPORT_FILES) rmSync(join(out, f), { force: true });
  for (const f of [MANIFEST_FILE, SIGNATURE_FILE]) rmSync(join(out, f), { force: true });
  const startedAt = new Date();
  // A shard may get no target (more CI jobs than targets): it still reports, with nothing in it.
  const run = plan.targets.length ? await runCases(plan, opts, startedAt) : { cases: [], internalErrors: [], unattributed: [] };
  // Unused (no target, a run through vitest) or already ended: either way it goes now.
  await opts.areaThread?.close();
  const result = scanResultOf(plan, run, {
    startedAt,
    finishedAt: new Date(),
    ...(run.stop ? { stop: run.stop } : {}),
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

/** The run itself, in this process or through vitest; each runner loaded only when it is the one that runs. */
async function runCases(plan: ScanPlan, opts: ScanOptions, startedAt: Date): Promise<CaseRun> {
  const files = customFiles(plan);
  const common = { onCase: opts.onCase, signal: opts.signal };
  if (opts.suites || files.length) {
    const { runSuites } = await import('./run-vitest.js');
    return runSuites(plan, { ...common, suites: opts.suites, files, startedAt, cases: plannedCases(plan).length });
  }
  if (opts.areas) {
    const { runInProcess } = await import('./run-cases.js');
    return runInProcess(plan, { ...common, areas: opts.areas });
  }
  const { runOnTwoThreads } = await import('./area-thread.js');
  return runOnTwoThreads(plan, common, opts.areaThread);
}

/**
 * The result of a run from what its cases reported: every planned case accounted for (closed as
 * inconclusive when the run was stopped, else an internal error), sorted, with the warnings.
 * `mageprobe scan` and the vitest reporter (reporters/vitest-reporter.ts) both build it here.
 */
export function scanResultOf(
  plan: ScanPlan,
  collector: Reported,
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

/** From about ten targets' cases on, what one report's rendering leaves behind is worth a full collection. */
const COLLECT_FROM_CASES = 500;

/**
 * junit.xml, results.json, report.html and summary.md of a result, into `out` (created if need be).
 * One at a time, each streamed in pieces where the format allows (JUnit, JSON), with a full
 * collection between: what one report's rendering left behind (its text, its neutralised copy of
 * the cases) is gone before the next starts, so the scan's peak is the largest report's, not the sum.
 * report.html first: it is the one rendered whole (the page packs its sections, html/inert.ts), and
 * the process holds least before the first (100 targets: the page costs +50 MB RSS at its peak).
 */
export function writeReports(out: string, result: ScanResult): void {
  mkdirSync(out, { recursive: true });
  const reports: [string, () => Iterable<string>][] = [
    ['report.html', () => [renderHtml(result)]],
    ['junit.xml', () => junitChunks(result)],
    ['results.json', () => jsonChunks(result)],
    ['summary.md', () => [renderSummaryMd(result)]],
  ];
  // A small scan's reports are small: forced collections (tens of ms of CPU each) would buy nothing.
  const collect = result.cases.length >= COLLECT_FROM_CASES;
  for (const [name, render] of reports) {
    writeReport(out, name, render());
    if (collect) collectGarbage();
  }
}

/** Cases the plan asked for that never reported: closed as inconclusive when stopped, else internal errors. */
function accountForPlan(planned: readonly Planned[], collector: Reported, stop: Stop | undefined, startedAt: Date, finishedAt: Date) {
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
  const why = crashes.length ? `: ${crashes[0]!.split('\n')[0]}` : ' (it ended without a result)';
  return `the check never reported a result${why}`;
}

/**
 * Text gathered before each write: few system calls, and pieces short-lived enough to die young
 * (1 MiB of pending pieces outlived scavenges, and JUnit's peak was +75 MB RSS instead of +47).
 */
const WRITE_CHARS = 1 << 16;

/** Written beside in pieces, then renamed: a reader never sees half a report. */
function writeReport(dir: string, name: string, pieces: Iterable<string>): void {
  const tmp = join(dir, `.${name}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    let pending: string[] = [];
    let size = 0;
    for (const piece of pieces) {
      pending.push(piece);
      size += piece.length;
      if (size < WRITE_CHARS) continue;
      writeFileSync(fd, pending.join(''));
      pending = [];
      size = 0;
    }
    writeFileSync(fd, pending.join(''));
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dir, name));
}

function sortCases<T extends { readonly target: string; readonly check: CheckSpec }>(cases: readonly T[], plan: ScanPlan): T[] {
  const targetOrder = new Map(plan.targets.map((t, i) => [t.name, i]));
  const checkOrder = new Map(checksOf(plan).map((c, i) => [c.id, i]));
  const rank = (c: T) => [targetOrder.get(c.target) ?? 0, checkOrder.get(c.check.id) ?? 0] as const;
  return [...cases].sort((a, b) => rank(a)[0] - rank(b)[0] || rank(a)[1] - rank(b)[1]);
}
