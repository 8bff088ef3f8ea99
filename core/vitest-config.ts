import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configDefaults, type ViteUserConfig } from 'vitest/config';
import { CHECKS } from '../catalogue/checks.js';
import { MageprobeReporter, OUT_KEY } from '../reporters/vitest-reporter.js';
import { PLAN_KEY, type ScanPlan, selects } from './plan.js';
import { loadTargetsFile } from './targets.js';

export { MageprobeReporter };

/** What `mageprobe({ … })` takes: the `mageprobe scan` options a team's vitest needs. */
export interface MageprobeOptions {
  /** The targets file, as for `mageprobe scan` (relative to the directory vitest runs in). */
  readonly targets: string;
  /** Check IDs, prefixes or areas, as `--only` (a list or "HDR,TLS-07"); default every check. */
  readonly only?: string | readonly string[];
  /** Scan only these targets, as `--target`. */
  readonly target?: readonly string[];
  /** Where junit.xml, results.json and report.html go (default `reports`). */
  readonly out?: string;
  /** The team's own test files, run in the same process on the same engines; default vitest's include. */
  readonly include?: readonly string[];
}

/** The vitest entry of every built-in check (the file `mageprobe scan` runs). */
export const SCAN_ENTRY = realpathSync(fileURLToPath(new URL('../suites/scan.suite.ts', import.meta.url)));

/**
 * A vitest config that runs mageprobe's checks on the targets file, next to the team's own tests:
 *
 *   import { defineConfig } from 'vitest/config';
 *   import { mageprobe } from 'mageprobe/vitest';
 *   export default defineConfig(mageprobe({ targets: 'targets.yaml' }));
 *
 * One process holds every test file (isolate: false, one worker), so built-in checks and the
 * team's own share one engine per target: its facts, politeness limits and time budget.
 */
export function mageprobe(options: MageprobeOptions): ViteUserConfig {
  const plan = planOf(options);
  const out = options.out ?? 'reports';
  const cases = plan.targets.length * CHECKS.filter((c) => selects(plan.only, c.id, c.area)).length;
  return {
    test: {
      include: [...(options.include ?? configDefaults.include), SCAN_ENTRY],
      // A copy installed under node_modules is still run (vitest skips node_modules otherwise), its own tests are not.
      exclude: SCAN_ENTRY.includes('/node_modules/')
        ? [...configDefaults.exclude.filter((e) => e !== '**/node_modules/**'), '**/node_modules/!(mageprobe)/**', '**/node_modules/mageprobe/!(suites)/**']
        : [...configDefaults.exclude],
      provide: { [PLAN_KEY]: plan, [OUT_KEY]: resolve(out) },
      pool: 'forks',
      isolate: false,
      fileParallelism: false,
      maxConcurrency: Math.max(32, cases),
      // The per-target budget (timeouts.targetMs) bounds a case; this only backs it up.
      testTimeout: 30 * 60_000,
      hookTimeout: 60_000,
      // mageprobe ships TypeScript: run it through vitest's transform even from node_modules.
      server: { deps: { inline: [/[\\/]node_modules[\\/]mageprobe[\\/]/] } },
      reporters: ['default', new MageprobeReporter({ out })],
    },
  };
}

function planOf(options: MageprobeOptions): ScanPlan {
  let targets = loadTargetsFile(options.targets);
  if (options.target?.length) {
    const unknown = options.target.filter((n) => !targets.some((t) => t.name === n));
    if (unknown.length) throw new Error(`mageprobe: no target named ${unknown.join(', ')} in ${options.targets}`);
    targets = targets.filter((t) => options.target!.includes(t.name));
  }
  const only = (typeof options.only === 'string' ? [options.only] : (options.only ?? []))
    .flatMap((o) => o.split(','))
    .map((o) => o.trim())
    .filter(Boolean);
  const bad = only.filter((o) => !CHECKS.some((c) => selects([o], c.id, c.area)));
  if (bad.length) throw new Error(`mageprobe: only: no check or area called ${bad.join(', ')} (see \`mageprobe checks\`)`);
  return { targets, only };
}
