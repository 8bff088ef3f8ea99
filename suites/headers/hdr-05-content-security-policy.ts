import type { Check } from '../../core/check.js';
import { type Evidence, evidence } from '../../core/evidence.js';
import { fail, pass, type Verdict } from '../../core/verdict.js';
import { judgeHome } from './facts.js';
import { clip, type Proof, type ResponseHeaders, shown, tooLong } from './header-values.js';
import { type CspPolicy, cspPolicies, enforcesSomething } from './rules/content-security-policy.js';
import { linesOf } from './rules/field-values.js';

/**
 * HDR-05: at least one enforced policy with a directive browsers act on. Report-only
 * policies, and enforced ones made only of unknown (misspelt, removed) or reporting
 * directives, enforce nothing.
 */
export const contentSecurityPolicy: Check = {
  id: 'HDR-05',
  run: (ctx) => judgeHome(ctx, (ex, proof) => judgeCsp(ex.headers, proof)),
};

const names = (xs: readonly string[]) => [...new Set(xs)].join(', ');

/** The policies as browsers parse them, with the directives they skip, for the auditor. */
const parsed = (ps: readonly CspPolicy[]): Evidence =>
  evidence('Content-Security-Policy as browsers parse it (CSP3)', {
    policies: ps.map((p) => ({
      disposition: p.disposition,
      directives: Object.fromEntries(p.directives),
      enforcesSomething: enforcesSomething(p),
      ...(p.unknown.length ? { unknownDirectives: p.unknown } : {}),
      ...(p.repeated.length ? { repeatedDirectivesIgnored: p.repeated } : {}),
    })),
  });
const unknownIn = (ps: readonly CspPolicy[]) => names(ps.flatMap((p) => p.unknown));

export function judgeCsp(headers: ResponseHeaders, seen: Proof): Verdict {
  const sent = headers['content-security-policy'];
  const enforced = cspPolicies(sent, 'enforce');
  if ('kind' in enforced) return tooLong('Content-Security-Policy', enforced, seen);
  const proof: Proof = enforced.length ? [...seen, parsed(enforced)] : seen;
  const effective = enforced.filter(enforcesSomething);
  const unknown = unknownIn(enforced);
  const ignored = unknown ? `; browsers ignore unknown directives: ${unknown}` : '';
  if (effective.length) {
    const directives = names(effective.flatMap((p) => [...p.directives.keys()].filter((n) => !p.unknown.includes(n))));
    return pass(
      `Content-Security-Policy enforced (${effective.length === 1 ? 'one policy' : `${effective.length} policies, all applied`}: ${directives})${ignored}`,
      proof,
    );
  }
  if (linesOf(sent).length) {
    const why = unknown ? `no directive browsers recognise (unknown: ${unknown})` : enforced.length ? 'only reporting directives' : 'no directives';
    return fail(`Content-Security-Policy ${shown(sent)} enforces nothing: ${why}`, proof);
  }
  const reportOnly = linesOf(headers['content-security-policy-report-only']);
  return fail(
    reportOnly.length
      ? `only Content-Security-Policy-Report-Only is sent ("${clip(reportOnly.join(' , '))}"): nothing is enforced`
      : 'no Content-Security-Policy header',
    proof,
  );
}
