import { describe, expect, it } from 'vitest';
import { evidence } from '../../core/evidence.js';
import type { Verdict } from '../../core/verdict.js';
import type { TrustProbe } from '../../probes/tls/trust.js';
import { judgeFraming } from '../../suites/headers/hdr-01-frame-options.js';
import { judgeNosniff } from '../../suites/headers/hdr-02-content-type-options.js';
import { judgeReferrerPolicy } from '../../suites/headers/hdr-03-referrer-policy.js';
import { judgeXssProtection } from '../../suites/headers/hdr-04-xss-protection.js';
import { judgeCsp } from '../../suites/headers/hdr-05-content-security-policy.js';
import { judgeHsts, withTrust } from '../../suites/headers/hdr-06-strict-transport-security.js';
import { sessionCookiesIn, weaknesses } from '../../suites/headers/hdr-09-session-cookies.js';
import type { Proof, ResponseHeaders } from '../../suites/headers/header-values.js';
import { parseSetCookie } from '../../suites/headers/rules/set-cookie.js';

const proof: Proof = [evidence('GET https://shop.example/ → 200', {}, '203.0.113.5:443')];
const outcome = (v: Verdict) => [v.outcome, v.message] as const;

describe('HDR-01 verdicts', () => {
  const judge = (h: ResponseHeaders) => judgeFraming(h, proof);

  it('passes two identical X-Frame-Options (Magento + nginx add_header), saying they count once', () => {
    const v = judge({ 'x-frame-options': ['SAMEORIGIN', 'SAMEORIGIN'] });
    expect(v.outcome).toBe('pass');
    expect(v.message).toMatch(/SAMEORIGIN \(sent 2 times with the same value; browsers count it once\)/);
  });

  it('passes DENY plus SAMEORIGIN: browsers then refuse all framing', () => {
    expect(outcome(judge({ 'x-frame-options': ['DENY', 'SAMEORIGIN'] }))).toEqual(['pass', expect.stringMatching(/several values \(deny, sameorigin\)/)]);
  });

  it('fails ALLOW-FROM as obsolete', () => {
    expect(outcome(judge({ 'x-frame-options': 'ALLOW-FROM https://partner.example' }))).toEqual(['fail', expect.stringMatching(/ALLOW-FROM is obsolete/)]);
  });

  it('fails an unknown value, even one named like an object property', () => {
    expect(outcome(judge({ 'x-frame-options': 'constructor' }))).toEqual(['fail', expect.stringMatching(/it is neither DENY nor SAMEORIGIN/)]);
  });

  it('fails an empty value and a missing header', () => {
    expect(outcome(judge({ 'x-frame-options': '' }))).toEqual(['fail', expect.stringMatching(/the value is empty/)]);
    expect(outcome(judge({}))).toEqual(['fail', expect.stringMatching(/X-Frame-Options is absent and no CSP frame-ancestors is enforced/)]);
  });

  it.each(['https://*', '*', 'https:', 'http:'])('fails frame-ancestors %s even with X-Frame-Options DENY (XFO is then not consulted)', (src) => {
    const v = judge({ 'content-security-policy': `frame-ancestors ${src}`, 'x-frame-options': 'DENY' });
    expect(v.outcome).toBe('fail');
    expect(v.message).toMatch(/lets any origin frame the store; X-Frame-Options "DENY" is not consulted/);
  });

  it("passes frame-ancestors 'self' without X-Frame-Options, and when any one policy restricts", () => {
    expect(judge({ 'content-security-policy': "frame-ancestors 'self'" }).outcome).toBe('pass');
    expect(judge({ 'content-security-policy': ['frame-ancestors *', "frame-ancestors 'none'"] }).outcome).toBe('pass');
  });

  it('ignores a report-only frame-ancestors', () => {
    expect(judge({ 'content-security-policy-report-only': "frame-ancestors 'none'" }).outcome).toBe('fail');
  });
});

describe('HDR-02 verdicts', () => {
  it('passes when nosniff is the first value, fails when it is not', () => {
    expect(judgeNosniff({ 'x-content-type-options': ['nosniff', 'nosniff'] }, proof).outcome).toBe('pass');
    expect(outcome(judgeNosniff({ 'x-content-type-options': 'sniff, nosniff' }, proof))).toEqual(['fail', expect.stringMatching(/first value, "sniff"/)]);
    expect(judgeNosniff({}, proof).outcome).toBe('fail');
  });
});

