import type { Check } from '../../core/check.js';
import { fail, pass, type Verdict } from '../../core/verdict.js';
import { judgeHome } from './facts.js';
import { type Proof, type ResponseHeaders, shown, tooLong } from './header-values.js';
import { contentTypeOptions as parse } from './rules/x-content-type-options.js';

/** HDR-02: X-Content-Type-Options: nosniff, as Fetch reads it (the first value only). */
export const contentTypeOptions: Check = {
  id: 'HDR-02',
  run: (ctx) => judgeHome(ctx, (ex, proof) => judgeNosniff(ex.headers, proof)),
};

export function judgeNosniff(headers: ResponseHeaders, proof: Proof): Verdict {
  const lines = headers['x-content-type-options'];
  const r = parse(lines);
  switch (r.kind) {
    case 'oversized':
      return tooLong('X-Content-Type-Options', r, proof);
    case 'absent':
      return fail('no X-Content-Type-Options header', proof);
    case 'nosniff':
      return pass(
        `X-Content-Type-Options is "${r.first}"${r.values.length > 1 ? ` (the first of ${r.values.length} values, the only one browsers read)` : ''}`,
        proof,
      );
    case 'other':
      return fail(`X-Content-Type-Options is ${shown(lines)}; browsers read only the first value, "${r.first}", which is not "nosniff"`, proof);
  }
}
