import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVitest } from 'vitest/node';
import { CHECKS } from '../catalogue/checks.js';
import type { CaseRecord } from '../core/case-record.js';
import { PLAN_ENV, type ScanPlan } from '../core/plan.js';
import type { ScanResult } from '../core/results.js';
import { renderHtml } from '../reporters/html.js';
import { renderJson } from '../reporters/json.js';
import { renderJUnit } from '../reporters/junit.js';
import { CaseCollector } from '../reporters/vitest-collector.js';
import { releaseTableWarnings } from '../suites/magento/release-table-age.js';

export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
const VERSION = '0.1.0';

export interface ScanOptions {
  readonly outDir: string;
  readonly onCase?: (c: CaseRecord) => void;
}

/**
 * Runs the suites under suites/ with vitest (programmatically, no hand-rolled runner) for
 * the plan's targets, then writes junit.xml, results.json and report.html into outDir.
 */
export async function runScan(plan: ScanPlan, opts: ScanOptions): Promise<ScanResult> {
  const work = mkdtempSync(join(tmpdir(), 'mageprobe-'));
  const planFile = join(work, 'plan.json');
  writeFileSync(planFile, JSON.stringify(plan));
  process.env[PLAN_ENV] = planFile;
  const collector = new CaseCollector(opts.onCase);
  const startedAt = new Date();
  try {
    const vitest = await startVitest(
      'test',
      [],
      {
        root: PACKAGE_ROOT,
        config: false,
        include: ['suites/*.suite.ts'],
        reporters: [collector],
        watch: false,
        pool: 'forks',
        // A full port range or cipher enumeration can take minutes; the probes carry their own timeouts.
        testTimeout: 30 * 60_000,
        hookTimeout: 60_000,
        maxConcurrency: 32,
        passWithNoTests: true,
        env: { [PLAN_ENV]: planFile },
      },
      { logLevel: 'silent', cacheDir: join(work, 'vite-cache') },
    );
    await vitest.close();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const result: ScanResult = {
    tool: { name: 'mageprobe', version: VERSION },
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    scanner: hostname(),
    cases: sortCases(collector.cases, plan),
    internalErrors: collector.internalErrors,
    warnings: releaseTableWarnings(startedAt),
  };
  const out = resolve(opts.outDir);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'junit.xml'), renderJUnit(result));
  writeFileSync(join(out, 'results.json'), renderJson(result));
  writeFileSync(join(out, 'report.html'), renderHtml(result));
  return result;
}

function sortCases(cases: readonly CaseRecord[], plan: ScanPlan): CaseRecord[] {
  const targetOrder = new Map(plan.targets.map((t, i) => [t.name, i]));
  const checkOrder = new Map(CHECKS.map((c, i) => [c.id, i]));
  const rank = (c: CaseRecord) => [targetOrder.get(c.target) ?? 0, checkOrder.get(c.check.id) ?? 0] as const;
  return [...cases].sort((a, b) => rank(a)[0] - rank(b)[0] || rank(a)[1] - rank(b)[1]);
}
