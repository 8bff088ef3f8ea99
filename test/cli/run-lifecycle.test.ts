import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSpec } from '../../catalogue/checks.js';
import type { ScanResult } from '../../core/results.js';

const exec = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/mageprobe.js');
const XSD = join(ROOT, 'test/fixtures/junit-10.xsd');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A loopback store whose every answer is slow; records when each request came and which sockets are open. */
async function slowStore(answer: (path: string, res: import('node:http').ServerResponse) => void) {
  const requests: { at: number; path: string }[] = [];
  const open = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    requests.push({ at: Date.now(), path: req.url ?? '' });
    answer(req.url ?? '', res);
  });
  server.on('connection', (s) => {
    open.add(s);
    s.on('close', () => open.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    open,
    stop: () => {
      for (const s of open) s.destroy();
      return new Promise((r) => server.close(r));
    },
  };
}

type Store = Awaited<ReturnType<typeof slowStore>>;

function targetsFor(dir: string, port: number, timeouts: string): string {
  const file = join(dir, 'targets.yaml');
  writeFileSync(file, `targets:\n  - name: slow\n    url: http://127.0.0.1:${port}/\n    timeouts: ${timeouts}\n`);
  return file;
}

/** Processes still carrying this scan's TMPDIR: a worker that outlived the CLI would be one. */
function processesWith(marker: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/environ`, 'utf8').includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('run lifecycle (CLI against loopback servers)', () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.stop();
    store = undefined;
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s stops all traffic, ends the workers, writes reports of what finished marked interrupted, exits %i',
    async (signal, code) => {
      // Every answer takes 400 ms: the path checks keep sending for far longer than this test waits.
      store = await slowStore((_path, res) => setTimeout(() => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>'), 400));
      const dir = mkdtempSync(join(tmpdir(), 'mp-interrupt-'));
      const tmp = join(dir, 'tmp');
      const out = join(dir, 'reports');
      mkdirSync(tmp);
      mkdirSync(out);
      writeFileSync(join(out, 'junit.xml'), '<testsuites name="STALE from the last run"/>');
      const child = spawn('node', [BIN, 'scan', targetsFor(dir, store.port, '{ connectMs: 1000, requestMs: 5000 }'), '--only', 'PATH', '--out', out], {
        env: { ...process.env, TMPDIR: tmp, NO_COLOR: '1' },
      });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      while (store.requests.length < 8) await sleep(50);
      const signalledAt = Date.now();
      child.kill(signal);
      expect(await exited).toBe(code);
      await sleep(2_000);
      // No request after the signal and a short grace (workers get SIGTERM, SIGKILL 500 ms later).
      expect(store.requests.filter((r) => r.at > signalledAt + 1_000)).toEqual([]);
      expect(store.open.size).toBe(0);
      expect(processesWith(tmp)).toEqual([]);
      // Our work directory is gone (tsx keeps its own transpile cache there, by design).
      expect(readdirSync(tmp).filter((f) => f.startsWith('mageprobe-'))).toEqual([]);

      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ScanResult;
      expect(results.interrupted?.signal).toBe(signal);
      const unfinished = results.cases.filter((c) => c.verdict.message === `interrupted before it finished (${signal})`);
      expect(unfinished.length).toBeGreaterThan(0);
      expect(unfinished.every((c) => c.verdict.outcome === 'inconclusive' && /^PATH-0\d$/.test(c.check.id))).toBe(true);
      expect(results.cases.map((c) => c.check.id).sort()).toEqual(['PATH-01', 'PATH-02', 'PATH-03', 'PATH-04', 'PATH-05', 'PATH-06', 'PATH-07', 'PATH-08']);
      expect(results.internalErrors).toEqual([]);
      const xml = readFileSync(join(out, 'junit.xml'), 'utf8');
      expect(xml).not.toContain('STALE');
      expect(xml).toContain(`<property name="interrupted" value="${signal} at ${results.interrupted!.at}"/>`);
      expect(xml).toMatch(
        new RegExp(
          `<testcase name="${unfinished[0]!.check.id} [^"]+" classname="slow\\.paths"[^>]*>\\s*<error message="\\[${unfinished[0]!.check.severity}\\] slow \\(127\\.0\\.0\\.1:\\d+\\): interrupted before it finished \\(${signal}\\)"`,
        ),
      );
      await exec('xmllint', ['--noout', '--schema', XSD, join(out, 'junit.xml')]);
      expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(`Interrupted by ${signal}`);
      expect(stdout).toContain(`INTERRUPTED by ${signal}`);
      expect(readdirSync(out).sort()).toEqual(['junit.xml', 'manifest.json', 'report.html', 'results.json', 'summary.md']);
      // The manifest is written after the reports even when interrupted, and records the signal's exit code.
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { interrupted: string; exitCode: number; files: { name: string }[] };
      expect([manifest.interrupted, manifest.exitCode]).toEqual([signal, code]);
      expect(manifest.files.map((f) => f.name)).toEqual(['junit.xml', 'report.html', 'results.json', 'summary.md']);
    },
    120_000,
  );

  it('a signal during start-up, before any check ran, still writes reports naming every planned check', async () => {
    store = await slowStore((_path, res) => res.writeHead(404).end());
    const dir = mkdtempSync(join(tmpdir(), 'mp-early-'));
    const out = join(dir, 'reports');
    const child = spawn('node', [BIN, 'scan', targetsFor(dir, store.port, '{ connectMs: 1000 }'), '--only', 'PATH-01,PATH-02', '--out', out]);
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    await new Promise<void>((r) => child.stdout.on('data', (d: Buffer) => d.toString().includes('mageprobe: scanning') && r()));
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    await sleep(1_500);
    expect(store.requests.filter((q) => q.at > signalledAt + 1_000)).toEqual([]);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ScanResult;
    expect(results.cases.map((c) => [c.check.id, c.verdict.outcome, c.verdict.message])).toEqual([
      ['PATH-01', 'inconclusive', 'interrupted before it finished (SIGTERM)'],
      ['PATH-02', 'inconclusive', 'interrupted before it finished (SIGTERM)'],
    ]);
  }, 120_000);

  it('ends a target after timeouts.targetMs when every path drips, its checks inconclusive and its sockets closed', async () => {
    // "/" answers; every other path sends headers, then a byte every 500 ms for ever.
    store = await slowStore((path, res) => {
      if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Shop</h1>');
      res.writeHead(200, { 'content-type': 'text/html' });
      const drip = setInterval(() => res.write('.'), 500);
      res.on('close', () => clearInterval(drip));
    });
    const dir = mkdtempSync(join(tmpdir(), 'mp-budget-'));
    const out = join(dir, 'reports');
    const started = Date.now();
    const r = await exec(
      'node',
      [BIN, 'scan', targetsFor(dir, store.port, '{ connectMs: 1000, requestMs: 60000, targetMs: 6000 }'), '--only', 'PATH', '--out', out],
      {
        env: { ...process.env, NO_COLOR: '1' },
      },
    ).then(
      () => ({ code: 0 }),
      (e: { code: number }) => ({ code: e.code }),
    );
    const wall = Date.now() - started;
    expect(r.code).toBe(3);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ScanResult;
    const scanMs = Date.parse(results.finishedAt) - Date.parse(results.startedAt);
    // Within about targetMs: the budget, then a worker's teardown and the reports.
    expect(scanMs).toBeGreaterThanOrEqual(6_000);
    expect(scanMs).toBeLessThan(6_000 + 3_000);
    expect(results.cases).toHaveLength(8);
    for (const c of results.cases) {
      expect(c.verdict).toMatchObject({ outcome: 'inconclusive', message: expect.stringMatching(/^target time budget of 6 s spent/) });
    }
    // The checks were under way (dripping answers held them), not merely never started.
    expect(store.requests.filter((q) => q.path !== '/').length).toBeGreaterThan(0);
    await sleep(500);
    expect(store.open.size).toBe(0);
    console.log(`budget test: scan ${scanMs} ms, CLI wall ${wall} ms, ${store.requests.length} requests`);
  }, 120_000);
});

