import { join } from 'node:path';
import { InputFileError, readRegularFile } from '../core/input-file.js';
import { type InternalError, isCaseInternalError } from '../core/internal-error.js';
import type { ScanResult } from '../core/results.js';
import { MANIFEST_CAP, MANIFEST_FILE, type ManifestTarget, manifestSchema, scanExitCode, writeManifest } from './manifest.js';
import { prepareOutDir } from './out-dir.js';
import { readScanRun, type ScanRun } from './results-file.js';
import { writeReports } from './run-scan.js';

/**
 * `mageprobe merge DIR... --out OUT`: reads every shard's results.json and checks they make one
 * scan before anything is written, then writes junit.xml, results.json, report.html and summary.md into OUT,
 * and last manifest.json over them, as a scan does (unsigned: merge has no --sign).
 */
export async function mergeScans(dirs: readonly string[], outDir: string): Promise<ScanResult> {
  const merged = mergeRuns(dirs.map(readScanRun));
  const out = prepareOutDir(outDir);
  writeReports(out, merged);
  await writeManifest(out, mergedTargets(dirs, merged), merged, scanExitCode(merged));
  return merged;
}

/**
 * The scan's targets with their URLs, in the merged order: from each shard's manifest.json (it
 * lists a target even when all its checks crashed), else from the URL its cases were judged at.
 */
export function mergedTargets(dirs: readonly string[], merged: ScanResult): ManifestTarget[] {
  const url = new Map<string, string>();
  for (const dir of dirs) {
    for (const t of shardManifestTargets(dir)) if (!url.has(t.name)) url.set(t.name, t.url);
  }
  for (const c of merged.cases) if (!url.has(c.target)) url.set(c.target, c.url);
  // Cases are already in the targets file's order; a target whose every check crashed comes after.
  const names = new Set([...merged.cases.map((c) => c.target), ...merged.internalErrors.flatMap((e) => (e.target ? [e.target] : [])), ...url.keys()]);
  return [...names].flatMap((name) => {
    const u = url.get(name);
    return u === undefined ? [] : [{ name, url: u }];
  });
}

/** The targets a shard's own manifest names; none when it has no readable manifest (it is metadata, not evidence). */
function shardManifestTargets(dir: string): readonly ManifestTarget[] {
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(readRegularFile(join(dir, MANIFEST_FILE), MANIFEST_CAP).toString('utf8')));
    return parsed.success ? parsed.data.targets : [];
  } catch (e) {
    if (e instanceof InputFileError || e instanceof SyntaxError) return [];
    throw e;
  }
}

/**
 * Joins the results of a scan's shards into the result one run over all their targets would have
 * given: the same cases with the same verdicts and evidence, targets in the targets file's order,
 * the earliest start and latest finish, warnings once, interrupted if any shard was. Refuses
 * (InputFileError: exit 2) what one run could not have produced: a target in two shards, shards
 * of different scans or versions, a missing or repeated shard, targets judged on different checks.
 */
export function mergeRuns(runs: readonly ScanRun[]): ScanResult {
  if (!runs.length) throw new Error('mergeRuns: no runs');
  const first = runs[0]!;
  for (const run of runs) {
    if (run.result.tool.version !== first.result.tool.version)
      refuse(run, `mageprobe ${run.result.tool.version} wrote it, but ${first.result.tool.version} wrote ${first.dir}`);
  }
  checkOneTargetOneShard(runs);
  checkSameChecks(runs);
  const order = targetOrder(runs);
  const rank = (target: string | undefined) => (target === undefined ? Infinity : order.get(target)!);
  // Within a target every case comes from one run, already in that run's order: a stable sort by target keeps it.
  const byTarget = <T extends { readonly target?: string }>(items: readonly T[]) => [...items].sort((a, b) => rank(a.target) - rank(b.target));
  const all = runs.map((r) => r.result);
  const interrupted = all.flatMap((r) => (r.interrupted ? [r.interrupted] : [])).sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
  const errors = all.flatMap((r) => r.internalErrors);
  return {
    tool: first.result.tool,
    startedAt: earliest(all.map((r) => r.startedAt)),
    finishedAt: latest(all.map((r) => r.finishedAt)),
    // Each job's host is a vantage point of its own (SSH-01, ADM-02): all of them are named.
    scanner: unique(all.map((r) => r.scanner)).join(', '),
    cases: byTarget(all.flatMap((r) => r.cases)),
    internalErrors: [
      ...byTarget(errors.filter(isCaseInternalError)),
      ...uniqueBy(
        errors.filter((e) => !isCaseInternalError(e)),
        errorKey,
      ),
    ],
    warnings: unique(all.flatMap((r) => r.warnings)),
    ...(interrupted ? { interrupted } : {}),
    ...sameTargetsFile(all),
  };
}

