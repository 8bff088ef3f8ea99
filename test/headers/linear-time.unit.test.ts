import { describe, expect, it } from 'vitest';
import { allowsAnyOrigin, cspPolicies } from '../../suites/headers/rules/content-security-policy.js';
import { getDecodeSplit, MAX_FIELD_CHARS } from '../../suites/headers/rules/field-values.js';
import { referrerPolicy } from '../../suites/headers/rules/referrer-policy.js';
import { parseSetCookie } from '../../suites/headers/rules/set-cookie.js';
import { strictTransportSecurity } from '../../suites/headers/rules/strict-transport-security.js';
import { contentTypeOptions } from '../../suites/headers/rules/x-content-type-options.js';
import { frameOptions } from '../../suites/headers/rules/x-frame-options.js';

// Inputs shaped to make a backtracking or quadratic parser crawl (long runs of whitespace,
// separators, escapes, unterminated quotes). A linear pass over 256 KiB takes at most ~150 ms
// here (measured: time grows 4x from 64 to 256 KiB for every parser and shape); a quadratic
// one takes tens of seconds, so a bound generous enough for a loaded machine still tells them apart.
const BUDGET_MS = 1500;
const n = MAX_FIELD_CHARS - 16;
const HALF_MB = 512 * 1024;

const SHAPES: Record<string, (len: number) => string> = {
  spaces: (len) => `${' '.repeat(len)}x`,
  'inner spaces': (len) => `x=y;x${' '.repeat(len)}x`,
  commas: (len) => ','.repeat(len),
  semicolons: (len) => ';'.repeat(len),
  escapes: (len) => `"${'\\'.repeat(len)}`,
  'escaped quotes': (len) => `max-age="${'\\"'.repeat(len / 2)}`,
  'spaced tokens': (len) => `max-age=1${' ;'.repeat(len / 2)} x`,
  'word soup': (len) => 'a '.repeat(len / 2),
  wildcards: (len) => `frame-ancestors ${'*.'.repeat(len / 2)}`,
  'cookie attributes': (len) => `a=b${'; SameSite= '.repeat(len / 13)}${' '.repeat(64)}x`,
};

const PARSERS: Record<string, (v: string) => unknown> = {
  'get, decode, and split': getDecodeSplit,
  'X-Frame-Options': frameOptions,
  'X-Content-Type-Options': contentTypeOptions,
  'Strict-Transport-Security': strictTransportSecurity,
  'Content-Security-Policy': (v) => cspPolicies(v, 'enforce'),
  'frame-ancestors source': allowsAnyOrigin,
  'Referrer-Policy': referrerPolicy,
  'Set-Cookie': parseSetCookie,
};

/** Best of three runs, so a busy machine's pauses do not count. */
const timed = (f: () => unknown) => {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    f();
    best = Math.min(best, performance.now() - t);
  }
  return best;
};

describe('header parsers run in linear time', () => {
  for (const [parser, parse] of Object.entries(PARSERS)) {
    it.each(Object.keys(SHAPES))(`${parser}: adversarial %s just under the cap`, (shape) => {
      const input = SHAPES[shape]!(n);
      expect(timed(() => parse(input))).toBeLessThan(BUDGET_MS);
    });
  }

  it.each(Object.keys(PARSERS))('%s: a 512 KB value is refused or parsed without delay', (parser) => {
    const input = SHAPES.spaces!(HALF_MB);
    expect(timed(() => PARSERS[parser]!(input))).toBeLessThan(BUDGET_MS);
  });

  it('values over the cap are reported as oversized, not judged', () => {
    const big = `max-age=31536000;${' '.repeat(HALF_MB)}`;
    expect(strictTransportSecurity(big)).toEqual({ kind: 'oversized', chars: big.length });
    expect(frameOptions(['SAMEORIGIN', ' '.repeat(HALF_MB)])).toMatchObject({ kind: 'oversized' });
    expect(cspPolicies(big, 'enforce')).toMatchObject({ kind: 'oversized' });
  });
});
