import { describe, expect, it } from 'vitest';
import {
  allowsAnyOrigin,
  type CspPolicy,
  cspPolicies,
  enforcesSomething,
  frameAncestors,
  parseSerializedCsp,
} from '../../suites/headers/rules/content-security-policy.js';
import { getDecodeSplit } from '../../suites/headers/rules/field-values.js';
import { framing } from '../../suites/headers/rules/framing.js';
import { referrerPolicy } from '../../suites/headers/rules/referrer-policy.js';
import { parseSetCookie } from '../../suites/headers/rules/set-cookie.js';
import { strictTransportSecurity as hsts } from '../../suites/headers/rules/strict-transport-security.js';
import { contentTypeOptions as nosniff } from '../../suites/headers/rules/x-content-type-options.js';
import { frameOptions as xfo } from '../../suites/headers/rules/x-frame-options.js';

// Header values as the HTTP client hands them over: a string per field line, an array when repeated.

describe('Fetch "get, decode, and split"', () => {
  it.each([
    [undefined, null],
    ['', ['']],
    ['a', ['a']],
    [' a , b ', ['a', 'b']],
    ['a,', ['a', '']],
    [
      ['a', 'b'],
      ['a', 'b'],
    ],
    [
      ['a, b', 'c'],
      ['a', 'b', 'c'],
    ],
    ['"x,y", z', ['"x,y"', 'z']],
    ['"x\\",y", z', ['"x\\",y"', 'z']],
    ['"unterminated, z', ['"unterminated, z']],
    ['\ta\t', ['a']],
  ] as const)('%j → %j', (input, expected) => {
    expect(getDecodeSplit(input as string | string[] | undefined)).toEqual(expected);
  });
});

describe('X-Frame-Options (HTML: values form a set)', () => {
  it.each([
    ['SAMEORIGIN', 'sameorigin'],
    ['DENY', 'deny'],
    ['  deny ', 'deny'],
    ['SameOrigin', 'sameorigin'],
    // Magento's own header plus nginx's add_header: two identical field lines count once.
    [['SAMEORIGIN', 'SAMEORIGIN'], 'sameorigin'],
    [['SAMEORIGIN', 'sameorigin'], 'sameorigin'],
    ['SAMEORIGIN, SAMEORIGIN', 'sameorigin'],
    ['SAMEORIGIN,SAMEORIGIN , SAMEORIGIN', 'sameorigin'],
    // Several different values with a known one: browsers block all framing (step 6).
    ['DENY, SAMEORIGIN', 'conflict'],
    [['DENY', 'SAMEORIGIN'], 'conflict'],
    ['SAMEORIGIN, garbage', 'conflict'],
    ['SAMEORIGIN,', 'conflict'],
    ['ALLOWALL, bogus', 'conflict'],
    // Nothing a browser acts on.
    ['ALLOW-FROM https://partner.example', 'ignored'],
    ['ALLOWALL', 'ignored'],
    ['', 'ignored'],
    ['   ', 'ignored'],
    ['foo, bar', 'ignored'],
    ['SAMEORIGIN;', 'ignored'],
    ['"SAMEORIGIN"', 'ignored'],
  ] as const)('%j → %s', (input, kind) => {
    expect(xfo(input as string | string[]).kind).toBe(kind);
  });

  it('absent when not sent, and counts the field lines', () => {
    expect(xfo(undefined)).toEqual({ kind: 'absent' });
    expect(xfo(['SAMEORIGIN', 'SAMEORIGIN'])).toEqual({ kind: 'sameorigin', values: ['sameorigin'], lines: 2 });
  });
});

