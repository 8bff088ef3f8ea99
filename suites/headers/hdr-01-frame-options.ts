import type { Check } from '../../core/check.js';
import { fail, pass, type Verdict } from '../../core/verdict.js';
import { judgeHome } from './facts.js';
import { type Proof, type ResponseHeaders, shown, tooLong } from './header-values.js';
import { cspPolicies } from './rules/content-security-policy.js';
import { framing } from './rules/framing.js';
import { type FrameOptions, frameOptions as parseFrameOptions } from './rules/x-frame-options.js';

/** HDR-01: framing restricted, as a browser decides it (CSP frame-ancestors first, else X-Frame-Options). */
export const frameOptions: Check = {
  id: 'HDR-01',
  run: (ctx) => judgeHome(ctx, (ex, proof) => judgeFraming(ex.headers, proof)),
};

const IGNORED_BECAUSE: ReadonlyMap<string, string> = new Map([
  ['allowall', 'ALLOWALL permits framing'],
  ['', 'the value is empty'],
]);

function whyIgnored(xfo: Extract<FrameOptions, { kind: 'ignored' }>): string {
  if (xfo.values.length > 1) return 'several values, none of them DENY or SAMEORIGIN';
  const only = xfo.values[0]!;
  if (only.startsWith('allow-from')) return 'ALLOW-FROM is obsolete and no browser acts on it';
  return IGNORED_BECAUSE.get(only) ?? 'it is neither DENY nor SAMEORIGIN';
}

export function judgeFraming(headers: ResponseHeaders, proof: Proof): Verdict {
  const xfoLines = headers['x-frame-options'];
  const xfo = parseFrameOptions(xfoLines);
  const policies = cspPolicies(headers['content-security-policy'], 'enforce');
  if ('kind' in policies) return tooLong('Content-Security-Policy', policies, proof);
  if (xfo.kind === 'oversized') return tooLong('X-Frame-Options', xfo, proof);
  const decision = framing(policies, xfo);
  if (decision.by === 'frame-ancestors') {
    const listed = decision.directives.map((d) => `"frame-ancestors ${d.sources.join(' ')}"`).join(' and ');
    const xfoNote = xfo.kind === 'absent' ? '' : `; X-Frame-Options ${shown(xfoLines)} is not consulted when CSP frame-ancestors is present`;
    return decision.restricts
      ? pass(`Content-Security-Policy ${listed} restricts framing${xfoNote}`, proof)
      : fail(`Content-Security-Policy ${listed} lets any origin frame the store${xfoNote}: clickjacking`, proof);
  }
  const times = (lines: number) => (lines > 1 ? ` (sent ${lines} times with the same value; browsers count it once)` : '');
  switch (xfo.kind) {
    case 'deny':
    case 'sameorigin':
      return pass(`X-Frame-Options is ${xfo.kind.toUpperCase()}${times(xfo.lines)}`, proof);
    case 'conflict':
      return pass(`X-Frame-Options ${shown(xfoLines)} carries several values (${xfo.values.join(', ')}); browsers then refuse all framing`, proof);
    case 'ignored':
      return fail(
        `X-Frame-Options ${shown(xfoLines)} is ignored by browsers (${whyIgnored(xfo)}) and no CSP frame-ancestors is enforced: the store can be framed (clickjacking)`,
        proof,
      );
    case 'absent':
      return fail('X-Frame-Options is absent and no CSP frame-ancestors is enforced: the store can be framed (clickjacking)', proof);
  }
}
