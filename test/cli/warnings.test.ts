import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../catalogue/checks.js';
import { evidence } from '../../core/evidence.js';
import type { ScanResult } from '../../core/results.js';
import { pass } from '../../core/verdict.js';
import { summary } from '../../reporters/console.js';
import { renderHtml } from '../../reporters/html.js';
import { renderJson } from '../../reporters/json.js';
import { renderJUnit } from '../../reporters/junit.js';
import { releaseTableWarnings } from '../../suites/magento/release-table-age.js';

const XSD = new URL('../fixtures/junit-10.xsd', import.meta.url).pathname;

// A scan run 200 days after the table's review (injected clock): every report carries the warning.
describe('scan warnings in every report', () => {
  const scanTime = new Date('2026-09-17T10:00:00Z');
  const warnings = releaseTableWarnings(scanTime, '2026-03-01');
  const check = CHECKS.find((c) => c.id === 'HDR-02')!;
  const result: ScanResult = {
    tool: { name: 'mageprobe', version: '0.1.0' },
    startedAt: scanTime.toISOString(),
    finishedAt: scanTime.toISOString(),
    scanner: 'lab',
    cases: [
      {
        target: 'shop',
        url: 'https://shop.example.test/',
        check,
        verdict: pass('nosniff', [evidence('GET / → 200', {})]),
        startedAt: scanTime.toISOString(),
        durationMs: 5,
      },
    ],
    internalErrors: [],
    warnings,
  };

  it('has one warning naming the review date and age', () => {
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('last reviewed on 2026-03-01, 200 days before this scan');
  });

  it('console summary, results.json and report.html show it', () => {
    expect(summary(result)).toContain(`Warnings:\n  ${warnings[0]}`);
    expect((JSON.parse(renderJson(result)) as ScanResult).warnings).toEqual(warnings);
    expect(renderHtml(result)).toContain(`<b>Warning:</b> ${warnings[0]}`);
  });

  it('junit.xml carries it as a testsuite property and in system-out, and stays schema-valid', async () => {
    const xml = renderJUnit(result);
    expect(xml).toContain(`<property name="warning" value="${warnings[0]}"/>`);
    expect(xml).toContain(`    <system-out>warning: ${warnings[0]}</system-out>\n  </testsuite>`);
    const file = join(mkdtempSync(join(tmpdir(), 'mp-warn-')), 'junit.xml');
    writeFileSync(file, xml);
    await promisify(execFile)('xmllint', ['--noout', '--schema', XSD, file]);
  });

  it('says nothing when the table is fresh', () => {
    const fresh = { ...result, warnings: releaseTableWarnings(new Date('2026-04-01T00:00:00Z'), '2026-03-01') };
    expect(fresh.warnings).toEqual([]);
    expect(summary(fresh)).not.toContain('Warnings:');
    expect(renderJUnit(fresh)).not.toContain('warning');
    expect(renderHtml(fresh)).not.toContain('Warning:');
  });
});
