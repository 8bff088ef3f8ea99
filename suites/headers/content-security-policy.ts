import type { Check } from '../../core/check.js';
import { fail, pass } from '../../core/verdict.js';
import { headerValues } from '../../probes/http/exchange.js';
import { judgeHome } from './facts.js';

/** HDR-05: an enforced Content-Security-Policy; report-only alone does not count. */
export const contentSecurityPolicy: Check = {
  id: 'HDR-05',
  run: (ctx) =>
    judgeHome(ctx, (ex, proof) => {
      const enforced = headerValues(ex, 'content-security-policy').filter((v) => v.trim());
      const reportOnly = headerValues(ex, 'content-security-policy-report-only');
      if (enforced.length) return pass(`Content-Security-Policy enforced: "${clip(enforced.join(' , '))}"`, proof);
      return fail(
        reportOnly.length
          ? `only Content-Security-Policy-Report-Only is sent ("${clip(reportOnly.join(' , '))}"): nothing is enforced`
          : 'no Content-Security-Policy header',
        proof,
      );
    }),
};

const clip = (s: string) => (s.length > 200 ? `${s.slice(0, 197)}…` : s);
