import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { customSpec } from '../../acceptance/spec.js';
import { checkSpec } from '../../catalogue/checks.js';
import { mergeRuns } from '../../cli/merge.js';
import { readScanRun } from '../../cli/results-file.js';
import type { CaseRecord } from '../../core/case-record.js';
import { evidence } from '../../core/evidence.js';
import type { ScanResult } from '../../core/results.js';
import { diffScans } from '../../core/scan-diff.js';
import { fail, pass } from '../../core/verdict.js';
import { renderHtml } from '../../reporters/html.js';
import { renderJson } from '../../reporters/json.js';
import { renderJUnit } from '../../reporters/junit.js';

// A team's check travels through every report, merge and baseline comparison as a built-in one does,
// its remediation text with it.
const EXPORTS = customSpec({
  id: 'ACME-01',
  title: 'Export folder not served',
  severity: 'critical',
  why: 'Exports hold every customer address.',
  fix: 'nginx: `location ^~ /var/ { deny all; }`',
});
const TLS = customSpec({ id: 'ACME-04', title: 'Only TLS 1.2 and 1.3', severity: 'high' });

function caseOf(target: string, check: CaseRecord['check'], outcome: 'pass' | 'fail'): CaseRecord {
  const seen = evidence(`GET https://${target}.test/var/export/ → 200`, { status: 200 }, '198.18.0.2:443', new Date('2026-11-30T10:00:00Z'));
  return {
    target,
    url: `https://${target}.test/`,
    check,
    verdict: outcome === 'pass' ? pass('fine', [seen]) : fail('/var/export/ is served', [seen]),
    startedAt: '2026-11-30T10:00:00.000Z',
    durationMs: 5,
  };
}

const result = (targets: readonly string[], shard?: ScanResult['shard']): ScanResult => ({
  tool: { name: 'mageprobe', version: '1.2.3' },
  startedAt: '2026-11-30T10:00:00.000Z',
  finishedAt: '2026-11-30T10:01:00.000Z',
  scanner: 'ci-runner',
  cases: targets.flatMap((t) => [caseOf(t, checkSpec('HDR-01'), 'pass'), caseOf(t, EXPORTS, 'fail'), caseOf(t, TLS, 'pass')]),
  internalErrors: [],
  warnings: [],
  ...(shard ? { shard } : {}),
});

describe('a custom check in the reports', () => {
  const scan = result(['shop']);

  it('junit.xml: its own test case, suite and properties, as a built-in one', () => {
    const xml = renderJUnit(scan);
    expect(xml).toContain('<testsuite name="shop acceptance" tests="2" failures="1" errors="0" skipped="0"');
    expect(xml).toContain(
      '<testcase name="ACME-01 Export folder not served" classname="shop.acceptance" time="0.005">\n      <failure message="[critical] shop (shop.test): /var/export/ is served" type="fail">ACME-01 Export folder not served: FAIL (severity critical; source: team acceptance check)',
    );
    expect(xml).toContain('<property name="ACME-04.severity" value="high"/>');
  });

  it("results.json and report.html: the team's why and fix under its failure, nothing for a check without them", () => {
    const json = JSON.parse(renderJson(scan)) as { checks: Record<string, unknown> };
    expect(json.checks['ACME-01']).toEqual({ why: 'Exports hold every customer address.', fix: 'nginx: `location ^~ /var/ { deny all; }`', references: [] });
    expect(json.checks['ACME-04']).toBeUndefined();
    expect(Object.keys(json.checks)).toEqual(['HDR-01', 'ACME-01']);
    const html = renderHtml(scan);
    expect(html).toContain(
      '<div class="fix"><p><b>Why it matters:</b> Exports hold every customer address.</p><p><b>Fix:</b> nginx: <code>location ^~ /var/ { deny all; }</code></p></div>',
    );
  });

  it('merge reads shards with custom cases back and joins them as one run', () => {
    const root = mkdtempSync(join(tmpdir(), 'mp-custom-merge-'));
    const runs = [1, 2].map((i) => {
      const dir = join(root, `shard-${i}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'results.json'), renderJson(result([i === 1 ? 'a' : 'b'], { index: i, count: 2, targets: ['a', 'b'] })));
      return readScanRun(dir);
    });
    const merged = mergeRuns(runs);
    expect(merged.cases.map((c) => `${c.target} ${c.check.id} ${c.verdict.outcome}`)).toEqual([
      'a HDR-01 pass',
      'a ACME-01 fail',
      'a ACME-04 pass',
      'b HDR-01 pass',
      'b ACME-01 fail',
      'b ACME-04 pass',
    ]);
    expect(merged.cases[1]!.check).toEqual(EXPORTS);
  });

  it('a baseline comparison keys custom cases by target and ID', () => {
    const before = result(['shop']);
    const now = { ...before, cases: before.cases.map((c) => (c.check.id === 'ACME-01' ? caseOf('shop', EXPORTS, 'pass') : c)) };
    const diff = diffScans(
      now.cases,
      before.cases,
      { targets: ['shop'], checks: ['HDR-01', 'ACME-01', 'ACME-04'] },
      { path: 'b.json', sha256: 'x', startedAt: before.startedAt },
    );
    expect(diff.cases).toEqual([
      { target: 'shop', check: 'ACME-01', severity: 'critical', status: 'resolved', outcome: 'pass', baselineOutcome: 'fail', newFailure: false },
    ]);
  });
});