describe('internal errors end to end (runScan through vitest, on fixture suites: the path of --checks)', () => {
  const scanFixture = async (suite: string, only: string, ...extra: string[]) => {
    const out = mkdtempSync(join(tmpdir(), 'mp-crash-'));
    const code = await exec(
      'node',
      ['--import', 'tsx', join(ROOT, 'test/fixtures/scan-fixture.ts'), `test/fixtures/suites/${suite}.suite.ts`, only, out, ...extra],
      { cwd: ROOT },
    ).then(
      () => 0,
      (e: { code: number }) => e.code,
    );
    return { code, out, results: JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ScanResult, xml: readFileSync(join(out, 'junit.xml'), 'utf8') };
  };

  it('a TypeError in a judge exits 4 and names the case in junit.xml as an internal error; the other check still reports', async () => {
    const { code, out, results, xml } = await scanFixture('judge-typeerror', 'HDR-02,HDR-03');
    expect(code).toBe(4);
    expect(results.cases.map((c) => [c.check.id, c.verdict.outcome])).toEqual([['HDR-03', 'pass']]);
    expect(results.internalErrors.map((e) => [e.target, e.check?.id, e.message])).toEqual([
      ['fixture', 'HDR-02', "TypeError: Cannot read properties of undefined (reading 'x-content-type-options')"],
    ]);
    expect(xml).toMatch(
      /<testcase name="HDR-02 X-Content-Type-Options is nosniff" classname="fixture\.headers" time="0\.000">\s*<error message="\[medium\] fixture \(127\.0\.0\.1:9\): internal error: TypeError: Cannot read properties of undefined/,
    );
    expect(xml).toMatch(/<error [^>]*type="internal-error">TypeError[^<]*\n\s+at /);
    await exec('xmllint', ['--noout', '--schema', XSD, join(out, 'junit.xml')]);
  }, 120_000);

  it.each([
    ['worker-dies', 'HDR-02,HDR-03', ['HDR-02', 'HDR-03'], /never reported a result: .*Worker exited unexpectedly/],
    ['worker-exits', 'HDR-02', ['HDR-02'], /^ExitCalled: process\.exit\(7\) called inside a check$/],
  ])(
    '%s: each planned check of that worker is an internal error by name, exit 4',
    async (suite, only, ids, why) => {
      const { code, results, xml } = await scanFixture(suite, only);
      expect(code).toBe(4);
      expect(results.cases).toEqual([]);
      const named = results.internalErrors.filter((e) => e.check);
      expect(named.map((e) => [e.target, e.check!.id])).toEqual(ids.map((id) => ['fixture', id]));
      for (const e of named) expect(e.message).toMatch(why);
      for (const id of ids)
        expect(xml).toMatch(
          new RegExp(
            `<testcase name="${id} [^"]+" classname="fixture\\.headers"[^>]*>\\s*<error message="\\[${checkSpec(id).severity}\\] fixture: internal error: [^"]*" type="internal-error">`,
          ),
        );
    },
    120_000,
  );

  it('a wedged worker (event loop blocked) is ended by the scan itself 15 s after the budget; its check inconclusive', async () => {
    // 8 s: enough for the worker to start and wedge before the budget is spent.
    const { code, results } = await scanFixture('worker-wedged', 'HDR-02', '8000');
    expect(code).toBe(3);
    expect(results.internalErrors).toEqual([]);
    expect(results.cases.map((c) => [c.check.id, c.verdict.outcome, c.verdict.message])).toEqual([
      ['HDR-02', 'inconclusive', 'target time budget of 8 s spent before this check finished (timeouts.targetMs)'],
    ]);
    const scanMs = Date.parse(results.finishedAt) - Date.parse(results.startedAt);
    expect(scanMs).toBeGreaterThanOrEqual(23_000);
    expect(scanMs).toBeLessThan(23_000 + 8_000);
  }, 120_000);
});

