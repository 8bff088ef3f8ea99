import type { Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import type { Verdict } from '../../core/verdict.js';
import { judgeScripts } from './facts.js';
import { authorise } from './inventory-match.js';
import { conclude, entryAt, inventoryName, noInventory, PageFindings, type ScriptFacts, scriptName, sortVisits } from './visits.js';

/**
 * SCR-01 (PCI DSS 6.4.3 "a method is implemented to confirm that each script is authorized"):
 * every script the browser ran on a payment page — external, inline or created at run time — is
 * named by an inventory entry, and a pinned hash equals the body's.
 */
export const scr01: Check = { id: 'SCR-01', run: (ctx) => judgeScripts(ctx, judgeAuthorisedScripts) };

export function judgeAuthorisedScripts(facts: ScriptFacts): Verdict {
  const inv = facts.inventory;
  if (!inv) return noInventory(facts, 'PCI DSS 6.4.3');
  const sorted = sortVisits(facts.visits, 'scripts');
  const findings = new PageFindings();
  const pages = sorted.judged.map((v) => {
    const scripts = v.scripts.map((s) => {
      const a = authorise(s, inv);
      const key = `${s.url ?? s.sha256} ${s.sha256}`;
      if (a.kind === 'unlisted') findings.add(key, v.path, (on) => `${scriptName(s)} ${on} is not in the inventory`);
      if (a.kind === 'pin-changed') {
        const pins = a.pins.map((p) => `sha256-${p.sha256} at ${entryAt(inv, p.line)}`).join(' or ');
        findings.add(key, v.path, (on) => `${scriptName(s)} ${on} changed: sha256-${s.sha256}, pinned ${pins}`);
      }
      return {
        kind: s.kind,
        ...(s.url ? { url: s.url } : {}),
        sha256: s.sha256,
        excerpt: s.excerpt,
        ...(a.kind === 'authorised' ? { authorisedBy: entryAt(inv, a.by.line), justification: a.by.justification } : { authorisedBy: null, problem: a.kind }),
      };
    });
    return evidence(`${v.path}: ${v.scripts.length} script(s) checked against ${inventoryName(inv)}`, { page: v.finalUrl ?? v.path, scripts });
  });
  const total = sorted.judged.reduce((n, v) => n + v.scripts.length, 0);
  return conclude(
    sorted,
    'PCI DSS 6.4.3',
    findings.list(),
    pages,
    `all ${total} script(s) on ${sorted.judged.length} payment page(s) are in the authorised inventory with their pinned hashes`,
  );
}
