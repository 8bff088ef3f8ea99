import { type Area, CHECKS, type CheckSpec } from '../catalogue/checks.js';
import type { CaseRecord } from './case-record.js';
import type { AreaChecks, Check } from './check.js';
import type { Engine } from './engine.js';
import { runCheck } from './evaluate.js';
import { type CaseInternalError, ExitCalled, internalErrorOf } from './internal-error.js';
import { type ScanPlan, selects } from './plan.js';

// What every runner of a scan shares, so a case's verdict and evidence do not depend on who runs
// it: `mageprobe scan` in its own process (cli/run-cases.ts) or vitest (core/suite.ts, a team's
// vitest, `--checks`).

/** An area as the scan lists it (suites/areas.ts): loaded only when the plan selects one of its checks. */
export interface AreaSuite {
  readonly area: Area;
  readonly load: () => Promise<AreaChecks>;
}

/**
 * The areas the plan selects a check of, each loading after the one before it (in registry order),
 * each with only its selected checks: a runner may start an area's cases as soon as it is loaded.
 */
export function loadAreasInTurn(plan: Pick<ScanPlan, 'only'>, areas: readonly AreaSuite[]): Promise<AreaChecks>[] {
  const wanted = selectedAreas(plan.only, areas);
  let previous: Promise<unknown> = Promise.resolve();
  return wanted.map((a) => {
    const loaded = previous.then(async () => onlySelected(plan, await a.load()));
    previous = loaded.catch(() => undefined);
    return loaded;
  });
}

/** The areas `only` (--only) selects a catalogue check of. */
export function selectedAreas(only: readonly string[], areas: readonly AreaSuite[]): AreaSuite[] {
  return areas.filter((a) => CHECKS.some((c) => c.area === a.area && selects(only, c.id, a.area)));
}

/** The areas the plan selects a check of, loaded, each with only its selected checks; areas with none left out. */
export async function loadSelectedAreas(plan: Pick<ScanPlan, 'only'>, areas: readonly AreaSuite[]): Promise<AreaChecks[]> {
  return (await Promise.all(loadAreasInTurn(plan, areas))).filter((a) => a.checks.length > 0);
}

/** Each area with only the checks the plan selects; areas with none left out. */
export function selectedChecks(plan: Pick<ScanPlan, 'only'>, areas: readonly AreaChecks[]): AreaChecks[] {
  return areas.map((a) => onlySelected(plan, a)).filter((a) => a.checks.length > 0);
}

const onlySelected = (plan: Pick<ScanPlan, 'only'>, a: AreaChecks): AreaChecks => ({
  area: a.area,
  checks: a.checks.filter((c) => selects(plan.only, c.id, a.area)),
});

/** What one case ended in: a verdict with its record, or, when the check's own code broke, an internal error. */
export type CaseResult = { readonly record: CaseRecord } | { readonly internalError: CaseInternalError; readonly thrown: unknown };

/**
 * Runs one (target, check) case on the target's engine: waivers and the target's budget applied
 * (runCheck), timed, as the record every report reads. A bug of ours is an internal error by name.
 */
export async function runCase(engine: Engine, spec: CheckSpec, check: Check): Promise<CaseResult> {
  const target = engine.target;
  const started = new Date();
  try {
    const verdict = await runCheck(check, engine, { budget: engine.budget });
    return {
      record: {
        target: target.name,
        url: target.url,
        ...(target.address ? { address: target.address } : {}),
        check: spec,
        verdict,
        startedAt: started.toISOString(),
        durationMs: Date.now() - started.getTime(),
      },
    };
  } catch (e) {
    return { internalError: internalErrorOf(e, target.name, spec), thrown: e };
  }
}

/**
 * From now on process.exit throws ExitCalled: a check that calls it crashes (an internal error of
 * that check) instead of ending the run. Returns the function that puts the real exit back.
 */
export function exitIsACrash(): () => void {
  const exit = process.exit;
  process.exit = (code?: unknown) => {
    throw new ExitCalled(code);
  };
  return () => {
    process.exit = exit;
  };
}