describe('framing decision (HTML step 2: an enforced frame-ancestors wins over X-Frame-Options)', () => {
  const csp = (v: string | string[]) => cspPolicies(v, 'enforce') as CspPolicy[];

  it('frame-ancestors restricting wins even when X-Frame-Options is missing', () => {
    const d = framing(csp("default-src 'self'; frame-ancestors 'self'"), xfo(undefined));
    expect(d).toMatchObject({ by: 'frame-ancestors', restricts: true });
  });

  it('an open frame-ancestors makes browsers ignore X-Frame-Options DENY', () => {
    expect(framing(csp('frame-ancestors *'), xfo('DENY'))).toMatchObject({ by: 'frame-ancestors', restricts: false });
  });

  it('several policies all apply: one restricting frame-ancestors suffices', () => {
    expect(framing(csp(['frame-ancestors https://*', "frame-ancestors 'none'"]), xfo(undefined))).toMatchObject({ restricts: true });
    expect(framing(csp("frame-ancestors https:, frame-ancestors 'self'"), xfo(undefined))).toMatchObject({ restricts: true });
    expect(framing(csp('frame-ancestors https:, frame-ancestors *'), xfo(undefined))).toMatchObject({ restricts: false });
  });

  it('report-only frame-ancestors is not consulted; X-Frame-Options decides', () => {
    const ro = cspPolicies("frame-ancestors 'none'", 'report') as CspPolicy[];
    expect(framing(ro, xfo('ALLOWALL'))).toEqual({ by: 'x-frame-options', xfo: xfo('ALLOWALL') });
  });

  it('a policy without frame-ancestors leaves X-Frame-Options in charge', () => {
    expect(framing(csp("default-src 'self'"), xfo('DENY'))).toMatchObject({ by: 'x-frame-options', xfo: { kind: 'deny' } });
  });
});

describe('frame-ancestors sources', () => {
  it.each(['*', 'https:', 'http:', 'HTTPS:', 'https://*', 'http://*:*', '*:443', 'https://*/path', '*.com', 'https://*.com'])('%s allows any origin', (s) => {
    expect(allowsAnyOrigin(s)).toBe(true);
  });
  it.each(["'self'", "'none'", 'data:', 'blob:', 'https://shop.example', 'https://*.example.com', 'shop.example:443', "'unsafe-inline'"])(
    '%s restricts',
    (s) => {
      expect(allowsAnyOrigin(s)).toBe(false);
    },
  );
  it("an empty list matches nothing (as 'none')", () => {
    expect(frameAncestors(cspPolicies('frame-ancestors ;', 'enforce') as CspPolicy[])[0]).toMatchObject({ sources: [], restricts: true });
  });
  it('one open source among restricting ones opens framing', () => {
    expect(frameAncestors(cspPolicies("frame-ancestors 'self' https://*", 'enforce') as CspPolicy[])[0]!.restricts).toBe(false);
  });
});

describe('Content-Security-Policy parsing (CSP3)', () => {
  it('lower-cases names, keeps the first of a repeated directive, skips empty tokens', () => {
    const p = parseSerializedCsp("  SCRIPT-SRC 'self' ;; script-src *;  img-src  https:  ", 'enforce');
    expect([...p.directives]).toEqual([
      ['script-src', ["'self'"]],
      ['img-src', ['https:']],
    ]);
    expect(p.repeated).toEqual(['script-src']);
  });

  it('names unknown and misspelt directives; a policy of only those enforces nothing', () => {
    const p = parseSerializedCsp("defualt-src 'self'; plugin-types application/pdf", 'enforce');
    expect(p.unknown).toEqual(['defualt-src', 'plugin-types']);
    expect(enforcesSomething(p)).toBe(false);
  });

  it('reporting directives alone enforce nothing; one recognised directive does', () => {
    expect(enforcesSomething(parseSerializedCsp('report-uri /csp', 'enforce'))).toBe(false);
    expect(enforcesSomething(parseSerializedCsp('report-uri /csp; upgrade-insecure-requests', 'enforce'))).toBe(true);
  });

  it('skips a token with non-ASCII characters', () => {
    expect([...parseSerializedCsp("default-src 'self'\u00a0; img-src *", 'enforce').directives.keys()]).toEqual(['img-src']);
  });

  it('one policy per comma-separated entry and per field line; empty policies dropped', () => {
    const ps = cspPolicies(["default-src 'self', img-src *", '', ' ; '], 'enforce') as CspPolicy[];
    expect(ps.map((p) => [...p.directives.keys()])).toEqual([['default-src'], ['img-src']]);
    expect(cspPolicies(undefined, 'enforce')).toEqual([]);
  });
});

