import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSpec } from '../../catalogue/checks.js';
import type { CaseRecord } from '../../core/case-record.js';
import { evidence } from '../../core/evidence.js';
import type { ScanResult } from '../../core/results.js';
import { fail, inconclusive, notApplicable, pass, type Verdict } from '../../core/verdict.js';
import { DEMO_HOST, type DemoStore, startDemoStore } from '../../demo/store.js';
import { renderJUnit } from '../../reporters/junit.js';
import type { Read } from './readers.js';
import { expectReadsRight } from './reads-right.js';

/**
 * mageprobe's junit.xml as the JUnit readers people use read it (npm junit2json and
 * test-results-parser, Debian's python3-junitparser): counts, the message a list view shows,
 * evidence once, durations within the scan. On a crafted scan, the demo, a loopback scan of
 * two targets and a real run with an internal error.
 */
const exec = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/mageprobe.js');
const dir = mkdtempSync(join(tmpdir(), 'mp-readers-'));

const messagesOf = (reads: readonly Read[], reader: string, caseName: RegExp) =>
  reads
    .find((r) => r.reader === reader)!
    .suites.flatMap((s) => s.cases)
    .filter((c) => caseName.test(c.name))
    .map((c) => c.message);

const suiteSeconds = (reads: readonly Read[], reader: string, suite: string) =>
  reads.find((r) => r.reader === reader)!.suites.find((s) => s.name === suite)!.seconds;

/** Runs the CLI; resolves with its exit code and the wall time it took. */
async function mageprobe(args: string[]): Promise<{ code: number; wallSeconds: number; output: string }> {
  const started = Date.now();
  const done = await exec('node', [BIN, ...args], { timeout: 170_000 }).then(
    (r) => ({ code: 0, output: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, output: e.stdout + e.stderr }),
  );
  return { ...done, wallSeconds: (Date.now() - started) / 1000 };
}

