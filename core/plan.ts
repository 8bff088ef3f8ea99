import { readFileSync } from 'node:fs';
import { CHECKS, type CheckSpec, type CustomCheckSpec } from '../catalogue/checks.js';
import type { Target } from './target.js';

/**
 * What one scan runs: resolved targets and the check filter. The CLI writes it as JSON and
 * points MAGEPROBE_PLAN at it; suite files read it inside vitest's workers.
 */
export interface ScanPlan {
  readonly targets: readonly Target[];
  /** Check IDs (HDR-01) or areas (headers); empty means everything. */
  readonly only: readonly string[];
  /** A team's own acceptance checks (`--checks`): their files, run beside the suites, and what they declare. */
  readonly custom?: CustomChecks;
}

export interface CustomChecks {
  /** Absolute paths of the check files. */
  readonly files: readonly string[];
  /** Every check() the files declare, in file order; IDs unique and apart from the catalogue's. */
  readonly checks: readonly CustomCheckSpec[];
}

export const PLAN_ENV = 'MAGEPROBE_PLAN';

export function readPlan(): ScanPlan {
  const path = process.env[PLAN_ENV];
  if (!path) throw new Error(`${PLAN_ENV} is not set: suites run through \`mageprobe scan\`, not plain vitest`);
  return JSON.parse(readFileSync(path, 'utf8')) as ScanPlan;
}

/** Every check the plan can run, selected or not: the catalogue's, then the team's own in declared order. */
export function checksOf(plan: Pick<ScanPlan, 'custom'>): readonly CheckSpec[] {
  return plan.custom ? [...CHECKS, ...plan.custom.checks] : CHECKS;
}

/** Whether a check is selected by --only (IDs, areas or ID prefixes such as HDR). */
export function selects(only: readonly string[], id: string, area: string): boolean {
  if (only.length === 0) return true;
  const prefix = id.split('-')[0]!;
  return only.some((o) => {
    const want = o.toUpperCase();
    return want === id || want === prefix || o.toLowerCase() === area;
  });
}
