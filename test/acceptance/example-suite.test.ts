import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../core/results.js';
import { type HardenedStore, startHardenedStore } from '../lab/magento-app/hardened-store.js';
import { ODD_HOST, type OddStore, startOddStore } from '../lab/odd-stores.js';

const exec = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/mageprobe.js');
const EXAMPLES = 'examples/acceptance/*.check.ts';

async function mageprobe(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec('node', [BIN, ...args], { cwd: ROOT, timeout: 300_000, maxBuffer: 8 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

// The example acceptance suite of a store team (examples/acceptance/), run by `mageprobe scan --checks`
// in the same scan as a built-in check, against the lab's hardened store: it sends no
// Permissions-Policy, so the PSP check fails with the page as evidence; the rest hold.
describe('mageprobe scan --checks examples/acceptance against the hardened lab store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mp-acceptance-'));
  const out = join(dir, 'out');
  let store: HardenedStore;
  let run: { code: number; stdout: string; stderr: string };
  let results: ScanResult & { checks: Record<string, { why: string; fix: string; references: unknown[] }> };
  let junit: string;

  beforeAll(async () => {
    store = await startHardenedStore();
    const file = join(dir, 'targets.yaml');
    writeFileSync(file, `targets:\n${store.targetEntry('hardened')}`);
    run = await mageprobe(['scan', file, '--checks', EXAMPLES, '--only', 'acceptance,HDR-01', '--out', out]);
    results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as typeof results;
    junit = readFileSync(join(out, 'junit.xml'), 'utf8');
  }, 360_000);
  afterAll(() => store?.destroy());

  const verdictOf = (id: string) => results.cases.find((c) => c.check.id === id)?.verdict;

  it('judges the team checks beside the built-in one, each with evidence', () => {
    expect(results.internalErrors, run.stdout + run.stderr).toEqual([]);
    expect(results.cases.map((c) => c.check.id)).toEqual(['HDR-01', 'ACME-01', 'ACME-02', 'ACME-03', 'ACME-04', 'ACME-05']);
    for (const id of ['HDR-01', 'ACME-01', 'ACME-02', 'ACME-04', 'ACME-05']) {
      expect(verdictOf(id)?.outcome, `${id}: ${verdictOf(id)?.message}`).toBe('pass');
      expect(verdictOf(id)?.evidence.length, id).toBeGreaterThan(0);
    }
    expect(verdictOf('ACME-01')?.message).toContain('/var/export/ is blocked');
    expect(verdictOf('ACME-04')?.message).toBe('only TLS 1.2 and TLS 1.3 accepted; SSLv2, SSLv3, TLS 1.0, TLS 1.1 refused');
    expect(verdictOf('ACME-05')?.message).toMatch(/^PUT refused: \/ → 405/);
  });

  it('fails the PSP header check with the page it judged as evidence, and exits 1', () => {
    const acme03 = results.cases.find((c) => c.check.id === 'ACME-03')!;
    expect(acme03.verdict.outcome).toBe('fail');
    expect(acme03.verdict.message).toBe('Permissions-Policy is absent on https://shop.example.test/ (200)');
    const page = acme03.verdict.evidence.find((e) => e.label.startsWith('GET https://shop.example.test/ → 200'));
    expect(page?.facts.headers).toMatchObject({ 'x-frame-options': 'SAMEORIGIN' });
    expect(acme03.check).toMatchObject({ area: 'acceptance', severity: 'medium', source: 'PSP integration guide v7 §5.4' });
    expect(results.checks['ACME-03']?.why).toMatch(/^The PSP refuses to certify/);
    expect(results.checks['ACME-04']).toBeUndefined();
    expect(run.code, run.stdout + run.stderr).toBe(1);
  });

  it('writes the team checks into junit.xml and report.html as built-in ones', () => {
    expect(junit).toContain('<testcase name="ACME-01 Export folders not served" classname="hardened.acceptance"');
    expect(junit).toMatch(
      /<testcase name="ACME-03 Headers our PSP requires on the storefront" classname="hardened.acceptance" time="[\d.]+">\n\s+<failure message="\[medium\] hardened \(shop\.example\.test\): Permissions-Policy is absent on https:\/\/shop\.example\.test\/ \(200\)" type="fail">/,
    );
    expect(junit).toContain('<property name="ACME-03.outcome" value="fail"/>');
    expect(junit).toMatch(/<testcase name="HDR-01 X-Frame-Options restricts framing" classname="hardened.headers" time="[\d.]+">\n\s+<system-out>/);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<b>ACME-03</b> Headers our PSP requires on the storefront');
    expect(html).toContain('<b>Why it matters:</b> The PSP refuses to certify');
  });
});

describe('mageprobe scan --checks refuses colliding IDs before any traffic', () => {
  let odd: OddStore;
  let targets: string;
  beforeAll(async () => {
    odd = await startOddStore((_req, res) => res.end('ok'));
    const dir = mkdtempSync(join(tmpdir(), 'mp-collide-'));
    targets = join(dir, 'targets.yaml');
    writeFileSync(targets, `targets:\n  - name: odd\n    url: http://${ODD_HOST}:${odd.port}/\n    address: 127.0.0.1\n`);
  });
  afterAll(() => odd?.close());

  it('names the catalogue check a team ID collides with, exits 2 and sends nothing', async () => {
    const r = await mageprobe(['scan', targets, '--checks', 'test/acceptance/fixtures/collides.check.ts', '--out', join(tmpdir(), 'mp-collide-out')]);
    expect(r.stderr).toContain(
      'mageprobe: test/acceptance/fixtures/collides.check.ts: check HDR-01 "Our framing rule": collides with the catalogue\'s HDR-01 "X-Frame-Options restricts framing"',
    );
    expect(r.code).toBe(2);
    expect(odd.seen).toEqual([]);
  });

  it('names both files of a duplicated team ID, in scan and in validate', async () => {
    for (const command of ['scan', 'validate']) {
      const r = await mageprobe([command, targets, '--checks', EXAMPLES, '--checks', 'test/acceptance/fixtures/twin.check.ts']);
      expect(r.stderr).toContain(
        'mageprobe: ACME-01 is declared twice: "Export folders not served" in examples/acceptance/export-folder.check.ts and "Exports blocked again" in test/acceptance/fixtures/twin.check.ts',
      );
      expect(r.code).toBe(2);
    }
    expect(odd.seen).toEqual([]);
  });
});
