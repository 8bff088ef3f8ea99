import { KNOWN_REFERRER_POLICIES, STRICT_REFERRER_POLICIES } from '../../catalogue/security-headers.js';
import type { Check } from '../../core/check.js';
import { fail, pass } from '../../core/verdict.js';
import { judgeHome } from './facts.js';
import { shown, splitValues } from './header-values.js';

/** HDR-03: the effective Referrer-Policy (the last token a browser recognises) is strict enough. */
export const referrerPolicy: Check = {
  id: 'HDR-03',
  run: (ctx) =>
    judgeHome(ctx, (ex, proof) => {
      const effective = splitValues(ex, 'referrer-policy')
        .map((v) => v.toLowerCase())
        .filter((v) => KNOWN_REFERRER_POLICIES.includes(v))
        .at(-1);
      return effective && STRICT_REFERRER_POLICIES.includes(effective)
        ? pass(`Referrer-Policy in effect is "${effective}"`, proof)
        : fail(`Referrer-Policy is ${shown(ex, 'referrer-policy')}${effective ? ` (in effect: "${effective}")` : ''}; want strict-origin-when-cross-origin or stricter`, proof);
    }),
};
