import type { Check } from '../../core/check.js';
import { fail, pass, type Verdict } from '../../core/verdict.js';
import { judgeHome } from './facts.js';
import { type Proof, type ResponseHeaders, shown } from './header-values.js';
import { linesOf } from './rules/field-values.js';

const normalise = (v: string) => v.toLowerCase().replace(/\s+/g, '').replace(/;$/, '');

/** HDR-04: X-XSS-Protection is one of the policy's values (the checklist's "1; mode=block" by default). */
export const xssProtection: Check = {
  id: 'HDR-04',
  run: (ctx) => judgeHome(ctx, (ex, proof) => judgeXssProtection(ex.headers, ctx.target.policy.xssProtection, proof)),
};

/**
 * No current browser reads X-XSS-Protection (Chromium removed its XSS Auditor in version 78),
 * so this judges configuration: identical field lines (Magento's header plus nginx's
 * add_header) count as one value, as X-Frame-Options' do; different values conflict.
 */
export function judgeXssProtection(headers: ResponseHeaders, accepted: readonly string[], proof: Proof): Verdict {
  const lines = headers['x-xss-protection'];
  const distinct = [...new Set(linesOf(lines).map(normalise))];
  const ok = distinct.length === 1 && accepted.some((a) => normalise(a) === distinct[0]);
  return ok
    ? pass(`X-XSS-Protection is "${linesOf(lines)[0]}"${linesOf(lines).length > 1 ? ` (sent ${linesOf(lines).length} times with the same value)` : ''}`, proof)
    : fail(`X-XSS-Protection is ${shown(lines)}; policy accepts ${accepted.map((a) => `"${a}"`).join(' or ')}`, proof);
}