describe('HDR-03 verdicts', () => {
  it('judges the last recognised token and names the skipped ones', () => {
    expect(outcome(judgeReferrerPolicy({ 'referrer-policy': 'no-referrer, future-policy' }, proof))).toEqual([
      'pass',
      'Referrer-Policy in effect is "no-referrer"; browsers skip "future-policy"',
    ]);
    expect(outcome(judgeReferrerPolicy({ 'referrer-policy': 'strict-origin, unsafe-url' }, proof))).toEqual([
      'fail',
      expect.stringMatching(/in effect: "unsafe-url"/),
    ]);
    expect(outcome(judgeReferrerPolicy({ 'referrer-policy': 'bogus' }, proof))).toEqual([
      'fail',
      expect.stringMatching(/no value browsers recognise; browsers skip "bogus"/),
    ]);
  });
});

describe('HDR-04 verdicts', () => {
  const judge = (v: string | string[] | undefined) => judgeXssProtection(v === undefined ? {} : { 'x-xss-protection': v }, ['1; mode=block'], proof);
  it('counts identical field lines once and fails different or missing values', () => {
    expect(outcome(judge(['1; mode=block', '1;mode=block']))).toEqual(['pass', 'X-XSS-Protection is "1; mode=block" (sent 2 times with the same value)']);
    expect(judge('1; mode=block').outcome).toBe('pass');
    expect(judge(['1; mode=block', '0']).outcome).toBe('fail');
    expect(judge('0').outcome).toBe('fail');
    expect(judge(undefined).outcome).toBe('fail');
  });
});

describe('HDR-05 verdicts', () => {
  it('passes an enforced policy with a recognised directive, naming ignored unknown ones', () => {
    const v = judgeCsp({ 'content-security-policy': "default-src 'self'; scirpt-src 'none'" }, proof);
    expect(outcome(v)).toEqual(['pass', expect.stringMatching(/default-src\); browsers ignore unknown directives: scirpt-src/)]);
  });

  it('fails a policy of only misspelt directives, naming them in the message and the evidence', () => {
    const v = judgeCsp({ 'content-security-policy': "defualt-src 'self'; defualt-src *" }, proof);
    expect(outcome(v)).toEqual(['fail', expect.stringMatching(/enforces nothing: no directive browsers recognise \(unknown: defualt-src\)/)]);
    expect(v.evidence.at(-1)!.facts).toEqual({
      policies: [
        {
          disposition: 'enforce',
          directives: { 'defualt-src': ["'self'"] },
          enforcesSomething: false,
          unknownDirectives: ['defualt-src'],
          repeatedDirectivesIgnored: ['defualt-src'],
        },
      ],
    });
  });

  it('fails report-only alone, reporting directives alone and an empty header', () => {
    expect(judgeCsp({ 'content-security-policy-report-only': "default-src 'self'" }, proof).message).toMatch(/only Content-Security-Policy-Report-Only/);
    expect(judgeCsp({ 'content-security-policy': 'report-uri /csp' }, proof).message).toMatch(/only reporting directives/);
    expect(judgeCsp({ 'content-security-policy': ' ' }, proof).message).toMatch(/enforces nothing: no directives/);
  });

  it('counts every policy of several headers', () => {
    expect(judgeCsp({ 'content-security-policy': ['bogus-src x', "object-src 'none'"] }, proof).message).toMatch(/one policy: object-src/);
  });
});