describe('X-Content-Type-Options (Fetch "determine nosniff": first value only)', () => {
  it.each([
    ['nosniff', 'nosniff'],
    ['NoSniff', 'nosniff'],
    [' nosniff ', 'nosniff'],
    ['nosniff, garbage', 'nosniff'],
    [['nosniff', 'nosniff'], 'nosniff'],
    [['nosniff', 'other'], 'nosniff'],
    ['garbage, nosniff', 'other'],
    [['other', 'nosniff'], 'other'],
    ['', 'other'],
    [', nosniff', 'other'],
    ['nosniff;', 'other'],
    ['"nosniff"', 'other'],
  ] as const)('%j → %s', (input, kind) => {
    expect(nosniff(input as string | string[]).kind).toBe(kind);
  });
  it('absent when not sent', () => expect(nosniff(undefined)).toEqual({ kind: 'absent' }));
});

describe('Strict-Transport-Security (RFC 6797 §6.1, first field per §8.1, no directive repeated across lines)', () => {
  it.each([
    ['max-age=31536000', 31536000, false],
    ['max-age=31536000; includeSubDomains', 31536000, true],
    ['MAX-AGE=31536000;INCLUDESUBDOMAINS;preload', 31536000, true],
    ['max-age="31536000"', 31536000, false],
    ['  max-age = 31536000 ; includeSubDomains  ', 31536000, true],
    ['max-age=31536000;;', 31536000, false],
    [';max-age=31536000', 31536000, false],
    ['max-age=0', 0, false],
    ['max-age=31536000; unknown="a;b"; foo=bar', 31536000, false],
    // biome-ignore lint/correctness/noPrecisionLoss: a max-age past 2^53 must parse as the same double
    ['max-age=99999999999999999999', 99999999999999999999, false],
  ] as const)('%j is valid: max-age %d', (input, maxAge, sub) => {
    expect(hsts(input)).toMatchObject({ kind: 'valid', maxAge, includeSubDomains: sub });
  });

  it.each([
    ['max-age=31536000; max-age=0', /max-age appears twice/],
    ['max-age=31536000; MAX-AGE=31536000', /appears twice/],
    ['max-age=31536000; includeSubDomains; includesubdomains', /includesubdomains appears twice/],
    ['max-age=31536000abc', /"31536000abc" is not a whole number/],
    ['max-age="31536000', /unterminated quoted value of max-age/],
    ['max-age=31536000, max-age=0', /unexpected ","/],
    ['max-age=-1', /unexpected "-"|not a whole number/],
    ['max-age=+31536000', /unexpected "\+"|not a whole number/],
    ['max-age=1.5', /not a whole number/],
    ['max-age=', /"" is not a whole number/],
    ['max-age', /has no value/],
    ['max-age=31536000 abc', /unexpected "a"/],
    ['includeSubDomains', /no max-age/],
    ['', /no max-age/],
    ['   ', /no max-age/],
    ['max-age=31536000; includeSubDomains=1', /takes no value/],
    ['max-age=31536000; includeSubDomains=""', /takes no value/],
    ['max-age=31536000; fo o', /unexpected "o"/],
    ['max-age=31536000; =x', /directive name/],
  ] as const)('%j is ignored by browsers (%s)', (input, why) => {
    const r = hsts(input);
    expect(r.kind).toBe('invalid');
    expect(r.kind === 'invalid' && r.why).toMatch(why);
  });

  it('of distinct field lines, browsers read only the first (RFC 6797 §8.1, Chromium and Firefox)', () => {
    expect(hsts(['max-age=31536000', 'includeSubDomains'])).toMatchObject({ kind: 'valid', maxAge: 31536000, includeSubDomains: false });
    expect(hsts(['max-age=31536000', 'preload; foo=1'])).toMatchObject({ kind: 'valid', maxAge: 31536000, lines: ['max-age=31536000', 'preload; foo=1'] });
    expect(hsts(['max-age=31536000', 'garbage,'])).toMatchObject({ kind: 'valid', maxAge: 31536000 });
  });

  it('a directive twice is invalid alike in one field and in two', () => {
    expect(hsts('max-age=31536000; max-age=0').kind).toBe('invalid');
    expect(hsts(['max-age=31536000', 'max-age=0'])).toMatchObject({
      kind: 'invalid',
      acrossLines: true,
      why: expect.stringMatching(/max-age appears in 2 different field lines/),
    });
    expect(hsts(['max-age=0', 'max-age=31536000']).kind).toBe('invalid');
    expect(hsts(['MAX-AGE=31536000', ' max-age="31536000"']).kind).toBe('invalid');
    expect(hsts(['max-age=31536000; includeSubDomains', 'includeSubDomains']).kind).toBe('invalid');
  });

  it('identical copies (application header plus nginx add_header) count once', () => {
    expect(hsts(['max-age=31536000', 'max-age=31536000'])).toMatchObject({ kind: 'valid', maxAge: 31536000 });
    expect(hsts(['max-age=31536000; includeSubDomains', ' max-age=31536000; includeSubDomains '])).toMatchObject({ kind: 'valid', includeSubDomains: true });
    expect(hsts('max-age=31536000; max-age=31536000').kind).toBe('invalid');
  });

  it('absent when not sent', () => expect(hsts(undefined)).toEqual({ kind: 'absent' }));
});

