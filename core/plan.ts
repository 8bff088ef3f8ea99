import { readFileSync } from 'node:fs';
import type { Target } from './target.js';

/**
 * What one scan runs: resolved targets and the check filter. The CLI writes it as JSON and
 * points MAGEPROBE_PLAN at it; suite files read it inside vitest's workers.
 */
export interface ScanPlan {
  readonly targets: readonly Target[];
  /** Check IDs (HDR-01) or areas (headers); empty means everything. */
  readonly only: readonly string[];
}

export const PLAN_ENV = 'MAGEPROBE_PLAN';

export function readPlan(): ScanPlan {
  const path = process.env[PLAN_ENV];
  if (!path) throw new Error(`${PLAN_ENV} is not set: suites run through \`mageprobe scan\`, not plain vitest`);
  return JSON.parse(readFileSync(path, 'utf8')) as ScanPlan;
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
