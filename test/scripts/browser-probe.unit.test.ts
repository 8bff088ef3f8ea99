import { describe, expect, it } from 'vitest';
import { makeTarget, parseTargets } from '../../core/targets.js';
import { launchChromium } from '../../probes/browser/chromium.js';
import { securityHeaders } from '../../probes/browser/document-headers.js';
import { visitPaymentPages } from '../../probes/browser/visit.js';

describe('visitPaymentPages without a browser', () => {
  it('gives every page problem no-browser with the install command, never an empty pass', async () => {
    const target = makeTarget({ name: 'nobrowser', url: 'https://shop.lab.test:9/', address: '127.0.0.1', paymentPages: ['/', '/checkout/'] });
    const visits = await visitPaymentPages(target, { executablePath: '/nonexistent/chromium' });
    expect(visits.map((v) => v.path)).toEqual(['/', '/checkout/']);
    for (const v of visits) {
      expect(v.problem).toEqual({ kind: 'no-browser', detail: expect.stringContaining('apt-get install chromium') });
      expect(v.problem!.detail).toContain('/nonexistent/chromium');
    }
  });
});

describe('visitPaymentPages with the scan already stopped', () => {
  it('launches nothing and gives every page unusable, naming why', async () => {
    const target = makeTarget({ name: 'stopped', url: 'https://shop.lab.test:9/', address: '127.0.0.1', paymentPages: ['/', '/checkout/'] });
    const visits = await visitPaymentPages(target, { signal: AbortSignal.abort(), executablePath: '/nonexistent/chromium' });
    expect(visits.map((v) => v.problem)).toEqual([
      { kind: 'unusable', detail: 'the scan stopped (target time budget spent) before this page was loaded' },
      { kind: 'unusable', detail: 'the scan stopped (target time budget spent) before this page was loaded' },
    ]);
  });
});

describe('securityHeaders', () => {
  it('keeps the security-impacting headers, lower-case, and joins repeated ones as a list', () => {
    const h = securityHeaders({
      'Content-Security-Policy': "script-src 'self'\nframe-ancestors 'none'",
      'X-Frame-Options': 'DENY',
      'Content-Type': 'text/html',
      'Set-Cookie': 'PHPSESSID=1',
      Date: 'Mon, 30 Nov 2026 12:00:00 GMT',
    });
    expect(h).toEqual({ 'content-security-policy': "script-src 'self', frame-ancestors 'none'", 'x-frame-options': 'DENY' });
  });
});

describe('paymentPages in the targets file', () => {
  it("defaults to Magento's home, cart, checkout and login pages", () => {
    const [t] = parseTargets('targets:\n  - name: shop\n    url: https://shop.example.test/\n');
    expect(t!.paymentPages).toEqual(['/', '/checkout/cart/', '/checkout/', '/customer/account/login/']);
  });

  it('takes a list from the target or from defaults, and refuses a path without a leading slash', () => {
    const [a, b] = parseTargets(
      'defaults:\n  paymentPages: [/onestepcheckout/]\ntargets:\n  - name: a\n    url: https://a.example.test/\n  - name: b\n    url: https://b.example.test/\n    paymentPages: [/checkout/, /cart/]\n',
    );
    expect(a!.paymentPages).toEqual(['/onestepcheckout/']);
    expect(b!.paymentPages).toEqual(['/checkout/', '/cart/']);
    expect(() => parseTargets('targets:\n  - name: a\n    url: https://a.example.test/\n    paymentPages: [checkout]\n')).toThrow(
      /paymentPages\[0\]: a path starting with \//,
    );
    expect(() => parseTargets('targets:\n  - name: a\n    url: https://a.example.test/\n    paymentPages: [//evil.example/]\n')).toThrow(
      /paymentPages\[0\]: a path starting with \/ \(not \/\/\)/,
    );
  });
});

describe('launchChromium: a bug of ours is not a missing browser', () => {
  it('rejects a path that is no string at all instead of reporting "no Chromium"', async () => {
    await expect(launchChromium({ executablePath: undefined as unknown as string, hostRules: [], pinnedKeys: [] })).rejects.toThrow(TypeError);
  });
});