/** The targets file every shard read, when they all name one with the same sha256 (the path may differ per CI job). */
function sameTargetsFile(results: readonly ScanResult[]): Pick<ScanResult, 'targetsFile'> {
  const first = results[0]?.targetsFile;
  return first && results.every((r) => r.targetsFile?.sha256 === first.sha256) ? { targetsFile: first } : {};
}

function refuse(run: ScanRun, why: string): never {
  throw new InputFileError(run.dir, why);
}

/** Every target a run accounted for: its cases and the cases whose check crashed. */
function targetsOf(run: ScanRun): string[] {
  return unique([...run.result.cases.map((c) => c.target), ...run.result.internalErrors.flatMap((e) => (e.target ? [e.target] : []))]);
}

function checkOneTargetOneShard(runs: readonly ScanRun[]): void {
  const seenIn = new Map<string, ScanRun>();
  for (const run of runs) {
    for (const target of targetsOf(run)) {
      const other = seenIn.get(target);
      if (other) refuse(run, `target "${target}" is also in ${other.dir}; each target belongs to one shard`);
      seenIn.set(target, run);
    }
  }
  const shards = runs.filter((r) => r.result.shard);
  if (!shards.length) return;
  const unsharded = runs.find((r) => !r.result.shard);
  if (unsharded) refuse(unsharded, `not a shard (no --shard), but ${shards[0]!.dir} is; merge the shards of one scan`);
  const { count, targets } = shards[0]!.result.shard!;
  const byIndex = new Map<number, ScanRun>();
  for (const run of runs) {
    const s = run.result.shard!;
    if (s.count !== count || s.targets.join('\n') !== targets.join('\n'))
      refuse(
        run,
        `shard ${s.index}/${s.count} of another scan than ${shards[0]!.dir} (shard ${shards[0]!.result.shard!.index}/${count}): other shard count or targets`,
      );
    const twin = byIndex.get(s.index);
    if (twin) refuse(run, `shard ${s.index}/${count} again (${twin.dir} is that shard too)`);
    byIndex.set(s.index, run);
    const foreign = targetsOf(run).find((t) => !targets.includes(t));
    if (foreign) refuse(run, `target "${foreign}" is not among the scan's targets`);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length)
    throw new InputFileError(runs.map((r) => r.dir).join(' '), `shard ${missing.map((i) => `${i}/${count}`).join(', ')} missing: a merge needs every shard`);
}

/** One run judges every target on the same checks (its --only); shards with other lists are other scans. */
function checkSameChecks(runs: readonly ScanRun[]): void {
  let reference: { run: ScanRun; target: string; ids: string } | undefined;
  for (const run of runs) {
    const ids = new Map<string, Set<string>>();
    for (const c of [...run.result.cases, ...run.result.internalErrors.filter(isCaseInternalError)]) {
      ids.set(c.target, (ids.get(c.target) ?? new Set()).add(c.check.id));
    }
    for (const [target, set] of ids) {
      const list = [...set].sort().join(',');
      reference ??= { run, target, ids: list };
      if (list !== reference.ids)
        refuse(run, `target "${target}" was judged on other checks than "${reference.target}" in ${reference.run.dir}; run every shard with the same --only`);
    }
  }
}

/** The targets file's order when the shards recorded it; otherwise the order the runs were given in. */
function targetOrder(runs: readonly ScanRun[]): Map<string, number> {
  const names = runs[0]!.result.shard?.targets ?? runs.flatMap(targetsOf);
  return new Map(names.map((n, i) => [n, i]));
}

const earliest = (times: readonly string[]) => [...times].sort((a, b) => Date.parse(a) - Date.parse(b))[0]!;
const latest = (times: readonly string[]) => [...times].sort((a, b) => Date.parse(b) - Date.parse(a))[0]!;
const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];
const errorKey = (e: InternalError) => `${e.message}\u0000${e.detail ?? ''}`;

function uniqueBy<T>(items: readonly T[], key: (t: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) if (!byKey.has(key(item))) byKey.set(key(item), item);
  return [...byKey.values()];
}
