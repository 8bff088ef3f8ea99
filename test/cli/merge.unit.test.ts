import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSpec } from '../../catalogue/checks.js';
import { mergeRuns } from '../../cli/merge.js';
import { readScanRun, type ScanRun } from '../../cli/results-file.js';
import type { CaseRecord } from '../../core/case-record.js';
import { evidence } from '../../core/evidence.js';
import { InputFileError } from '../../core/input-file.js';
import type { ScanResult } from '../../core/results.js';
import { fail, notApplicable, pass } from '../../core/verdict.js';
import { renderJson } from '../../reporters/json.js';

const CHECK_IDS = ['HDR-01', 'HDR-02'] as const;

function caseOf(target: string, id: string, outcome: 'pass' | 'fail' | 'not-applicable'): CaseRecord {
  const seen = evidence(`GET https://${target}.test/ → 200`, { status: 200 }, undefined, new Date('2026-11-30T10:00:00Z'));
  const verdict = outcome === 'pass' ? pass('fine', [seen]) : outcome === 'fail' ? fail('missing', [seen]) : notApplicable('n/a');
  return { target, url: `https://${target}.test/`, check: checkSpec(id), verdict, startedAt: '2026-11-30T10:00:00.000Z', durationMs: 5 };
}

function run(dir: string, targets: readonly string[], extra: Partial<ScanResult> = {}): ScanRun {
  const result: ScanResult = {
    tool: { name: 'mageprobe', version: '1.2.3' },
    startedAt: '2026-11-30T10:00:00.000Z',
    finishedAt: '2026-11-30T10:01:00.000Z',
    scanner: 'ci-runner',
    cases: targets.flatMap((t) => CHECK_IDS.map((id, i) => caseOf(t, id, i ? 'fail' : 'pass'))),
    internalErrors: [],
    warnings: [],
    ...extra,
  };
  return { dir, result };
}

const shard = (index: number, count: number, targets = ['a', 'b', 'c']) => ({ shard: { index, count, targets } });

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputFileError);
    return (e as Error).message;
  }
  throw new Error('expected an InputFileError');
}

describe('mergeRuns joins shards into the result of one run', () => {
  it("orders cases by the targets file (as recorded by the shards), keeping each target's case order", () => {
    const merged = mergeRuns([run('s2', ['b'], shard(2, 2)), run('s1', ['c', 'a'], shard(1, 2))]);
    expect(merged.cases.map((c) => `${c.target} ${c.check.id} ${c.verdict.outcome}`)).toEqual([
      'a HDR-01 pass',
      'a HDR-02 fail',
      'b HDR-01 pass',
      'b HDR-02 fail',
      'c HDR-01 pass',
      'c HDR-02 fail',
    ]);
    expect(merged.shard).toBeUndefined();
  });

  it('takes the earliest start and the latest finish', () => {
    const merged = mergeRuns([
      run('s1', ['a'], { ...shard(1, 2), startedAt: '2026-11-30T10:00:05.000Z', finishedAt: '2026-11-30T10:03:00.000Z' }),
      run('s2', ['b', 'c'], { ...shard(2, 2), startedAt: '2026-11-30T09:59:00.000Z', finishedAt: '2026-11-30T10:02:00.000Z' }),
    ]);
    expect([merged.startedAt, merged.finishedAt]).toEqual(['2026-11-30T09:59:00.000Z', '2026-11-30T10:03:00.000Z']);
  });

  it('keeps each warning once, and names every scanner host', () => {
    const merged = mergeRuns([
      run('s1', ['a'], { ...shard(1, 2), warnings: ['release table is 200 days old', 'x'], scanner: 'runner-1' }),
      run('s2', ['b', 'c'], { ...shard(2, 2), warnings: ['release table is 200 days old'], scanner: 'runner-2' }),
    ]);
    expect(merged.warnings).toEqual(['release table is 200 days old', 'x']);
    expect(merged.scanner).toBe('runner-1, runner-2');
  });

  it('is interrupted if any shard was (the earliest interruption)', () => {
    const at = (t: string) => ({ signal: 'SIGTERM' as const, at: t });
    expect(mergeRuns([run('s1', ['a'], shard(1, 2)), run('s2', ['b', 'c'], shard(2, 2))]).interrupted).toBeUndefined();
    const merged = mergeRuns([
      run('s1', ['a'], { ...shard(1, 3), interrupted: at('2026-11-30T10:00:30.000Z') }),
      run('s2', ['b'], shard(2, 3)),
      run('s3', ['c'], { ...shard(3, 3), interrupted: at('2026-11-30T10:00:10.000Z') }),
    ]);
    expect(merged.interrupted).toEqual(at('2026-11-30T10:00:10.000Z'));
  });

  it('keeps internal errors in place by target, and a crash reported by several shards once', () => {
    const crash = { message: 'suite failed to load', detail: 'stack' };
    const merged = mergeRuns([
      run('s2', ['b'], { ...shard(2, 2), internalErrors: [crash] }),
      run('s1', ['a'], {
        ...shard(1, 2),
        cases: [caseOf('a', 'HDR-01', 'pass')],
        internalErrors: [{ target: 'a', check: checkSpec('HDR-02'), message: 'TypeError: x' }, crash],
      }),
    ]);
    expect(merged.internalErrors).toEqual([{ target: 'a', check: checkSpec('HDR-02'), message: 'TypeError: x' }, crash]);
  });

  it('merges unsharded runs of disjoint targets in the order given', () => {
    const merged = mergeRuns([run('x', ['b']), run('y', ['a'])]);
    expect(merged.cases.map((c) => c.target)).toEqual(['b', 'b', 'a', 'a']);
  });
});

