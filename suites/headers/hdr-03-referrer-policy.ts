import { STRICT_REFERRER_POLICIES } from '../../catalogue/security-headers.js';
import type { Check } from '../../core/check.js';
import { fail, pass, type Verdict } from '../../core/verdict.js';
import { judgeHome } from './facts.js';
import { type Proof, type ResponseHeaders, shown, tooLong } from './header-values.js';
import { referrerPolicy as parse } from './rules/referrer-policy.js';

/** HDR-03: the effective Referrer-Policy (the last token a browser recognises) is strict enough. */
export const referrerPolicy: Check = {
  id: 'HDR-03',
  run: (ctx) => judgeHome(ctx, (ex, proof) => judgeReferrerPolicy(ex.headers, proof)),
};

export function judgeReferrerPolicy(headers: ResponseHeaders, proof: Proof): Verdict {
  const lines = headers['referrer-policy'];
  const r = parse(lines);
  if (r.kind === 'oversized') return tooLong('Referrer-Policy', r, proof);
  if (r.kind === 'absent') return fail('no Referrer-Policy header; want strict-origin-when-cross-origin or stricter', proof);
  const skipped = r.unknown.length ? `; browsers skip ${r.unknown.map((t) => `"${t}"`).join(', ')}` : '';
  if (r.policy === undefined) return fail(`Referrer-Policy ${shown(lines)} has no value browsers recognise${skipped}`, proof);
  return STRICT_REFERRER_POLICIES.includes(r.policy)
    ? pass(`Referrer-Policy in effect is "${r.policy}"${skipped}`, proof)
    : fail(`Referrer-Policy is ${shown(lines)} (in effect: "${r.policy}"); want strict-origin-when-cross-origin or stricter`, proof);
}