describe('Referrer-Policy (the last recognised token wins)', () => {
  it.each([
    ['strict-origin-when-cross-origin', 'strict-origin-when-cross-origin'],
    ['NO-REFERRER', 'no-referrer'],
    [' same-origin ', 'same-origin'],
    ['no-referrer, unsafe-url', 'unsafe-url'],
    ['unsafe-url, no-referrer', 'no-referrer'],
    [['unsafe-url', 'strict-origin'], 'strict-origin'],
    [['strict-origin', 'unsafe-url'], 'unsafe-url'],
    ['no-referrer, future-policy', 'no-referrer'],
    ['no-referrer,,', 'no-referrer'],
    ['', undefined],
    ['never', undefined],
    ['no-referrer;', undefined],
  ] as const)('%j → %s', (input, policy) => {
    const r = referrerPolicy(input as string | string[]);
    expect(r.kind).toBe('sent');
    expect(r.kind === 'sent' && r.policy).toBe(policy ?? undefined);
  });
  it('names the tokens it skipped', () => {
    expect(referrerPolicy('no-referrer, future-policy')).toMatchObject({ unknown: ['future-policy'] });
  });
  it('absent when not sent', () => expect(referrerPolicy(undefined)).toEqual({ kind: 'absent' }));
});

describe('Set-Cookie (RFC 6265bis)', () => {
  it.each([
    ['PHPSESSID=abc; Path=/; Secure; HttpOnly; SameSite=Lax', 'lax', true, true],
    ['PHPSESSID=abc; secure; httponly; samesite=strict', 'strict', true, true],
    ['PHPSESSID=abc;Secure;HttpOnly;SameSite= Strict ', 'strict', true, true],
    ['PHPSESSID=abc; SameSite=None; Secure', 'none', true, false],
    ['PHPSESSID=abc; SameSite=Lax2', 'default', false, false],
    ['PHPSESSID=abc; SameSite', 'default', false, false],
    ['PHPSESSID=abc; SameSite=', 'default', false, false],
    ['PHPSESSID=abc', 'default', false, false],
    // The last SameSite attribute wins.
    ['PHPSESSID=abc; SameSite=Strict; SameSite=None', 'none', false, false],
    ['PHPSESSID=abc; SameSite=None; SameSite=Lax', 'lax', false, false],
    ['PHPSESSID=abc; Secure=no; HttpOnly=0', 'default', true, true],
  ] as const)('%j → SameSite %s, Secure %s, HttpOnly %s', (line, sameSite, secure, httpOnly) => {
    expect(parseSetCookie(line)).toMatchObject({ name: 'PHPSESSID', sameSite, secure, httpOnly });
  });

  it('an attribute value over 1024 characters is ignored', () => {
    expect(parseSetCookie(`PHPSESSID=abc; SameSite=Lax; SameSite=${'x'.repeat(1025)}`)).toMatchObject({ sameSite: 'lax' });
  });

  it('a line with control characters, or with neither name nor value, sets no cookie', () => {
    expect(parseSetCookie('PHPSESSID=a\u0001b; Secure')).toBeUndefined();
    expect(parseSetCookie('=; Secure')).toBeUndefined();
  });

  it('keeps the unknown SameSite value for the evidence', () => {
    expect(parseSetCookie('PHPSESSID=abc; SameSite=Lax2')).toMatchObject({ sameSite: 'default', sameSiteSent: 'Lax2' });
  });
});
