import { AssertionError, strictEqual } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkSpec } from '../../catalogue/checks.js';
import type { CaseRecord } from '../../core/case-record.js';
import type { Check } from '../../core/check.js';
import { createEngine } from '../../core/engine.js';
import { runCheck } from '../../core/evaluate.js';
import { evidence } from '../../core/evidence.js';
import { defineFact } from '../../core/fact.js';
import { CheckCrashed } from '../../core/internal-error.js';
import { exitCodeFor, type ScanResult, signalExitCode } from '../../core/results.js';
import { targetBudget } from '../../core/target-budget.js';
import { makeTarget, parseTargets } from '../../core/targets.js';
import { fail, inconclusive, pass, type Verdict } from '../../core/verdict.js';
import { summary } from '../../reporters/console.js';
import { renderHtml } from '../../reporters/html.js';
import { renderJUnit } from '../../reporters/junit.js';

const XSD = new URL('../fixtures/junit-10.xsd', import.meta.url).pathname;
const target = makeTarget({ name: 'shop', url: 'https://shop.test/' });
const seen = evidence('fixture', {});
const checkThat = (id: string, run: Check['run']): Check => ({ id, run });

describe('runCheck: a bug of ours is no verdict', () => {
  it('turns a TypeError thrown by a judge into CheckCrashed, not inconclusive', async () => {
    const buggy = checkThat('HDR-02', async () => {
      const facts = JSON.parse('{}') as { headers: Record<string, string> };
      return facts.headers['x-content-type-options'] ? pass('set', [seen]) : fail('unset', [seen]);
    });
    const crash = await runCheck(buggy, createEngine(target)).then(
      (v) => v,
      (e: unknown) => e,
    );
    expect(crash).toBeInstanceOf(CheckCrashed);
    expect((crash as CheckCrashed).cause).toBeInstanceOf(TypeError);
    expect((crash as CheckCrashed).message).toMatch(/^HDR-02: TypeError: Cannot read properties of undefined/);
  });

  it.each([
    ['RangeError', () => Buffer.alloc(2).readUInt32BE(0)],
    ['AssertionError', () => strictEqual(1, 2)],
    ['ReferenceError', () => (globalThis as unknown as { undefinedThing: () => void }).undefinedThing()],
  ])('treats a thrown %s as a crash too', async (_name, bug) => {
    const crash = await runCheck(
      checkThat('HDR-03', async () => {
        bug();
        return pass('never', [seen]);
      }),
      createEngine(target),
    ).catch((e: unknown) => e);
    expect(crash).toBeInstanceOf(CheckCrashed);
    if (_name === 'AssertionError') expect((crash as CheckCrashed).cause).toBeInstanceOf(AssertionError);
  });

  it('keeps a thrown network-level error inconclusive, naming it', async () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const v = await runCheck(
      checkThat('HDR-02', () => Promise.reject(reset)),
      createEngine(target),
    );
    expect(v).toMatchObject({ outcome: 'inconclusive', message: 'probe error: Error: read ECONNRESET' });
  });
});

