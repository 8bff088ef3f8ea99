import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../core/results.js';
import { ODD_HOST, type OddStore, startOddStore } from '../lab/odd-stores.js';

const exec = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;

async function mageprobe(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec('node', [join(ROOT, 'bin/mageprobe.js'), ...args], { cwd: ROOT, timeout: 300_000, maxBuffer: 8 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const PAGE = '<!doctype html><html><head><title>Shop</title></head><body><h1>Welcome</h1></body></html>';
const NOT_FOUND = '<!doctype html><html><head><title>404</title></head><body><h1>Not found</h1></body></html>';

// Team checks on a loopback store, through the CLI: a crash in one is an internal error (exit 4), a
// waiver in the targets file covers another, and --only selects by a team's ID.
describe('mageprobe scan --checks on a loopback store', () => {
  let odd: OddStore;
  let dir: string;
  beforeAll(async () => {
    odd = await startOddStore((req, res) => {
      res.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/html', 'x-frame-options': 'DENY' });
      res.end(req.url === '/' ? PAGE : NOT_FOUND);
    });
    dir = mkdtempSync(join(tmpdir(), 'mp-cli-checks-'));
    writeFileSync(
      join(dir, 'targets.yaml'),
      `targets:\n  - name: odd\n    url: http://${ODD_HOST}:${odd.port}/\n    address: 127.0.0.1\n    waivers:\n      - { check: LAB-02, justification: 'Permissions-Policy ships with release 42', expires: '2099-12-31' }\n`,
    );
  });
  afterAll(() => odd?.close());

  it('reports a crashing team check as an internal error by name and exits 4; the waiver covers LAB-02', async () => {
    const out = join(dir, 'all');
    const r = await mageprobe(['scan', join(dir, 'targets.yaml'), '--checks', 'test/acceptance/fixtures/lab-*.check.ts', '--only', 'LAB', '--out', out]);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ScanResult;
    expect(results.cases.map((c) => `${c.check.id} ${c.verdict.outcome}`)).toEqual(['LAB-02 waived', 'LAB-03 pass']);
    expect(results.internalErrors.map((e) => `${e.check?.id} ${e.message}`)).toEqual([
      expect.stringMatching(/^LAB-01 TypeError: Cannot read properties of undefined \(reading 'status'\)$/),
    ]);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toMatch(
      /<testcase name="LAB-01 Crashes in its own code" classname="odd.acceptance" time="0.000">\n\s+<error message="\[low\] odd \(shop\.example\.test:\d+\): internal error: TypeError/,
    );
    expect(r.code, r.stdout + r.stderr).toBe(4);
  });

  it('--only one team ID runs that check alone', async () => {
    odd.seen.length = 0;
    const out = join(dir, 'one');
    const r = await mageprobe(['scan', join(dir, 'targets.yaml'), '--checks', 'test/acceptance/fixtures/lab-*.check.ts', '--only', 'LAB-03', '--out', out]);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ScanResult;
    expect(results.cases.map((c) => `${c.check.id} ${c.verdict.outcome}`)).toEqual(['LAB-03 pass']);
    expect(r.stdout).toContain('(1 checks each)');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    // The landing check, the 12 not-found samples and the path itself: nothing of the other checks.
    expect(odd.seen.filter((s) => s === 'GET /var/export/')).toEqual(['GET /var/export/']);
    expect(odd.seen.length).toBe(14);
  });
});

describe('mageprobe checks --checks', () => {
  it("lists a team's checks after the catalogue, with their own why and fix", async () => {
    const r = await mageprobe(['checks', '--format', 'json', '--checks', 'examples/acceptance/*.check.ts']);
    const docs = JSON.parse(r.stdout) as { id: string; area: string; why: string; fix: string }[];
    expect(docs.slice(-5).map((d) => d.id)).toEqual(['ACME-01', 'ACME-02', 'ACME-03', 'ACME-04', 'ACME-05']);
    expect(docs.find((d) => d.id === 'ACME-01')).toMatchObject({
      area: 'acceptance',
      why: expect.stringMatching(/^Exports hold every customer address/),
      fix: expect.stringMatching(/^nginx: /),
    });
    expect(r.code).toBe(0);
  });
});
