import type { Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import type { Verdict } from '../../core/verdict.js';
import type { SeenScript } from '../../probes/browser/page-facts.js';
import { judgeScripts } from './facts.js';
import { inventoriedOrigins } from './inventory-match.js';
import { scriptCsp } from './script-csp.js';
import { conclude, noInventory, PageFindings, pageOrigin, type ScriptFacts, sortVisits } from './visits.js';

/**
 * SCR-02 (PCI DSS 6.4.3 "a method is implemented to assure the integrity of each script"): each
 * cross-origin script ran under a Subresource Integrity hash the browser matched (W3C SRI §3.3.5),
 * or the page's enforced CSP lets scripts load only from inventoried origins (CSP3; a
 * Report-Only policy blocks nothing).
 */
export const scr02: Check = { id: 'SCR-02', run: (ctx) => judgeScripts(ctx, judgeScriptIntegrity) };

const sriState = (s: SeenScript): string =>
  !s.sri?.present ? 'no SRI' : s.sri.matched ? `SRI ${s.sri.integrity} matched` : `SRI ${s.sri.integrity} did not match the body (sha256-${s.sha256})`;

export function judgeScriptIntegrity(facts: ScriptFacts): Verdict {
  const inv = facts.inventory;
  if (!inv) return noInventory(facts, 'PCI DSS 6.4.3');
  const sorted = sortVisits(facts.visits, 'scripts');
  const allowed = inventoriedOrigins(inv);
  const findings = new PageFindings();
  let crossOrigin = 0;
  const pages = sorted.judged.map((v) => {
    const origin = pageOrigin(v, facts.store);
    const foreign = v.scripts.filter((s) => s.kind === 'external' && s.url && new URL(s.url).origin !== origin);
    crossOrigin += foreign.length;
    const csp = scriptCsp(v.headers, allowed, v.finalUrl ?? new URL(v.path, facts.store).href);
    const scripts = foreign.map((s) => {
      // A script from outside the policy's origins cannot have run under it: the facts disagree, so CSP is no proof.
      const underCsp = csp.restricts && csp.origins.includes(new URL(s.url!).origin);
      const protectedBy = s.sri?.present && s.sri.matched ? 'SRI' : underCsp ? 'CSP' : null;
      if (!protectedBy) {
        const why = csp.restricts ? `ran although the enforced ${csp.directive} does not allow its origin` : csp.why;
        findings.add(`${s.url} ${sriState(s)} ${why}`, v.path, (on) => `${s.url} ${on} has ${sriState(s)}, and ${why}`);
      }
      return { url: s.url, sri: sriState(s), protectedBy };
    });
    return evidence(
      `${v.path}: ${foreign.length} cross-origin script(s); CSP ${csp.restricts ? `${csp.directive} limited to inventoried origins` : `does not limit scripts: ${csp.why}`}`,
      {
        page: v.finalUrl ?? v.path,
        pageOrigin: origin,
        scripts,
        csp: csp.restricts ? { policy: csp.policy, directive: csp.directive, sources: csp.sources, origins: csp.origins } : { restricts: false, why: csp.why },
        inventoriedOrigins: [...allowed],
      },
    );
  });
  return conclude(
    sorted,
    'PCI DSS 6.4.3',
    findings.list(),
    pages,
    crossOrigin
      ? `all ${crossOrigin} cross-origin script(s) on the payment pages are integrity-protected (matching SRI, or an enforced CSP limited to inventoried origins)`
      : 'no cross-origin script runs on the payment pages',
  );
}