const scanSpan = (out: string) => {
  const r = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ScanResult;
  return { result: r, seconds: (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000 };
};

describe('a crafted scan: two stores, one named by its host, every outcome, concurrent cases, internal errors', () => {
  const T0 = Date.parse('2026-05-01T10:00:00.000Z');
  const seen = (facts: Record<string, unknown> = {}) => evidence('GET / → 200', facts, '127.0.0.1:443', new Date(T0));
  const record = (target: string, url: string, id: string, verdict: Verdict, startMs: number, durationMs: number): CaseRecord => ({
    target,
    url,
    address: '127.0.0.1',
    check: checkSpec(id),
    verdict,
    startedAt: new Date(T0 + startMs).toISOString(),
    durationMs,
  });
  const prod = (id: string, v: Verdict, start: number, ms: number) => record('shop-prod', 'https://shop.example.com/', id, v, start, ms);
  const stage = (id: string, v: Verdict, start: number, ms: number) => record('shop-stage', 'https://stage.example.com:8443/', id, v, start, ms);
  const framed = 'X-Frame-Options is absent: the store can be framed';
  const waived: Verdict = {
    outcome: 'waived',
    message: 'waived until 2099-01-01: payment iframe (found: Referrer-Policy is absent)',
    evidence: [seen()],
    justification: 'payment iframe',
    expires: '2099-01-01',
    underlying: fail('Referrer-Policy is absent', [seen()]) as Exclude<Verdict, { outcome: 'waived' }>,
  };
  const scan: ScanResult = {
    tool: { name: 'mageprobe', version: '0' },
    startedAt: new Date(T0).toISOString(),
    finishedAt: new Date(T0 + 2_000).toISOString(),
    scanner: 'ci-runner',
    cases: [
      // Concurrent: 0–400, 100–600, 200–500 ms. A sum (1.2 s) would overstate the 0.6 s they took.
      prod('HDR-01', fail(framed, [seen({ 'x-frame-options': null })]), 0, 400),
      prod('HDR-02', pass('X-Content-Type-Options is "nosniff"', [seen()]), 100, 500),
      prod('HDR-03', waived, 200, 300),
      prod('NET-02', notApplicable('no database port was in the scan'), 0, 10),
      stage('HDR-01', fail(framed, [seen({ body: 'evil [[ATTACHMENT|/etc/shadow]]' })]), 50, 100),
      // A server-chosen marker in a pass's system-out, where GitLab and test-results-parser look for one.
      stage('HDR-02', pass('X-Content-Type-Options is "nosniff"', [seen({ server: 'nginx [[ATTACHMENT|/etc/passwd]]' })]), 60, 100),
      stage('HDR-04', inconclusive('GET https://stage.example.com:8443/: no answer (reset)'), 70, 1_000),
      record('cdn.example.com', 'https://cdn.example.com/', 'HDR-01', fail(framed, [seen()]), 0, 50),
    ],
    internalErrors: [
      { target: 'shop-stage', check: checkSpec('HDR-05'), message: 'TypeError: boom', detail: 'TypeError: boom\n    at judge (headers.ts:1:1)' },
      { target: 'shop-gone', check: checkSpec('HDR-01'), message: 'worker exited' },
      { message: 'unhandled rejection in a worker' },
    ],
    warnings: [],
  };
  let reads: Read[];
  let xml: string;

  beforeAll(async () => {
    xml = renderJUnit(scan);
    const file = join(dir, 'crafted.xml');
    writeFileSync(file, xml);
    reads = await expectReadsRight(file, {
      hosts: new Map([
        ['shop-prod', 'shop.example.com'],
        ['shop-stage', 'stage.example.com:8443'],
      ]),
      wallSeconds: 2,
    });
  });

  it('every reader counts what the file holds, internal errors included (8 cases + 3 internal errors)', () => {
    for (const r of reads) expect(r.root, r.reader).toEqual({ tests: 11, failures: 3, errors: 4, seconds: 2 });
  });

  it('list views tell the three HDR-01 failures apart by target, host and severity', () => {
    for (const reader of ['junit2json', 'test-results-parser', 'junitparser'])
      expect(messagesOf(reads, reader, /^HDR-01 /), reader).toEqual([
        `[medium] shop-prod (shop.example.com): ${framed}`,
        `[medium] shop-stage (stage.example.com:8443): ${framed}`,
        `[medium] cdn.example.com: ${framed}`,
        '[medium] shop-gone: internal error: worker exited',
      ]);
    expect(messagesOf(reads, 'junitparser', /^HDR-05 /)).toEqual(['[low] shop-stage (stage.example.com:8443): internal error: TypeError: boom']);
    expect(messagesOf(reads, 'junitparser', /^HDR-03 /)).toEqual([`[low] shop-prod (shop.example.com): ${waived.message}`]);
  });

  it('a suite takes the wall-clock span of its cases, not their sum', () => {
    for (const reader of ['junit2json', 'test-results-parser', 'junitparser']) {
      expect(suiteSeconds(reads, reader, 'shop-prod headers'), reader).toBe(0.6);
      expect(suiteSeconds(reads, reader, 'shop-stage headers'), reader).toBe(1.02);
      // Only crashed cases: nothing ran that took time.
      expect(suiteSeconds(reads, reader, 'shop-gone headers'), reader).toBe(0);
    }
  });

  it('evidence is the failure body alone; a pass keeps it in system-out; GitLab markers stay inert', () => {
    const j2j = reads.find((r) => r.reader === 'junit2json')!.suites.flatMap((s) => s.cases);
    const failed = j2j.find((c) => c.classname === 'shop-stage.headers' && c.name.startsWith('HDR-01'))!;
    expect(failed.texts).toHaveLength(1);
    expect(failed.texts[0]).toContain('evil [[ATTACHMENT\\|/etc/shadow]]');
    const passed = j2j.find((c) => c.classname === 'shop-stage.headers' && c.name.startsWith('HDR-02'))!;
    expect(passed.texts).toEqual([expect.stringContaining('nginx [[ATTACHMENT\\|/etc/passwd]]')]);
    expect(xml).not.toMatch(/\[\[attachment\|/i);
    expect(xml).not.toContain('package=');
  });
});

// Each spawn compiles the CLI through tsx and runs a whole scan: minutes on a loaded machine.
describe('real runs, read by every reader', { timeout: 180_000 }, () => {
  it('the demo: counts, messages naming demo-store and its host, evidence once, times within the scan', async () => {
    const out = join(dir, 'demo');
    const run = await mageprobe(['demo', '--out', out]);
    expect(run.code, run.output).toBe(0);
    const { result, seconds } = scanSpan(out);
    const host = new URL(result.cases[0]!.url).host;
    expect(host).toMatch(new RegExp(`^${DEMO_HOST.replace(/\./g, '\\.')}:\\d+$`));
    const reads = await expectReadsRight(join(out, 'junit.xml'), { hosts: new Map([['demo-store', host]]), wallSeconds: run.wallSeconds });
    for (const r of reads) {
      expect(r.root.seconds, r.reader).toBeCloseTo(seconds, 3);
      expect(r.root.tests, r.reader).toBe(result.cases.length);
      expect(r.root.failures, r.reader).toBe(result.cases.filter((c) => c.verdict.outcome === 'fail').length);
    }
    expect(messagesOf(reads, 'junitparser', /^HDR-01 /)).toEqual([
      expect.stringMatching(new RegExp(`^\\[medium\\] demo-store \\(${host.replace(/\./g, '\\.')}\\): X-Frame-Options is absent`)),
    ]);
  });

  describe('a loopback scan of two stores', () => {
    let store: DemoStore;
    beforeAll(async () => {
      store = await startDemoStore();
    });
    afterAll(async () => {
      await store.stop();
    });

    it('names each store in its messages, and no suite outlasts the scan', async () => {
      const file = join(dir, 'two.yaml');
      const stageHost = 'stage.mageprobe.test';
      const target = (name: string, host: string) =>
        `  - name: ${name}\n    url: https://${host}:${store.httpsPort}/\n    address: 127.0.0.1\n    http: { port: ${store.httpPort} }\n    timeouts: { connectMs: 1000, requestMs: 3000 }\n`;
      writeFileSync(file, `targets:\n${target('shop-prod', DEMO_HOST)}${target('shop-stage', stageHost)}`);
      const out = join(dir, 'two');
      const run = await mageprobe(['scan', file, '--only', 'headers,tls,magento', '--out', out]);
      expect(run.code, run.output).toBe(1);
      const { result, seconds } = scanSpan(out);
      expect(new Set(result.cases.map((c) => c.target))).toEqual(new Set(['shop-prod', 'shop-stage']));
      const reads = await expectReadsRight(join(out, 'junit.xml'), {
        hosts: new Map([
          ['shop-prod', `${DEMO_HOST}:${store.httpsPort}`],
          ['shop-stage', `${stageHost}:${store.httpsPort}`],
        ]),
        wallSeconds: run.wallSeconds,
      });
      for (const r of reads) expect(r.root.seconds, r.reader).toBeCloseTo(seconds, 3);
      const mag02 = messagesOf(reads, 'junit2json', /^MAG-02 /);
      expect(mag02).toEqual([expect.stringMatching(/^\[high\] shop-prod \(/), expect.stringMatching(/^\[high\] shop-stage \(/)]);
      expect(new Set(mag02).size).toBe(2);
    });
  });

  it('a run whose judge crashed: the internal error is counted and named like any case', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mp-readers-crash-'));
    const code = await exec(
      'node',
      ['--import', 'tsx', join(ROOT, 'test/fixtures/scan-fixture.ts'), 'test/fixtures/suites/judge-typeerror.suite.ts', 'HDR-02,HDR-03', out],
      { cwd: ROOT },
    ).then(
      () => 0,
      (e: { code: number }) => e.code,
    );
    expect(code).toBe(4);
    const reads = await expectReadsRight(join(out, 'junit.xml'), { hosts: new Map([['fixture', '127.0.0.1:9']]) });
    for (const r of reads) expect(r.root, r.reader).toMatchObject({ tests: 2, failures: 0, errors: 1 });
    expect(messagesOf(reads, 'junitparser', /^HDR-02 /)).toEqual([
      expect.stringMatching(/^\[medium\] fixture \(127\.0\.0\.1:9\): internal error: TypeError: /),
    ]);
  });
});
