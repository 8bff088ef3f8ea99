import { remediationDoc, remediationFor } from '../catalogue/remediation.js';
import type { ScanResult } from '../core/results.js';
import { neutralise } from '../core/safe-text.js';

/**
 * results.json: the whole scan, every verdict with its evidence, for other tools; server text neutralised.
 * `checks` holds, once per check in the scan, why it matters, the fix and its references (catalogue/remediation.ts).
 */
export function renderJson(result: ScanResult): string {
  const ids = new Set([...result.cases.map((c) => c.check.id), ...result.internalErrors.flatMap((e) => (e.check ? [e.check.id] : []))]);
  const checks = Object.fromEntries([...ids].flatMap((id) => {
    const r = remediationFor(id);
    return r ? [[id, remediationDoc(r)]] : [];
  }));
  return `${JSON.stringify({ ...neutralise(result), checks }, null, 2)}\n`;
}
