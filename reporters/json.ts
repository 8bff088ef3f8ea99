import type { CheckSpec } from '../catalogue/checks.js';
import { remediationOf } from '../catalogue/remediation.js';
import type { ScanResult } from '../core/results.js';
import { neutralise } from '../core/safe-text.js';

/**
 * results.json: the whole scan, every verdict with its evidence, for other tools; server text neutralised.
 * `checks` holds, once per check in the scan, why it matters, the fix and its references (catalogue/remediation.ts,
 * or a team's own `why`/`fix` for its acceptance check).
 */
export function renderJson(result: ScanResult): string {
  const specs = new Map<string, CheckSpec>(
    [...result.cases.map((c) => c.check), ...result.internalErrors.flatMap((e) => (e.check ? [e.check] : []))].map((c) => [c.id, c]),
  );
  const checks = Object.fromEntries(
    [...specs.values()].flatMap((c) => {
      const r = remediationOf(c);
      return r ? [[c.id, r]] : [];
    }),
  );
  return `${JSON.stringify({ ...neutralise(result), checks }, null, 2)}\n`;
}
