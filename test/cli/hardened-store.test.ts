import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../core/results.js';
import { releaseTableWarnings } from '../../suites/magento/release-table-age.js';
import { type HardenedStore, startHardenedStore } from '../lab/magento-app/hardened-store.js';

const exec = promisify(execFile);
const BIN = new URL('../../bin/mageprobe.js', import.meta.url).pathname;

// The whole product, end to end: `mageprobe scan` of every check against the lab's fully hardened
// store (TLS from a lab CA, headers, denied paths, refused methods, custom admin, hidden version,
// SSH filtered, only 80/443 open) with its release declared from the deployment record.
describe('mageprobe scan of a fully hardened store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mp-hardened-'));
  let store: HardenedStore;
  let run: { code: number; stdout: string; stderr: string };
  let results: ScanResult;

  beforeAll(async () => {
    store = await startHardenedStore();
    const file = join(dir, 'targets.yaml');
    writeFileSync(file, `targets:\n${store.targetEntry('hardened', '    magento: { version: 2.4.8-p5 }\n')}`);
    try {
      const { stdout, stderr } = await exec('node', [BIN, 'scan', file, '--out', join(dir, 'out')], { timeout: 600_000 });
      run = { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      run = { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
    results = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8')) as ScanResult;
  }, 660_000);
  afterAll(() => store?.destroy());

  // SCR-01..04 judge payment-page scripts against the target's authorised inventory (PCI DSS 6.4.3);
  // this target has none, so they fail, saying how to draft one, whatever the store's hardening.
  const scriptCases = () => results.cases.filter((c) => c.check.area === 'scripts');
  const notClean = () =>
    results.cases
      .filter((c) => c.check.area !== 'scripts' && (c.verdict.outcome === 'fail' || c.verdict.outcome === 'inconclusive'))
      .map((c) => `${c.check.id} ${c.verdict.outcome}: ${c.verdict.message}`)
      .join('\n');

  it('exits 1 only for the missing script inventory: no other failure and nothing inconclusive', () => {
    expect(notClean(), run.stdout + run.stderr).toBe('');
    expect(results.internalErrors).toEqual([]);
    // run-scan fills warnings from the scan's own start time.
    expect(results.warnings).toEqual(releaseTableWarnings(new Date(results.startedAt)));
    expect(
      scriptCases()
        .map((c) => `${c.check.id} ${c.verdict.outcome}`)
        .sort(),
    ).toEqual(['SCR-01 fail', 'SCR-02 fail', 'SCR-03 fail', 'SCR-04 fail']);
    for (const c of scriptCases()) expect(c.verdict.message).toContain('mageprobe inventory TARGETS.yaml --target hardened --out hardened.inventory.yaml');
    expect(run.code, run.stdout + run.stderr).toBe(1);
  });

  it('ran every external check and judged the declared release', () => {
    const outcome = (id: string) => results.cases.find((c) => c.check.id === id)?.verdict;
    for (const id of [
      'NET-01',
      'SSH-01',
      'TLS-01',
      'TLS-03',
      'TLS-04',
      'TLS-07',
      'HDR-06',
      'HDR-08',
      'HDR-09',
      'PATH-02',
      'MTH-01',
      'ADM-01',
      'ADM-02',
      'MAG-01',
    ]) {
      expect(outcome(id)?.outcome, `${id}: ${outcome(id)?.message}`).toBe('pass');
    }
    const mag02 = outcome('MAG-02')!;
    expect(mag02.outcome).toBe('pass');
    expect(mag02.message).toContain('Magento 2.4.8-p5 (declared in the targets file (magento.version), not observed)');
  });
});