describe('internal errors end to end (the in-process scan `mageprobe scan` runs built-in checks with)', () => {
  const scanInProcess = async (name: string) => {
    const out = mkdtempSync(join(tmpdir(), 'mp-inproc-'));
    const code = await exec('node', ['--import', 'tsx', join(ROOT, 'test/cli/in-process-fixture.ts'), name, out], { cwd: ROOT }).then(
      () => 0,
      (e: { code: number }) => e.code,
    );
    return { code, out, results: JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ScanResult, xml: readFileSync(join(out, 'junit.xml'), 'utf8') };
  };

  it.each([
    ['judge-typeerror', /^TypeError: Cannot read properties of undefined \(reading 'x-content-type-options'\)$/],
    ['check-exits', /^ExitCalled: process\.exit\(7\) called inside a check$/],
  ])(
    '%s: that case is an internal error by name in every report, the other check still judged, exit 4',
    async (name, why) => {
      const { code, out, results, xml } = await scanInProcess(name);
      expect(code).toBe(4);
      expect(results.cases.map((c) => [c.check.id, c.verdict.outcome])).toEqual([['HDR-03', 'pass']]);
      expect(results.internalErrors.map((e) => [e.target, e.check?.id])).toEqual([['fixture', 'HDR-02']]);
      expect(results.internalErrors[0]!.message).toMatch(why);
      expect(xml).toMatch(
        /<testcase name="HDR-02 X-Content-Type-Options is nosniff" classname="fixture\.headers" time="0\.000">\s*<error message="\[medium\] fixture \(127\.0\.0\.1:9\): internal error: [^"]+" type="internal-error">/,
      );
      await exec('xmllint', ['--noout', '--schema', XSD, join(out, 'junit.xml')]);
    },
    60_000,
  );

  it('a check that never settles ends inconclusive when its target budget is spent, and the reports are written', async () => {
    const { code, results } = await scanInProcess('never-settles');
    expect(code).toBe(3);
    expect(results.cases.map((c) => [c.check.id, c.verdict.outcome])).toEqual([
      ['HDR-02', 'inconclusive'],
      ['HDR-03', 'pass'],
    ]);
    expect(results.cases[0]!.verdict.message).toMatch(/^target time budget of 1 s spent before this check finished/);
  }, 60_000);

  it("an error thrown in a check's timer, where no case awaits it, is that case's internal error, not its verdict; the scan finishes with its reports", async () => {
    const { code, results } = await scanInProcess('stray-throw');
    expect(code).toBe(4);
    expect(results.cases.map((c) => [c.check.id, c.verdict.outcome])).toEqual([['HDR-03', 'pass']]);
    expect(results.internalErrors.map((e) => [e.target, e.check?.id, e.message])).toEqual([
      ['fixture', 'HDR-02', 'TypeError: stray: thrown from a timer of HDR-02'],
    ]);
  }, 60_000);
});
