import type { Check } from '../../core/check.js';
import { fail, pass } from '../../core/verdict.js';
import { judgeHome } from './facts.js';
import { shown } from './header-values.js';
import { headerValues } from '../../probes/http/exchange.js';

const normalise = (v: string) => v.toLowerCase().replace(/\s+/g, '').replace(/;$/, '');

/** HDR-04: X-XSS-Protection is one of the policy's values (the checklist's "1; mode=block" by default). */
export const xssProtection: Check = {
  id: 'HDR-04',
  run: (ctx) =>
    judgeHome(ctx, (ex, proof) => {
      const accepted = ctx.target.policy.xssProtection;
      const values = headerValues(ex, 'x-xss-protection');
      const ok = values.length === 1 && accepted.some((a) => normalise(a) === normalise(values[0]!));
      return ok
        ? pass(`X-XSS-Protection is "${values[0]}"`, proof)
        : fail(`X-XSS-Protection is ${shown(ex.headers['x-xss-protection'])}; policy accepts ${accepted.map((a) => `"${a}"`).join(' or ')}`, proof);
    }),
};
