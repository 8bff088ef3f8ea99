import type { Check } from '../../core/check.js';
import { fail, pass } from '../../core/verdict.js';
import { judgeHome } from './facts.js';
import { cspDirective, shown, splitValues } from './header-values.js';

/** HDR-01: X-Frame-Options DENY/SAMEORIGIN, or a CSP frame-ancestors that is not a wildcard. */
export const frameOptions: Check = {
  id: 'HDR-01',
  run: (ctx) =>
    judgeHome(ctx, (ex, proof) => {
      const ancestors = cspDirective(ex, 'frame-ancestors');
      if (ancestors !== undefined && !/(^|\s)(\*|https?:|data:)(\s|$)/i.test(ancestors) && ancestors.trim() !== '') {
        return pass(`Content-Security-Policy frame-ancestors ${ancestors} restricts framing`, proof);
      }
      const values = splitValues(ex, 'x-frame-options');
      if (values.length > 1) {
        return fail(`X-Frame-Options sent ${values.length} times (${shown(ex, 'x-frame-options')}); browsers ignore conflicting values`, proof);
      }
      if (values.length === 1 && /^(deny|sameorigin)$/i.test(values[0]!)) {
        return pass(`X-Frame-Options is "${values[0]}"`, proof);
      }
      return fail(`X-Frame-Options is ${shown(ex, 'x-frame-options')}${ancestors !== undefined ? ` and frame-ancestors "${ancestors}" does not restrict` : ''}: the store can be framed (clickjacking)`, proof);
    }),
};
