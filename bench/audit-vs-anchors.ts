/**
 * mageprobe against the tools auditors know, side by side on lab hosts (issue 10, "Speed and
 * memory"): a full default audit by `mageprobe scan`, then, back to back on the same host and
 * port set, sslscan + ssh-audit + `nmap -sT -Pn -T4`. Four figures, each with its target:
 *   1. a host that answers (RST on closed ports): mageprobe / anchors ≤ 1.0
 *   2. a default-drop host (nftables drops all but 80 and 443): mageprobe / anchors ≤ 1.0
 *   3. `mageprobe scan --only internal` (no traffic): ≤ 1.5 s wall
 *   4. N targets (default 100; lab addresses under different names): ≤ 60 s wall, ≤ 250 MB peak RSS
 * One untimed scan of each kind first (bundle and code cache built, as in any run after the first).
 * Wall time is measured around each process; peak RSS is the highest sum of VmRSS over the process
 * and all its descendants, sampled every 50 ms (mageprobe runs vitest workers), with GNU time's
 * largest single process beside it when /usr/bin/time is installed.
 *
 * Run as root (lab namespaces): npx tsx bench/audit-vs-anchors.ts [--targets N] [--runs R]
 * The one-host figures are medians of R rounds (default 3), mageprobe and the anchors alternating.
 * Traffic goes only to lab namespaces in 198.18.0.0/15. Missing tools are named, never installed.
 */

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, availableParallelism as nproc, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolvePortSet } from '../probes/net/port-sets.js';
import { LAB_SHOP, startHardenedShop } from '../test/lab/header-hosts.js';
import { createLabHost, dropAllExcept, type LabHost } from '../test/lab/netns.js';
import { makeLabCertificate } from '../test/lab/pki.js';
import { SSHD_MODERN, startSshd } from '../test/ssh/sshd-lab.js';
import { processTree } from './process-tree.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUN_LIMIT_MS = 20 * 60_000;
const SAMPLE_MS = 50;
const { values: opts } = parseArgs({ options: { targets: { type: 'string', default: '100' }, runs: { type: 'string', default: '3' } } });
const MANY = Number(opts.targets);
/** Rounds of each one-host comparison, mageprobe and the anchors alternating: the median round is the figure. */
const RUNS = Math.max(1, Number(opts.runs));

/** What one run of one program cost. */
interface Cost {
  readonly label: string;
  readonly wallMs: number;
  /** Highest VmRSS sum over the process tree, in bytes. */
  readonly treePeakBytes: number;
  /** GNU time's "Maximum resident set size": the largest single process, in bytes. */
  readonly timeMaxBytes?: number;
  readonly exitCode: number | null;
  readonly stdout: string;
  /** The 1-minute load average when the run ended: figures from a busy machine are not comparable. */
  readonly load: string;
}

// ---------- measuring ----------

function treeRssBytes(root: number): number {
  let total = 0;
  for (const pid of processTree(root)) {
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      /* exited meanwhile */
    }
  }
  return total;
}

const haveTime = existsSync('/usr/bin/time');

/** Runs argv to completion, timing it and sampling its process tree's memory. */
function measure(label: string, argv: readonly string[]): Promise<Cost> {
  const [cmd, ...args] = haveTime ? ['/usr/bin/time', '-v', ...argv] : argv;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd!, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let peak = 0;
    const sampler = setInterval(() => {
      if (child.pid) peak = Math.max(peak, treeRssBytes(child.pid));
    }, SAMPLE_MS);
    const limit = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
    child.once('error', reject);
    child.once('close', (code) => {
      const wallMs = performance.now() - t0;
      clearInterval(sampler);
      clearTimeout(limit);
      const maxKb = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
      const exitCode = haveTime ? Number(/Exit status: (\d+)/.exec(stderr)?.[1] ?? code) : code;
      const load = loadavg()[0]!.toFixed(1);
      resolve({ label, wallMs, treePeakBytes: peak, ...(maxKb ? { timeMaxBytes: Number(maxKb) * 1024 } : {}), exitCode, stdout, load });
    });
  });
}

/** Runs several programs back to back, as an auditor would: times add up, the peak is the highest. */
async function backToBack(runs: readonly (readonly [string, readonly string[]])[]): Promise<Cost[]> {
  const costs: Cost[] = [];
  for (const [label, argv] of runs) costs.push(await measure(label, argv));
  return costs;
}

/** The wall time of programs run back to back. */
const sum = (runs: readonly Cost[]) => runs.reduce((s, c) => s + c.wallMs, 0);

/** The middle element by `key` (the upper one of an even count). */
function median<T>(items: readonly T[], key: (t: T) => number): T {
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)]!;
}

// ---------- printing ----------

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;
const costLine = (c: Cost) =>
  `  ${c.label.padEnd(34)} ${secs(c.wallMs).padStart(9)}  peak RSS ${mb(c.treePeakBytes).padStart(7)} (tree)${c.timeMaxBytes === undefined ? '' : `, ${mb(c.timeMaxBytes)} largest process`}  exit ${c.exitCode}  (load ${c.load})`;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
