import type { Check } from '../../core/check.js';
import { fail, pass } from '../../core/verdict.js';
import { judgeHome } from './facts.js';
import { shown, splitValues } from './header-values.js';

/** HDR-02: X-Content-Type-Options: nosniff. */
export const contentTypeOptions: Check = {
  id: 'HDR-02',
  run: (ctx) =>
    judgeHome(ctx, (ex, proof) => {
      const values = splitValues(ex, 'x-content-type-options');
      return values.length >= 1 && values.every((v) => v.toLowerCase() === 'nosniff')
        ? pass('X-Content-Type-Options is "nosniff"', proof)
        : fail(`X-Content-Type-Options is ${shown(ex, 'x-content-type-options')}, not "nosniff"`, proof);
    }),
};