describe('mergeRuns refuses what one run could not have produced (exit 2)', () => {
  it('the same target in two shards', () => {
    expect(refusal(() => mergeRuns([run('out-1', ['a', 'b']), run('out-2', ['b'])]))).toBe(
      'out-2: target "b" is also in out-1; each target belongs to one shard',
    );
  });

  it('a target whose check crashed in one shard and was judged in another', () => {
    const crashed = run('out-2', [], { internalErrors: [{ target: 'a', check: checkSpec('HDR-01'), message: 'TypeError: x' }] });
    expect(refusal(() => mergeRuns([run('out-1', ['a']), crashed]))).toMatch(/^out-2: target "a" is also in out-1/);
  });

  it('a missing shard', () => {
    expect(refusal(() => mergeRuns([run('s1', ['a'], shard(1, 3)), run('s3', ['c'], shard(3, 3))]))).toBe(
      's1 s3: shard 2/3 missing: a merge needs every shard',
    );
  });

  it('the same shard twice', () => {
    expect(refusal(() => mergeRuns([run('s1', ['a'], shard(1, 2)), run('again', [], shard(1, 2))]))).toBe('again: shard 1/2 again (s1 is that shard too)');
  });

  it('shards of different scans (other count or other targets)', () => {
    expect(refusal(() => mergeRuns([run('s1', ['a'], shard(1, 2)), run('s2', ['b'], shard(2, 3))]))).toMatch(/^s2: shard 2\/3 of another scan than s1/);
    expect(refusal(() => mergeRuns([run('s1', ['a'], shard(1, 2)), run('s2', ['b'], shard(2, 2, ['a', 'b']))]))).toMatch(/^s2: shard 2\/2 of another scan/);
  });

  it('a shard mixed with a run that is not one', () => {
    expect(refusal(() => mergeRuns([run('s1', ['a'], shard(1, 1)), run('plain', ['b'])]))).toMatch(/^plain: not a shard/);
  });

  it('runs by different mageprobe versions', () => {
    expect(refusal(() => mergeRuns([run('s1', ['a']), run('s2', ['b'], { tool: { name: 'mageprobe', version: '9.0.0' } })]))).toBe(
      's2: mageprobe 9.0.0 wrote it, but 1.2.3 wrote s1',
    );
  });

  it('targets judged on different checks (another --only)', () => {
    const other = run('s2', [], { cases: [caseOf('b', 'HDR-01', 'pass')] });
    expect(refusal(() => mergeRuns([run('s1', ['a']), other]))).toMatch(
      /^s2: target "b" was judged on other checks than "a" in s1; run every shard with the same --only$/,
    );
  });
});

describe("readScanRun reads a shard's results.json, or says which file is wrong", () => {
  const base = mkdtempSync(join(tmpdir(), 'mp-merge-'));
  const dirWith = (name: string, text?: string) => {
    const dir = join(base, name);
    mkdirSync(dir);
    if (text !== undefined) writeFileSync(join(dir, 'results.json'), text);
    return dir;
  };

  it('reads back what renderJson wrote, unchanged', () => {
    const original = run('x', ['a'], shard(1, 1, ['a'])).result;
    const dir = dirWith('good', renderJson(original));
    expect(readScanRun(dir).result).toEqual(JSON.parse(renderJson(original)));
  });

  it.each([
    ['missing', undefined, 'no such file'],
    ['not-json', '{"tool":', 'not JSON'],
    ['other-tool', JSON.stringify({ tool: { name: 'zap', version: '1' } }), 'not a mageprobe results.json (tool.name:'],
    ['bad-outcome', renderJson(run('x', ['a']).result).replace('"pass"', '"passed"'), 'not a mageprobe results.json (cases[0].verdict'],
    [
      'pass-without-evidence',
      renderJson({
        ...run('x', ['a']).result,
        cases: [{ ...caseOf('a', 'HDR-01', 'pass'), verdict: { outcome: 'pass', message: 'm', evidence: [] } as never }],
      }),
      'cases[0].verdict',
    ],
  ])('%s → an input error naming DIR/results.json', (name, text, why) => {
    const dir = dirWith(name, text);
    const message = refusal(() => readScanRun(dir));
    expect(message.startsWith(`${join(dir, 'results.json')}: `)).toBe(true);
    expect(message).toContain(why);
    expect(message).not.toContain('\n');
  });
});
