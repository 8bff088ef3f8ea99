import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckSpec } from '../../catalogue/checks.js';
import { remediationOf } from '../../catalogue/remediation.js';
import { writeReports } from '../../cli/run-scan.js';
import type { ScanResult } from '../../core/results.js';
import { neutralise } from '../../core/safe-text.js';
import { renderHtml } from '../../reporters/html.js';
import { jsonChunks, renderJson } from '../../reporters/json.js';
import { junitChunks, renderJUnit } from '../../reporters/junit.js';
import { renderSummaryMd } from '../../reporters/summary-md.js';
import { hostileScan } from './hostile-scan.js';

/** results.json as it was written whole before it was streamed: the text the pieces must add up to. */
function jsonWhole(result: ScanResult): string {
  const specs = new Map<string, CheckSpec>(
    [...result.cases.map((c) => c.check), ...result.internalErrors.flatMap((e) => (e.check ? [e.check] : []))].map((c) => [c.id, c]),
  );
  const checks = Object.fromEntries([...specs.values()].flatMap((c) => (remediationOf(c) ? [[c.id, remediationOf(c)]] : [])));
  return `${JSON.stringify({ ...neutralise(result), checks }, null, 2)}\n`;
}

/** The hostile scan's cases over `copies` × its targets: junit.xml and results.json of several MB. */
function bigScan(copies: number): ScanResult {
  const scan = hostileScan();
  const cases = Array.from({ length: copies }, (_, i) => scan.cases.map((c) => ({ ...c, target: `${c.target}-${i}` }))).flat();
  return { ...scan, cases };
}

describe('reports streamed in pieces', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mp-streamed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('results.json pieces add up to JSON.stringify of the neutralised whole, field order and empty fields included', () => {
    const scan = hostileScan(2);
    const empty: ScanResult = { ...scan, cases: [], internalErrors: [], warnings: [] };
    const read = { ...scan, checks: { stale: 'from a file' } } as ScanResult;
    for (const r of [scan, empty, read]) expect([...jsonChunks(r)].join('')).toBe(jsonWhole(r));
    expect([...jsonChunks(scan)].length).toBeGreaterThan(scan.cases.length);
  });

  it('junit.xml neutralised case by case reads as the whole scan neutralised at once', () => {
    const scan = hostileScan(2);
    expect(renderJUnit(scan)).toBe(renderJUnit(neutralise(scan)));
    expect(renderJUnit(scan)).not.toContain('\u202e');
    expect([...junitChunks(scan)].every((piece) => piece.endsWith('\n'))).toBe(true);
  });

  it('writeReports writes, over several writes, the bytes each renderer gives', () => {
    const scan = bigScan(40);
    writeReports(dir, scan);
    const junit = renderJUnit(scan);
    const json = renderJson(scan);
    expect(junit.length + json.length).toBeGreaterThan(4 << 20);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toBe(junit);
    expect(readFileSync(join(dir, 'results.json'), 'utf8')).toBe(json);
    expect(json).toBe(jsonWhole(scan));
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(renderHtml(scan));
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toBe(renderSummaryMd(scan));
  });
});
