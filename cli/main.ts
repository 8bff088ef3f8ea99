import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, workerData } from 'node:worker_threads';
import { AREAS, type CheckSpec, CUSTOM_AREA } from '../catalogue/checks.js';
import { InputFileError, readRegularFile, SIZE_CAP } from '../core/input-file.js';
import { type CustomChecks, checksOf, type ScanPlan, selects } from '../core/plan.js';
import { DEFAULT_FAIL_POLICY, exitCodeFor, type FailPolicy, type ScanResult, signalExitCode } from '../core/results.js';
import { safeLine } from '../core/safe-text.js';
import { isSeverity, SEVERITIES } from '../core/scan-diff.js';
import type { Target } from '../core/target.js';
import type { AreaThread } from './area-thread.js';
import { AREA_WORKER_DATA, type AreaWorkerData } from './area-worker-data.js';
import { batchedLines } from './batched-lines.js';
import type { ManifestOptions } from './manifest.js';
import type { Shard } from './shard.js';

// Each command loads its own modules when it runs (import() below), and only those: `checks`,
// `schema`, `validate` and `verify` never load vitest, vite, playwright, ssh2 or undici, and a scan
// loads the probes of the areas it runs. The bundle bin/mageprobe.js runs keeps them apart.

/** The real process.exit, kept before a scan turns process.exit inside a check into that check's crash. */
const exitProcess = process.exit.bind(process);

const USAGE = `mageprobe — black-box security checks for Magento 2 stores, with JUnit evidence

Usage:
  mageprobe scan TARGETS.yaml [--out DIR] [--only IDS|AREAS] [--target NAME] [--shard I/N] [--sign KEY.pem]
                 [--baseline PREVIOUS/results.json] [--fail-on any|new] [--min-severity LEVEL] [--checks GLOB]
  mageprobe merge DIR... [--out DIR]   join the reports of a scan's shards into one
  mageprobe validate TARGETS.yaml [--checks GLOB]  check a targets file, the script inventories it names and your own checks; sends no traffic
  mageprobe inventory TARGETS.yaml --target NAME --out FILE
                                       draft a payment-page script inventory from what a browser sees (SCR-01..04)
  mageprobe demo [--out DIR]           scan a deliberately misconfigured local store
  mageprobe checks [--format table|md|json] [--checks GLOB]  list the check catalogue (and your own checks); md and json add why, fix and references
  mageprobe schema                     print the targets file's JSON Schema (targets.schema.json)
  mageprobe verify DIR [--key PUB.pem] say whether the reports in DIR changed since the scan

Options:
  --out DIR        where junit.xml, results.json and report.html go (default: reports)
  --only LIST      comma-separated check IDs (HDR-01), prefixes (HDR) or areas (${[...AREAS, CUSTOM_AREA].join(', ')})
  --checks GLOB    your own acceptance checks (e.g. 'acceptance/*.check.ts', repeatable), run with the built-ins
  --target NAME    scan only this target (repeatable)
  --shard I/N      scan part I of N of the targets (a stable split by name, a server's targets together; CI matrix jobs)
  --sign KEY.pem   sign DIR/manifest.json with this Ed25519 private key (writes manifest.sig)
  --baseline FILE  a previous scan's results.json: mark each case new, changed, resolved, gone or unchanged
  --fail-on WHAT   any (default): any failure exits 1; new: only a failure that did not fail in the baseline
  --min-severity L only failures at or above L (${SEVERITIES.join(', ')}; default ${SEVERITIES[0]}) exit 1
  --key PUB.pem    verify: the Ed25519 public key the manifest must be signed with

verify exits 0 when DIR is intact, 1 when something changed, 2 on a usage error.

Exit codes: 0 no failure, 1 a check failed, 2 usage or targets-file error,
            3 no failure but something inconclusive, 4 internal error (a bug in mageprobe),
            130/143 interrupted by SIGINT/SIGTERM (reports hold what finished).`;

class UsageError extends Error {}
/** A bad option value or input file: one line per problem saying what is wrong, without the usage text. */
class OptionError extends Error {}

type ErrorClass = abstract new (...args: never[]) => Error;

/** A lazily loaded module's input errors (a targets file's problems…) as ours: exit 2, one line per problem. */
async function asInputErrors<T>(kinds: readonly ErrorClass[], run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (kinds.some((k) => e instanceof k)) throw new OptionError((e as Error).message);
    throw e;
  }
}

