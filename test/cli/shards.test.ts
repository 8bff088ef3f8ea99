import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../cli/manifest.js';
import type { ScanResult } from '../../core/results.js';
import { demoStoreScan } from './demo-store-scan.js';
import { mageprobe } from './run-cli.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const results = (dir: string) => JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ScanResult;

/** What a report says, without the clock: durations and timestamps differ between any two runs. */
const timeless = (text: string) =>
  text
    .replace(/\b(time|timestamp)="[^"]*"/g, '$1="…"')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?/g, 'ISO')
    .replace(/\(\d+ ms\)/g, '(… ms)')
    .replace(/\((\d+ min )?\d+ s\)/g, '(… s)')
    .replace(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT/g, 'HTTP-DATE')
    .replace(/("?(?:durationMs|elapsedMs)"?:) \d+/g, '$1 …')
    .replace(NOT_FOUND_PROBE, 'mp…-missing');

/** Each run asks for its own random path to learn the store's 404 (the not-found baseline). */
const NOT_FOUND_PROBE = /mp[0-9a-f]{12}-missing/g;

// Three stores on loopback (one demo store under three names) and the INT controls (no traffic):
// passes, failures and not-applicable cases, from a multi-target scan split over CI jobs.
describe('scan --shard and merge', { timeout: 240_000 }, () => {
  const { dir, out, targets } = demoStoreScan('mp-shards-', ['shop-prod', 'shop-staging', 'shop-eu']);

  it('shards 1/2 + 2/2 merged equal a single run; 4 shards of 3 targets (one empty) do too', async () => {
    const only = ['--only', 'internal,HDR-01,HDR-02,HDR-07,TLS-07'];
    const runs = await Promise.all([
      mageprobe(['scan', targets, ...only, '--out', out('single')]),
      mageprobe(['scan', targets, ...only, '--shard', '1/2', '--out', out('half-1')]),
      mageprobe(['scan', targets, ...only, '--shard', '2/2', '--out', out('half-2')]),
    ]);
    const quarters = await Promise.all([1, 2, 3, 4].map((i) => mageprobe(['scan', targets, ...only, '--shard', `${i}/4`, '--out', out(`quarter-${i}`)])));
    for (const r of [...runs, ...quarters]) expect([0, 1, 3], r.stderr).toContain(r.code);

    const single = results(out('single'));
    const outcomes = new Set(single.cases.map((c) => c.verdict.outcome));
    expect(outcomes).toEqual(new Set(['pass', 'fail', 'not-applicable']));
    expect(single.cases.length).toBe(3 * (11 + 4));
    expect(single.tool.version).toBe(pkg.version);
    expect(single.shard).toBeUndefined();

    // Each shard scanned its own targets and says which part of which scan it is.
    const halves = [results(out('half-1')), results(out('half-2'))];
    expect(halves.map((h) => h.shard)).toEqual([1, 2].map((index) => ({ index, count: 2, targets: ['shop-prod', 'shop-staging', 'shop-eu'] })));
    const scannedBy = halves.map((h) => [...new Set(h.cases.map((c) => c.target))]);
    expect(scannedBy.flat().sort()).toEqual(['shop-eu', 'shop-prod', 'shop-staging']);
    expect(scannedBy.every((t) => t.length > 0)).toBe(true);
    const quarterTargets = [1, 2, 3, 4].map((i) => new Set(results(out(`quarter-${i}`)).cases.map((c) => c.target)).size);
    expect(quarterTargets.sort()).toEqual([0, 1, 1, 1]);

    for (const [name, parts] of [
      ['merged-halves', ['half-2', 'half-1']],
      ['merged-quarters', ['quarter-1', 'quarter-2', 'quarter-3', 'quarter-4']],
    ] as const) {
      const merge = await mageprobe(['merge', ...parts.map(out), '--out', out(name)]);
      expect(merge.code, merge.stderr).toBe(exitOf(single));
      const merged = results(out(name));
      const shape = (r: ScanResult) =>
        r.cases.map((c) => [
          c.target,
          c.check.id,
          c.verdict.outcome,
          c.verdict.message,
          c.verdict.evidence.map((e) => e.label.replace(NOT_FOUND_PROBE, 'mp…-missing')),
        ]);
      expect(shape(merged)).toEqual(shape(single));
      expect(merged.shard).toBeUndefined();
      expect(merged.internalErrors).toEqual(single.internalErrors);
      expect(merged.warnings).toEqual(single.warnings);
      const shards = parts.map((p) => results(out(p)));
      expect(merged.startedAt).toBe(shards.map((s) => s.startedAt).sort()[0]);
      expect(merged.finishedAt).toBe(
        shards
          .map((s) => s.finishedAt)
          .sort()
          .at(-1),
      );
      // The three reports, clock aside, are those of the single run.
      for (const file of ['junit.xml', 'report.html', 'results.json', 'summary.md']) {
        expect(timeless(readFileSync(join(out(name), file), 'utf8')), file).toBe(timeless(readFileSync(join(out('single'), file), 'utf8')));
      }
      // So is the manifest over them, and it verifies as a scan's does.
      const manifest = (d: string) => JSON.parse(readFileSync(join(out(d), 'manifest.json'), 'utf8')) as Manifest;
      const { targets: t, outcomes, exitCode, internalErrors, interrupted, files } = manifest(name);
      const s = manifest('single');
      expect({ t, outcomes, exitCode, internalErrors, interrupted }).toEqual({
        t: s.targets,
        outcomes: s.outcomes,
        exitCode: s.exitCode,
        internalErrors: s.internalErrors,
        interrupted: s.interrupted,
      });
      expect(files.map((f) => f.name)).toEqual(['junit.xml', 'report.html', 'results.json', 'summary.md']);
      const verify = await mageprobe(['verify', out(name)]);
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    }
  });

  it('refuses a bad --shard in one line, exit 2, before anything is written', async () => {
    const specs = ['0/4', '5/4', '2/0'];
    const outDir = (spec: string) => out(`bad-${spec.replace('/', '-')}`);
    const runs = await Promise.all(specs.map((spec) => mageprobe(['scan', targets, '--only', 'internal', '--shard', spec, '--out', outDir(spec)])));
    runs.forEach((r, i) => {
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^mageprobe: --shard ${specs[i]}: .*write I/N with 1 ≤ I ≤ N`))]);
      expect(existsSync(outDir(specs[i]!))).toBe(false);
    });
  });

  it('merge refuses, exit 2 naming the culprit, a directory without results.json and a target in two shards', async () => {
    const empty = mkdtempSync(join(dir, 'no-results-'));
    const r = await mageprobe(['merge', empty, '--out', out('never')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`mageprobe: ${join(empty, 'results.json')}: no such file`);
    expect(existsSync(out('never'))).toBe(false);

    expect((await mageprobe(['scan', targets, '--only', 'internal', '--target', 'shop-eu', '--out', out('twice-a')])).code).toBe(0);
    cpSync(out('twice-a'), out('twice-b'), { recursive: true });
    const twice = await mageprobe(['merge', out('twice-a'), out('twice-b'), '--out', out('never')]);
    expect(twice.code).toBe(2);
    expect(twice.stderr.trim()).toBe(`mageprobe: ${out('twice-b')}: target "shop-eu" is also in ${out('twice-a')}; each target belongs to one shard`);
    expect(existsSync(out('never'))).toBe(false);
  });

  it('merge of an interrupted part exits as the interrupted run would (143 for SIGTERM) and says so', async () => {
    expect((await mageprobe(['scan', targets, '--only', 'internal', '--target', 'shop-prod', '--out', out('cut')])).code).toBe(0);
    const cut = { ...results(out('cut')), interrupted: { signal: 'SIGTERM', at: new Date().toISOString() } };
    writeFileSync(join(out('cut'), 'results.json'), JSON.stringify(cut));
    const r = await mageprobe(['merge', out('cut'), '--out', out('cut-merged')]);
    expect(r.code).toBe(143);
    expect(results(out('cut-merged')).interrupted).toEqual(cut.interrupted);
    expect(readFileSync(join(out('cut-merged'), 'junit.xml'), 'utf8')).toContain(`<property name="interrupted" value="SIGTERM at ${cut.interrupted.at}"/>`);
  });
});

function exitOf(r: ScanResult): number {
  if (r.internalErrors.length) return 4;
  if (r.cases.some((c) => c.verdict.outcome === 'fail')) return 1;
  return r.cases.some((c) => c.verdict.outcome === 'inconclusive') ? 3 : 0;
}
