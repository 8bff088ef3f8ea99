import type { Check } from '../../core/check.js';
import { fail, pass } from '../../core/verdict.js';
import { headerValues } from '../../probes/http/exchange.js';
import { judgeHome } from './facts.js';
import { shown } from './header-values.js';

/** HDR-06: HSTS over HTTPS with max-age at least the policy's minimum (180 days by default). */
export const strictTransportSecurity: Check = {
  id: 'HDR-06',
  run: (ctx) =>
    judgeHome(ctx, (ex, proof) => {
      const min = ctx.target.policy.hstsMinAge;
      const days = (s: number) => `${Math.floor(s / 86400)} days`;
      if (!ex.url.startsWith('https:')) return fail(`home page is served over plain HTTP (${ex.url}); HSTS needs HTTPS`, proof);
      const values = headerValues(ex, 'strict-transport-security');
      if (values.length !== 1) {
        return fail(values.length ? `Strict-Transport-Security sent ${values.length} times (${shown(ex, 'strict-transport-security')}); browsers use none` : 'no Strict-Transport-Security header', proof);
      }
      const maxAge = /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?/i.exec(values[0]!)?.[1];
      if (maxAge === undefined) return fail(`Strict-Transport-Security "${values[0]}" has no valid max-age`, proof);
      const age = Number(maxAge);
      return age >= min
        ? pass(`Strict-Transport-Security max-age=${age} (${days(age)})`, proof)
        : fail(`Strict-Transport-Security max-age=${age} (${days(age)}) is below ${days(min)}`, proof);
    }),
};
