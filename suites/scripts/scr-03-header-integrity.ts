import type { Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import type { Verdict } from '../../core/verdict.js';
import { judgeScripts } from './facts.js';
import { type HeaderChange, headerDrift } from './header-drift.js';
import { conclude, inventoryName, noInventory, type ScriptFacts, sortVisits } from './visits.js';

/**
 * SCR-03 (PCI DSS 11.6.1: alert on "modification … to the security-impacting HTTP headers … of
 * payment pages as received by the consumer browser"): each page's headers equal those recorded
 * in the inventory's `headers:` for its path.
 */
export const scr03: Check = { id: 'SCR-03', run: (ctx) => judgeScripts(ctx, judgeHeaderIntegrity) };

const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 80)}…` : s);
const described = (c: HeaderChange): string =>
  c.change === 'added'
    ? `${c.name} added ("${clip(c.now)}")`
    : c.change === 'removed'
      ? `${c.name} removed (was "${clip(c.recorded)}")`
      : `${c.name} changed from "${clip(c.recorded)}" to "${clip(c.now)}"`;

export function judgeHeaderIntegrity(facts: ScriptFacts): Verdict {
  const inv = facts.inventory;
  if (!inv) return noInventory(facts, 'PCI DSS 11.6.1');
  const sorted = sortVisits(facts.visits, 'headers');
  const findings: string[] = [];
  const pages = sorted.judged.map((v) => {
    const recorded = Object.hasOwn(inv.headers, v.path) ? inv.headers[v.path] : undefined;
    if (!recorded) {
      findings.push(`${v.path} has no headers recorded in ${inventoryName(inv)} (record them from \`mageprobe inventory\`)`);
      return evidence(`${v.path}: no recorded headers to compare`, { page: v.finalUrl ?? v.path, received: v.headers });
    }
    const changes = headerDrift(recorded, v.headers);
    if (changes.length) findings.push(`${v.path}: ${changes.map(described).join(', ')}`);
    return evidence(`${v.path}: ${changes.length ? `${changes.length} header change(s)` : 'headers as recorded'}`, {
      page: v.finalUrl ?? v.path,
      recorded,
      received: v.headers,
      changes,
    });
  });
  const n = sorted.judged.length;
  return conclude(
    sorted,
    'PCI DSS 11.6.1',
    findings,
    pages,
    `the security-impacting headers of ${n} payment page(s) equal those recorded in ${inventoryName(inv)}`,
  );
}