describe('HDR-06 verdicts', () => {
  const url = new URL('https://shop.example/');
  const judge = (v: string | string[], u = url) => judgeHsts(u, { 'strict-transport-security': v }, 180 * 86400, proof);

  it.each(['max-age=31536000; max-age=0', 'max-age=31536000abc', 'max-age="31536000', 'max-age=31536000, max-age=31536000'])(
    'fails %j as ignored by browsers',
    (v) => {
      expect(outcome(judge(v))).toEqual(['fail', expect.stringMatching(/is ignored by browsers/)]);
    },
  );

  it('fails conflicting field lines as it fails the same directive twice in one field', () => {
    expect(outcome(judge(['max-age=31536000', 'includeSubDomains']))).toEqual(['pass', expect.stringMatching(/2 field lines .*browsers read only the first/)]);
    expect(outcome(judge(['max-age=31536000', 'max-age=0']))).toEqual([
      'fail',
      expect.stringMatching(/field lines "max-age=31536000" \+ "max-age=0" conflict: max-age appears in 2 different field lines.*read only the first/),
    ]);
    expect(judge(['max-age=0', 'max-age=31536000']).outcome).toBe('fail');
    expect(outcome(judge(['max-age=31536000', 'max-age=31536000']))).toEqual(['pass', expect.stringMatching(/2 identical field lines, one policy/)]);
  });

  it('fails below the minimum, over plain HTTP and for an IP-address host', () => {
    expect(judge('max-age=86400').message).toMatch(/max-age=86400 \(1 days\) is below 180 days/);
    expect(judge('max-age=31536000', new URL('http://shop.example/')).outcome).toBe('fail');
    expect(judge('max-age=31536000', new URL('https://203.0.113.5/')).message).toMatch(/never note an IP address/);
  });

  const leaf = {
    subject: 'CN=shop.example',
    issuer: 'CN=shop.example',
    notBefore: '',
    notAfter: '',
    keyType: 'ec',
    keyBits: 256,
    signatureAlgorithm: 'ecdsa-with-SHA256',
    signatureHash: 'sha256',
    selfSigned: true,
    sha256: 'AA',
  };
  const trust = (t: Partial<TrustProbe> & Pick<TrustProbe, 'outcome'>) => ({ hostName: 'shop.example', address: '203.0.113.5:443', leaf, ...t }) as TrustProbe;
  const passing = judge('max-age=31536000') as Verdict & { outcome: 'pass' };

  it('stays a pass only when the certificate validates, with the validation as evidence', () => {
    expect(passing.outcome).toBe('pass');
    const v = withTrust(passing, trust({ outcome: 'trusted', protocol: 'TLSv1.3' }));
    expect(v.outcome).toBe('pass');
    expect(v.evidence.at(-1)).toMatchObject({
      label: 'certificate validation for shop.example (system roots)',
      address: '203.0.113.5:443',
      facts: { outcome: 'trusted' },
    });
  });

  it('fails with the reason when the certificate fails validation', () => {
    const v = withTrust(passing, trust({ outcome: 'untrusted', reason: 'chain not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)' }), '/etc/ca.pem');
    expect(outcome(v)).toEqual([
      'fail',
      expect.stringMatching(
        /browsers ignore it: the certificate for shop.example fails validation \(chain not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)\).*RFC 6797 §8.1/,
      ),
    ]);
  });

  it('is inconclusive when validation could not be decided', () => {
    expect(withTrust(passing, trust({ outcome: 'undecided', reason: 'no TLS handshake within 900 ms' })).outcome).toBe('inconclusive');
  });
});

describe('HDR-09 cookie weaknesses', () => {
  const problems = (line: string) => weaknesses(parseSetCookie(line)!);
  it('accepts only Lax and Strict; an unknown value is as if absent; None does not protect', () => {
    expect(problems('PHPSESSID=a; Secure; HttpOnly; SameSite=Lax')).toEqual([]);
    expect(problems('PHPSESSID=a; Secure; HttpOnly; SameSite=strict')).toEqual([]);
    expect(problems('PHPSESSID=a; Secure; HttpOnly; SameSite=None')).toEqual(['SameSite=None']);
    expect(problems('PHPSESSID=a; Secure; HttpOnly; SameSite=Lox')).toEqual(['SameSite=Lox is not Lax or Strict, so browsers treat it as absent']);
    expect(problems('PHPSESSID=a')).toEqual(['no Secure', 'no HttpOnly', 'no SameSite']);
    expect(problems('PHPSESSID=a; SECURE; HTTPONLY; SAMESITE=LAX')).toEqual([]);
  });

  it('keeps the last Set-Cookie line for a session cookie name, ignoring other cookies', () => {
    const kept = sessionCookiesIn(['PHPSESSID=a; Secure; HttpOnly; SameSite=Lax', 'theme=dark', 'PHPSESSID=b; SameSite=None', 'form_key=x']);
    expect(kept.map((c) => [c.name, weaknesses(c)])).toEqual([['PHPSESSID', ['no Secure', 'no HttpOnly', 'SameSite=None']]]);
  });
});