/** The targets file, loaded and checked (core/targets.ts: YAML and schema, loaded only by the commands that read one). */
async function loadTargets(file: string): Promise<Target[]> {
  const { loadTargetsFile, TargetsFileError } = await import('../core/targets.js');
  return asInputErrors([TargetsFileError], () => loadTargetsFile(file));
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', default: 'reports' },
      only: { type: 'string', multiple: true, default: [] },
      target: { type: 'string', multiple: true, default: [] },
      sign: { type: 'string' },
      key: { type: 'string' },
      shard: { type: 'string' },
      baseline: { type: 'string' },
      'fail-on': { type: 'string', default: 'any' },
      'min-severity': { type: 'string', default: SEVERITIES[0]! },
      help: { type: 'boolean', short: 'h', default: false },
      format: { type: 'string', default: 'table' },
      checks: { type: 'string', multiple: true, default: [] },
    },
  });
  const [command, file, ...extra] = positionals;
  if (values.help || !command || command === 'help') {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  if (extra.length && command !== 'merge') throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  switch (command) {
    case 'checks': {
      const { CHECKS_FORMATS, isChecksFormat, renderChecks } = await import('./checks-doc.js');
      if (!isChecksFormat(values.format)) throw new OptionError(`--format: "${values.format}" is not one of ${CHECKS_FORMATS.join(', ')}`);
      process.stdout.write(renderChecks(values.format, checksOf({ custom: await customChecks(values.checks) })));
      return 0;
    }
    case 'schema':
      process.stdout.write((await import('./json-schema.js')).targetsJsonSchema());
      return 0;
    case 'validate': {
      const targets = await loadTargets(requireFile(file));
      const custom = await customChecks(values.checks);
      const inventory = (t: Target) =>
        t.inventory ? ` (inventory ${basename(t.inventory.file)}: ${t.inventory.scripts.length} script(s), all justified)` : '';
      console.log(`${file}: ${targets.length} target(s) valid: ${targets.map((t) => `${t.name}${inventory(t)}`).join(', ')}`);
      if (custom)
        console.log(
          `--checks: ${custom.checks.length} check(s) of your own in ${custom.files.length} file(s) valid: ${custom.checks.map((c) => c.id).join(', ')}`,
        );
      return 0;
    }
    case 'inventory': {
      // --out defaults to the reports directory for scans; a draft goes only where it is asked to.
      const out = argv.some((a) => a === '--out' || a.startsWith('--out=')) ? values.out : undefined;
      // Lines carry server text (a page's problem): made safe for the terminal like every other report.
      const [{ InventoryOptionError, runInventory }, { TargetsFileError }] = await Promise.all([
        import('./inventory-command.js'),
        import('../core/targets.js'),
      ]);
      return asInputErrors([InventoryOptionError, TargetsFileError], () =>
        runInventory({ targetsFile: requireFile(file), targets: values.target, out, log: (line) => console.log(safeLine(line)) }),
      );
    }
    case 'scan': {
      // A team's checks are read (IDs, collisions) before anything else is decided or sent.
      const custom = await customChecks(values.checks);
      const only = parseOnly(values.only, checksOf({ custom }));
      // The scan's second thread starts now, loading its probes while this one reads the targets file.
      const areaThread = custom ? undefined : (await import('./area-thread.js')).startAreaThread(only);
      const shard = values.shard === undefined ? undefined : await shardOption(values.shard);
      const policy = failPolicy(values['fail-on'], values['min-severity'], values.baseline);
      const baseline = values.baseline === undefined ? undefined : await baselineOption(values.baseline);
      let targets = await loadTargets(requireFile(file));
      if (values.target.length) {
        const unknown = values.target.filter((n) => !targets.some((t) => t.name === n));
        if (unknown.length) throw new OptionError(`no target named ${unknown.join(', ')} in ${file}`);
        targets = targets.filter((t) => values.target.includes(t.name));
      }
      const { sha256 } = await import('./manifest.js');
      const manifest: ManifestOptions = {
        ...(await signingKey(values.sign)),
        targetsFile: { path: resolve(file!), sha256: sha256(readRegularFile(file!, SIZE_CAP.targetsFile)) },
      };
      (await import('./out-dir.js')).prepareOutDir(values.out);
      const diff = { policy, ...(baseline ? { baseline } : {}) };
      const withCustom = custom ? { custom } : {};
      if (!shard) return scanAndReport({ targets, only, ...withCustom }, values.out, manifest, undefined, diff, areaThread);
      const part = (await import('./shard.js')).targetsOfShard(targets, shard);
      console.log(`mageprobe: shard ${shard.index}/${shard.count}: ${part.length} of ${targets.length} target(s)`);
      return scanAndReport({ targets: part, only, ...withCustom }, values.out, manifest, { ...shard, targets: targets.map((t) => t.name) }, diff, areaThread);
    }
    case 'merge': {
      if (!file) throw new UsageError('merge needs the --out directories of the shards to join');
      const [{ mergeScans }, { summary }] = await Promise.all([import('./merge.js'), import('../reporters/console.js')]);
      const result = await mergeScans([file, ...extra], values.out);
      console.log(summary(result));
      console.log(`\nReports: ${values.out}/junit.xml, ${values.out}/results.json, ${values.out}/report.html`);
      // As the one run would have exited: an interrupted shard leaves the whole scan interrupted.
      return result.interrupted ? signalExitCode(result.interrupted.signal) : exitCodeFor(result);
    }
    case 'demo': {
      const manifest = await signingKey(values.sign);
      (await import('./out-dir.js')).prepareOutDir(values.out);
      const { runDemo } = await import('../demo/run-demo.js');
      return runDemo((plan) => scanAndReport(plan, values.out, manifest));
    }
    case 'verify':
      if (!file) throw new UsageError('verify: name the directory the reports were written to');
      return (await import('./verify.js')).runVerify(file, values.key, (line) => console.log(line));
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/** --sign, checked before any traffic: an existing, unencrypted Ed25519 private key. */
async function signingKey(path: string | undefined): Promise<ManifestOptions> {
  if (path === undefined) return {};
  const { loadEd25519Key } = await import('./manifest.js');
  return { signingKey: loadEd25519Key(path, 'private', '--sign') };
}

/** --fail-on and --min-severity, checked before any traffic; `new` needs a baseline to be new against. */
function failPolicy(failOn: string, minSeverity: string, baseline: string | undefined): FailPolicy {
  if (failOn !== 'any' && failOn !== 'new') throw new OptionError(`--fail-on: "${failOn}" is not one of any, new`);
  if (failOn === 'new' && baseline === undefined) throw new OptionError('--fail-on new: needs --baseline PREVIOUS/results.json to tell what is new');
  if (!isSeverity(minSeverity)) throw new OptionError(`--min-severity: "${minSeverity}" is not one of ${SEVERITIES.join(', ')}`);
  return { failOn, minSeverity };
}

/** --baseline, checked before any traffic: a regular file that is a mageprobe results.json. */
async function baselineOption(path: string): Promise<NonNullable<ScanDiff['baseline']>> {
  const [{ RESULTS_CAP, readResultsFile }, { sha256 }] = await Promise.all([import('./results-file.js'), import('./manifest.js')]);
  const result = readResultsFile(path);
  return { path: resolve(path), sha256: sha256(readRegularFile(path, RESULTS_CAP)), result };
}

interface ScanDiff {
  readonly policy: FailPolicy;
  readonly baseline?: { readonly path: string; readonly sha256: string; readonly result: ScanResult };
}

async function scanAndReport(
  plan: ScanPlan,
  outDir: string,
  manifest: ManifestOptions = {},
  shard?: ScanResult['shard'],
  diff: ScanDiff = { policy: DEFAULT_FAIL_POLICY },
  areaThread?: AreaThread,
): Promise<number> {
  const ids = checksOf(plan).filter((c) => selects(plan.only, c.id, c.area));
  const [{ runScan }, { progressLine, summary }, { scanExitCode }] = await Promise.all([
    import('./run-scan.js'),
    import('../reporters/console.js'),
    import('./manifest.js'),
  ]);
  // First SIGINT/SIGTERM: stop traffic and report what finished; a second one leaves at once.
  const interrupt = new AbortController();
  const progress = batchedLines();
  // A run that ends abruptly (a second signal, a crash) still shows the cases it finished.
  process.once('exit', progress.flush);
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    progress.flush();
    if (interrupt.signal.aborted) exitProcess(signalExitCode(signal));
    console.error(`\nmageprobe: ${signal}: stopping, writing the reports of what finished…`);
    interrupt.abort(signal);
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  console.log(`mageprobe: scanning ${plan.targets.map((t) => t.name).join(', ') || 'no target'} (${ids.length} checks each)`);
  const result = await runScan(plan, {
    outDir,
    signal: interrupt.signal,
    onCase: (c) => progress.line(progressLine(c)),
    manifest: { ...manifest, failPolicy: diff.policy },
    ...(shard ? { shard } : {}),
    ...(diff.baseline ? { baseline: diff.baseline } : {}),
    ...(areaThread ? { areaThread } : {}),
  });
  progress.flush();
  console.log(summary(result));
  console.log(`\nReports: ${outDir}/junit.xml, ${outDir}/results.json, ${outDir}/report.html`);
  console.log(
    `Manifest: ${outDir}/manifest.json${manifest.signingKey ? `, signed in ${outDir}/manifest.sig` : ' (unsigned)'}; check with \`mageprobe verify ${outDir}\``,
  );
  // The code the manifest recorded: a signal that came while the reports were written still ends the scan as interrupted.
  return scanExitCode(result, interrupt.signal, diff.policy);
}

/** `--checks`: a team's own check files and what they declare, or undefined when none was named. */
async function customChecks(patterns: readonly string[]): Promise<CustomChecks | undefined> {
  if (!patterns.length) return undefined;
  const list = patterns.map((p) => p.trim()).filter(Boolean);
  if (!list.length) throw new OptionError("--checks: empty; name your check files, e.g. --checks 'acceptance/*.check.ts'");
  // acceptance/load.ts registers TypeScript (tsx) for the team's files: loaded only when there are some.
  const { CustomChecksError, loadCustomChecks } = await import('../acceptance/load.js');
  return asInputErrors([CustomChecksError], () => loadCustomChecks(list));
}

function parseOnly(raw: string[], checks: readonly CheckSpec[]): string[] {
  const list = raw
    .flatMap((r) => r.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  // `--only ""` (an unset CI variable) must not quietly mean "every check".
  if (raw.length && !list.length) throw new OptionError('--only: empty; name check IDs, prefixes or areas (see `mageprobe checks`)');
  const bad = list.filter((o) => !checks.some((c) => selects([o], c.id, c.area)));
  if (bad.length) throw new OptionError(`--only: no check or area called ${bad.join(', ')} (see \`mageprobe checks\`)`);
  return list;
}

async function shardOption(raw: string): Promise<Shard> {
  const shard = (await import('./shard.js')).parseShard(raw);
  if ('error' in shard) throw new OptionError(shard.error);
  return shard;
}

function requireFile(file: string | undefined): string {
  if (!file) throw new UsageError('a targets file is required (see targets.example.yaml)');
  return file;
}

/**
 * A reader that goes away (`| head`, a closed CI log pipe) takes the console output, not the
 * scan: its reports are still written, with its exit code. Unheard, EPIPE was an internal error.
 */
function outlivingReaders(): void {
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
}

// The second thread of a scan (cli/area-thread.ts) runs this bundle too, for its areas only.
if (!isMainThread && (workerData as Partial<AreaWorkerData> | undefined)?.[AREA_WORKER_DATA]) void import('./area-worker.js');
else {
  outlivingReaders();
  main(process.argv.slice(2)).then(
    (code) => exitProcess(code),
    (e: unknown) => {
      // Input errors: one line each, no stack trace; file names and YAML text made safe to print.
      if (e instanceof InputFileError || e instanceof OptionError) {
        for (const line of e.message.split('\n')) console.error(`mageprobe: ${safeLine(line)}`);
        exitProcess(2);
      }
      if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
        console.error(`mageprobe: ${safeLine((e as Error).message)}\n\n${USAGE}`);
        exitProcess(2);
      }
      if ((e as { code?: string }).code === 'ENOENT') {
        console.error(`mageprobe: ${safeLine((e as Error).message)}`);
        exitProcess(2);
      }
      // Anything else is a bug in mageprobe: an internal error (CHECKS.md), never a verdict.
      console.error('mageprobe: internal error:', e);
      exitProcess(4);
    },
  );
}