const results: string[] = [];

/** mageprobe's own exit codes: 0 clean, 1 a check failed, 3 inconclusive; anything else spoils the figure. */
function mageprobeRanClean(c: Cost, outDir: string): string {
  const ok = c.exitCode === 0 || c.exitCode === 1 || c.exitCode === 3;
  let cases = 'no results.json';
  try {
    const r = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as { cases?: { verdict: { outcome: string } }[] };
    const counts = new Map<string, number>();
    for (const k of r.cases ?? []) counts.set(k.verdict.outcome, (counts.get(k.verdict.outcome) ?? 0) + 1);
    cases = `${r.cases?.length ?? 0} cases (${[...counts].map(([o, n]) => `${o} ${n}`).join(', ')})`;
  } catch {
    /* reported as missing */
  }
  return `${ok ? '' : `WARNING: exit ${c.exitCode} is not a finished scan; `}${cases}`;
}

// ---------- the lab ----------

interface TargetEntry {
  readonly name: string;
  readonly host: string;
  readonly address: string;
}

function targetsFile(dir: string, name: string, entries: readonly TargetEntry[], caFile: string): string {
  const file = join(dir, `${name}.yaml`);
  const yaml = [
    'defaults:',
    '  ports: { allowed: [80, 443] }',
    `  caFile: ${caFile}`,
    'targets:',
    ...entries.flatMap((e) => [`  - name: ${e.name}`, `    url: https://${e.host}/`, `    address: ${e.address}`]),
    '',
  ].join('\n');
  writeFileSync(file, yaml);
  return file;
}

/** Extra addresses for the answering host's namespace, so N targets are N addresses (one nginx, one sshd). */
async function addAddresses(host: LabHost, count: number): Promise<string[]> {
  const net = host.address.replace(/\.\d+$/, '');
  const addresses = Array.from({ length: count }, (_, i) => `${net}.${10 + i}`);
  const dev = `mpv${host.index}n`;
  await host.exec('ip', ['-batch', '-'], { input: addresses.map((a) => `addr add ${a}/24 dev ${dev}`).join('\n') });
  return addresses;
}

async function missingTools(): Promise<string[]> {
  const tools: [string, string][] = [
    ['sslscan', 'sslscan'],
    ['ssh-audit', 'ssh-audit'],
    ['nmap', 'nmap'],
    ['/usr/bin/time', 'time'],
    ['nginx', 'nginx'],
    ['/usr/sbin/sshd', 'openssh-server'],
    ['nft', 'nftables'],
  ];
  const which = (t: string) => (t.startsWith('/') ? existsSync(t) : (process.env.PATH ?? '').split(':').some((d) => existsSync(join(d, t))));
  return tools.filter(([t]) => !which(t)).map(([t, pkg]) => `${t} (Debian package ${pkg})`);
}