describe('target time budget', () => {
  it('ends a check that outlives the budget as inconclusive and destroys the target’s resources', async () => {
    // The engine's own budget: 1 s from a scan start 700 ms ago; when spent, the engine destroys itself.
    const ctx = createEngine(makeTarget({ name: 'shop', url: 'https://shop.test/', timeouts: { targetMs: 1_000 } }), { scanStartMs: Date.now() - 700 });
    const budget = ctx.budget;
    let destroyed = false;
    await ctx.get(
      defineFact('a socket pool', async () => ({
        destroy: async () => {
          destroyed = true;
        },
        close: async () => undefined,
      })),
    );
    const started = Date.now();
    const v = await runCheck(
      checkThat('PATH-01', () => new Promise<Verdict>(() => undefined)),
      ctx,
      { budget },
    );
    expect(Date.now() - started).toBeLessThan(800);
    expect(v).toMatchObject({ outcome: 'inconclusive', message: expect.stringMatching(/^target time budget of 1 s spent/) });
    await budget.spent;
    expect(destroyed).toBe(true);
    // The abandoned check can start nothing new against the target.
    let gathered = false;
    await expect(ctx.get(defineFact('late', async () => (gathered = true)))).rejects.toThrow(/after the target's checks ended/);
    expect(gathered).toBe(false);
  });

  it('does not start a check once the budget is spent, and lets a quick check finish in time', async () => {
    let ran = false;
    const spent = targetBudget({ timeouts: { ...target.timeouts, targetMs: 1_000 } }, Date.now() - 5_000);
    const v = await runCheck(
      checkThat('PATH-01', async () => {
        ran = true;
        return pass('ok', [seen]);
      }),
      createEngine(target),
      { budget: spent },
    );
    expect([ran, v.outcome]).toEqual([false, 'inconclusive']);
    const fresh = targetBudget({ timeouts: { ...target.timeouts, targetMs: 60_000 } }, Date.now());
    expect(
      (
        await runCheck(
          checkThat('PATH-01', async () => pass('ok', [seen])),
          createEngine(target),
          { budget: fresh },
        )
      ).outcome,
    ).toBe('pass');
    fresh.dispose();
  });

  it('is timeouts.targetMs in the targets file, 15 minutes unless set', () => {
    const [plain, bounded] = parseTargets(
      `targets:\n  - { name: a, url: https://a.test/ }\n  - { name: b, url: https://b.test/, timeouts: { targetMs: 90000 } }\n`,
    );
    expect([plain!.timeouts.targetMs, bounded!.timeouts.targetMs]).toEqual([900_000, 90_000]);
  });
});

const record = (id: string, verdict: Verdict): CaseRecord => ({
  target: 'shop',
  url: 'https://shop.test/',
  check: checkSpec(id),
  verdict,
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 5,
});

const result = (over: Partial<ScanResult>): ScanResult => ({
  tool: { name: 'mageprobe', version: '0' },
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z',
  scanner: 'here',
  cases: [],
  internalErrors: [],
  warnings: [],
  ...over,
});

describe('exit codes and reports', () => {
  const crashed = { target: 'shop', check: checkSpec('HDR-02'), message: 'TypeError: boom', detail: 'TypeError: boom\n    at judge (headers.ts:1:1)' };

  it('orders exit codes: internal error 4 beats fail 1 beats inconclusive 3 beats 0; signals 130 and 143', () => {
    const failed = record('HDR-01', fail('absent', [seen]));
    const unsure = record('HDR-03', inconclusive('timeout'));
    expect(exitCodeFor(result({ cases: [failed, unsure], internalErrors: [crashed] }))).toBe(4);
    expect(exitCodeFor(result({ cases: [failed, unsure] }))).toBe(1);
    expect(exitCodeFor(result({ cases: [unsure] }))).toBe(3);
    expect(exitCodeFor(result({ cases: [record('HDR-03', pass('ok', [seen]))] }))).toBe(0);
    expect([signalExitCode('SIGINT'), signalExitCode('SIGTERM')]).toEqual([130, 143]);
  });

  it('shows an internal error as its own case state in JUnit, HTML and the console, and an interruption in each', async () => {
    const r = result({
      cases: [record('HDR-03', pass('ok', [seen]))],
      internalErrors: [crashed, { message: 'unhandled: worker exited' }],
      interrupted: { signal: 'SIGINT', at: '2026-01-01T00:00:01.000Z' },
    });
    const xml = renderJUnit(r);
    expect(xml).toMatch(
      /<testcase name="HDR-02 [^"]+" classname="shop\.headers" time="0\.000">\s*<error message="\[medium\] shop \(shop\.test\): internal error: TypeError: boom" type="internal-error">TypeError: boom\n {4}at judge/,
    );
    expect(xml).toContain('<property name="HDR-02.outcome" value="internal-error"/>');
    expect(xml).toContain('<property name="interrupted" value="SIGINT at 2026-01-01T00:00:01.000Z"/>');
    expect(xml).toMatch(
      /<testsuite name="mageprobe internal"[^>]*>\s*<testcase name="internal error 1" classname="mageprobe.internal" time="0.000"><error message="mageprobe: internal error: unhandled: worker exited" type="internal-error">/,
    );
    const file = join(mkdtempSync(join(tmpdir(), 'mp-junit-')), 'junit.xml');
    writeFileSync(file, xml);
    await promisify(execFile)('xmllint', ['--noout', '--schema', XSD, file]);
    const html = renderHtml(r);
    expect(html).toMatch(/<b>HDR-02<\/b>[^<]*<\/td><td>[^<]*<\/td>\s*<td[^>]*>internal-error<\/td>/);
    expect(html).toContain('Interrupted by SIGINT');
    const text = summary(r);
    expect(text).toContain('shop HDR-02 X-Content-Type-Options is nosniff: TypeError: boom');
    expect(text).toMatch(/INTERNAL ERRORS/);
    expect(text).toMatch(/INTERRUPTED by SIGINT/);
  });
});
