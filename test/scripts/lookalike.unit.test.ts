import { describe, expect, it } from 'vitest';
import { WELL_KNOWN_PROVIDERS } from '../../catalogue/skimmer-indicators.js';
import { editDistance, lookalikeOf, skeleton } from '../../suites/scripts/lookalike.js';

const hostOf = (u: string) => new URL(u).hostname;

describe('look-alike script hosts (SCR-04)', () => {
  it('never flags a well-known host itself, its provider subdomains, IP literals or unrelated hosts', () => {
    for (const p of WELL_KNOWN_PROVIDERS) for (const h of [...p.hosts, ...p.domains]) expect(lookalikeOf(h), h).toBeUndefined();
    for (const h of [
      'region1.google-analytics.com',
      'api.stripe.com',
      'c.paypal.com',
      'shop.example.com',
      'cdn.magento-shop.de',
      '198.18.0.7',
      '[2001:db8::1]',
      'static.example.net',
    ]) {
      expect(lookalikeOf(h), h).toBeUndefined();
    }
  });

  it.each([
    // homoglyphs: I/l, 0/o, rn/m, and an IDN Cyrillic а (the URL parser hands hosts over in punycode)
    ['https://www.googIe-analytics.com/analytics.js', 'Google Analytics', /homoglyphs|letter/],
    ['https://js.strlpe.com/v3/', 'Stripe', /homoglyphs of stripe\.com/],
    ['https://www.paypa1.com/sdk/js', 'PayPal', /homoglyphs of paypal\.com/],
    ['https://www.googletagrnanager.com/gtm.js', 'Google Tag Manager', /homoglyphs of googletagmanager\.com/],
    ['https://ajax.g00gleapis.com/ajax/libs/jquery.js', 'Google Hosted Libraries', /homoglyphs of googleapis\.com/],
    ['https://www.pаypal.com/sdk/js', 'PayPal', /homoglyphs of paypal\.com/],
    // one or two letters added, missing or swapped
    ['https://cdn.jsdeliver.net/npm/x.js', 'jsDelivr', /1 letter\(s\) away from jsdelivr\.net/],
    ['https://js.braintreegatway.com/web/3.9/js/client.min.js', 'Braintree', /1 letter\(s\) away/],
    ['https://static.klanra.com/klarna.js', 'Klarna', /1 letter\(s\) away/],
    ['https://cdnjs.cloudfalre.com/ajax/libs/x.js', 'cdnjs', /1 letter\(s\) away from cloudflare\.com/],
    // hyphenated words, wrong suffix, the real domain as a prefix of another
    ['https://js-stripe.com/v3/', 'Stripe', /stripe with a hyphenated word added/],
    ['https://cdn.google-analytics-cdn.com/ga.js', 'Google Analytics', /hyphenated word/],
    ['https://js.stripe.co/v3/', 'Stripe', /another suffix \(stripe\.co for stripe\.com\)/],
    ['https://static.klarna.co.uk/k.js', 'Klarna', /another suffix/],
    ['https://js.stripe.com.cdn-assets.net/v3/', 'Stripe', /contains stripe\.com but is not under it/],
  ])('%s imitates %s', (url, provider, how) => {
    const like = lookalikeOf(hostOf(url));
    expect(like?.provider).toBe(provider);
    expect(like?.how).toMatch(how);
  });

  it('keeps short brand names to one edit, so unrelated short names are not flagged', () => {
    expect(lookalikeOf('strike.com')?.provider).toBe('Stripe'); // one letter: flagged
    expect(lookalikeOf('stroke.io')).toBeUndefined(); // two letters from a six-letter name: not
    expect(lookalikeOf('cloudfire.net')?.provider).toBe('cdnjs'); // two letters from a ten-letter name: flagged
  });

  it('folds confusables and measures swaps as one edit', () => {
    expect(skeleton('rnicrosoft')).toBe(skeleton('microsoft'));
    expect(skeleton('g00gle')).toBe(skeleton('google'));
    expect(editDistance('stripe', 'strpie')).toBe(1);
    expect(editDistance('jsdelivr', 'jsdeliver')).toBe(1);
    expect(editDistance('paypal', 'paypal')).toBe(0);
  });
});