const hosts: LabHost[] = [];
const stops: (() => void)[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'mp-bench-'));
async function teardown(): Promise<void> {
  for (const stop of stops) stop();
  await Promise.all(hosts.map((h) => h.destroy().catch(() => undefined)));
  rmSync(scratch, { recursive: true, force: true });
}
process.once('SIGINT', () => void teardown().then(() => process.exit(130)));

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) {
    console.error('run as root: the lab hosts are network namespaces');
    process.exitCode = 2;
    return;
  }
  const missing = await missingTools();
  if (missing.length) console.log(`missing (apt-get install them to compare; not installed by this script): ${missing.join(', ')}`);
  const anchorsMissing = missing.some((m) => /^(sslscan|ssh-audit|nmap) /.test(m));
  const ports = resolvePortSet('magento');
  const manyNames = Array.from({ length: MANY }, (_, i) => `shop-${String(i + 1).padStart(3, '0')}.lab.test`);
  const cert = await makeLabCertificate([LAB_SHOP, ...manyNames]);

  const [answers, dropping] = await Promise.all([createLabHost(), createLabHost()]);
  hosts.push(answers, dropping);
  for (const h of [answers, dropping]) {
    await startHardenedShop(h, cert);
    // One sshd stands in for the N targets' own: sshd's default MaxStartups (10) would refuse
    // the concurrent handshakes of several targets, which N real hosts never share.
    stops.push(await startSshd(h, [...SSHD_MODERN, 'MaxStartups 200']));
  }
  // A cloud security group: everything but the shop dropped, sshd listening behind the drop.
  await dropping.nft(dropAllExcept([80, 443]));
  const extra = await addAddresses(answers, MANY);

  const mageprobe = (file: string, out: string, ...more: string[]) => ['node', 'bin/mageprobe.js', 'scan', file, '--out', join(scratch, out), ...more];
  const anchorsFor = (address: string) =>
    [
      ['sslscan', ['sslscan', '--no-colour', `--sni-name=${LAB_SHOP}`, `${address}:443`]],
      ['ssh-audit', ['ssh-audit', address]],
      [`nmap -sT -Pn -T4 (${ports.length} ports)`, ['nmap', '-sT', '-Pn', '-T4', '-p', ports.join(','), address]],
    ] as const;

  // Untimed, as a second scan from a CI cache would be: the first run after `npm ci` or a source
  // change bundles the CLI, and the first of each command stores its V8 code cache (bin/mageprobe.js).
  const warmFile = targetsFile(scratch, 'warm', [{ name: 'warm', host: LAB_SHOP, address: answers.address }], cert.caFile);
  for (const extra of [[], ['--only', 'internal']]) await measure('warm-up', mageprobe(warmFile, 'warm', ...extra));
  console.log(
    `${nproc()} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} before the first run`,
  );
  console.log(`mageprobe (default audit, ${ports.length}-port magento set) against sslscan + ssh-audit + nmap -sT -Pn -T4 on the same ports`);
  for (const [name, host, target] of [
    ['host that answers (RST on closed ports)', answers, 'lab-answers'],
    ['default-drop host (nftables: only 80, 443)', dropping, 'lab-drop'],
  ] as const) {
    console.log(`\n== ${name}, ${host.address}`);
    const file = targetsFile(scratch, target, [{ name: target, host: LAB_SHOP, address: host.address }], cert.caFile);
    // Alternating rounds, so a burst of load falls on both sides; each side's median round counts.
    const ourRuns: Cost[] = [];
    const anchorRuns: Cost[][] = [];
    for (let round = 1; round <= RUNS; round++) {
      const run = await measure(`mageprobe scan (round ${round})`, mageprobe(file, target));
      console.log(costLine(run));
      console.log(`    ${mageprobeRanClean(run, join(scratch, target))}`);
      ourRuns.push(run);
      if (anchorsMissing) continue;
      const anchors = await backToBack(anchorsFor(host.address));
      for (const c of anchors) console.log(costLine(c));
      console.log(`  anchors back to back (round ${round})   ${secs(sum(anchors)).padStart(9)}`);
      anchorRuns.push(anchors);
    }
    const ours = median(ourRuns, (c) => c.wallMs);
    if (anchorsMissing) {
      results.push(`${name}: mageprobe ${secs(ours.wallMs)}, anchors not run (missing tools)`);
      continue;
    }
    const anchors = median(anchorRuns, sum);
    const wall = sum(anchors);
    const peak = Math.max(...anchors.map((c) => c.treePeakBytes));
    const ratio = ours.wallMs / wall;
    console.log(`  medians of ${RUNS} rounds: mageprobe ${secs(ours.wallMs)}, anchors back to back ${secs(wall)}  peak RSS ${mb(peak).padStart(7)}`);
    console.log(
      `  ratio mageprobe/anchors: wall ${ratio.toFixed(2)}, peak RSS ${(ours.treePeakBytes / peak).toFixed(1)} (target: wall ≤ 1.0, ${verdict(ratio <= 1)})`,
    );
    results.push(
      `${name} (median of ${RUNS}): mageprobe ${secs(ours.wallMs)} / anchors ${secs(wall)} = ${ratio.toFixed(2)} (≤ 1.0 ${verdict(ratio <= 1)}); peak RSS ${mb(ours.treePeakBytes)} vs ${mb(peak)}`,
    );
  }

  console.log('\n== mageprobe scan --only internal (no traffic)');
  const internalFile = targetsFile(scratch, 'internal', [{ name: 'lab-answers', host: LAB_SHOP, address: answers.address }], cert.caFile);
  const internal = await measure('mageprobe scan --only internal', mageprobe(internalFile, 'internal', '--only', 'internal'));
  console.log(costLine(internal));
  console.log(`    ${mageprobeRanClean(internal, join(scratch, 'internal'))}`);
  results.push(`--only internal: ${secs(internal.wallMs)} (≤ 1.5 s ${verdict(internal.wallMs <= 1500)}); peak RSS ${mb(internal.treePeakBytes)}`);

  console.log(`\n== ${MANY} targets: ${extra[0]}…${extra.at(-1)} in one lab namespace, each its own name`);
  const manyFile = targetsFile(
    scratch,
    'many',
    manyNames.map((host, i) => ({ name: host.split('.')[0]!, host, address: extra[i]! })),
    cert.caFile,
  );
  const many = await measure(`mageprobe scan (${MANY} targets)`, mageprobe(manyFile, 'many'));
  console.log(costLine(many));
  console.log(`    ${mageprobeRanClean(many, join(scratch, 'many'))}`);
  const manyOk = many.wallMs <= 60_000 && many.treePeakBytes <= 250 * 1_048_576;
  results.push(`${MANY} targets: ${secs(many.wallMs)}, peak RSS ${mb(many.treePeakBytes)} (≤ 60 s and ≤ 250 MB ${verdict(manyOk)})`);

  console.log('\n== summary');
  for (const r of results) console.log(`  ${r}`);
}

try {
  await main();
} finally {
  await teardown();
}
