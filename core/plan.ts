import { readFileSync } from 'node:fs';
import { CHECKS, type CheckSpec, type CustomCheckSpec } from '../catalogue/checks.js';
import { isProgrammingError } from './internal-error.js';
import type { Target } from './target.js';

/**
 * What one scan runs: resolved targets and the check filter. It reaches vitest's workers through
 * vitest's provide/inject (`mageprobe scan` and the `mageprobe/vitest` config both provide it),
 * or, for a runner that provides nothing, as a JSON file named by MAGEPROBE_PLAN.
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

/** The key the plan is provided under (vitest's `provide`, `project.provide`). */
export const PLAN_KEY = 'mageprobePlan';
export const PLAN_ENV = 'MAGEPROBE_PLAN';

declare module 'vitest' {
  export interface ProvidedContext {
    [PLAN_KEY]: ScanPlan;
  }
}

let plan: ScanPlan | undefined;
let provided: (() => ScanPlan | undefined) | undefined;

/**
 * How a vitest worker hands over the plan vitest provides (core/vitest-plan.ts, loaded by the vitest
 * side: core/suite.ts). This module never loads vitest itself: the CLI would pay a third of a second
 * for nothing (vitest's main process has nothing to inject), and its bundle (bin/mageprobe.js) is
 * CommonJS, where a top-level await cannot be.
 */
export function planProvidedBy(read: () => ScanPlan | undefined): void {
  provided = read;
}

/** The plan of this run: the one way suites, engines and a team's own checks learn targets and selection. */
export function readPlan(): ScanPlan {
  plan ??= providedPlan() ?? planFile();
  return plan;
}

function providedPlan(): ScanPlan | undefined {
  try {
    return provided?.();
  } catch (e) {
    // Not inside a vitest worker; a bug of ours is not that.
    if (isProgrammingError(e)) throw e;
    return undefined;
  }
}

function planFile(): ScanPlan {
  const path = process.env[PLAN_ENV];
  if (!path)
    throw new Error(
      `no mageprobe plan: run \`mageprobe scan\`, or vitest with the mageprobe() config from 'mageprobe/vitest' (see README), or set ${PLAN_ENV}`,
    );
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
