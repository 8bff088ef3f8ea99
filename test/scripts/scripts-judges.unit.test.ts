import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../core/inventory.js';
import type { Verdict } from '../../core/verdict.js';
import type { PaymentPageVisit } from '../../probes/browser/page-facts.js';
import { judgeAuthorisedScripts } from '../../suites/scripts/scr-01-authorised-scripts.js';
import { judgeScriptIntegrity } from '../../suites/scripts/scr-02-script-integrity.js';
import { judgeHeaderIntegrity } from '../../suites/scripts/scr-03-header-integrity.js';
import { judgeSkimmerIndicators } from '../../suites/scripts/scr-04-skimmer-indicators.js';
import type { ScriptFacts } from '../../suites/scripts/visits.js';
import {
  CHECKOUT_HEADERS,
  CLEAN_INVENTORY,
  checkoutWith,
  cleanVisits,
  compromisedVisits,
  conn,
  EXFIL,
  external,
  inline,
  PSP,
  PSP_SCRIPT,
  REQUIRE_JS,
  SKIMMER_SCRIPT,
  STORE,
  sha256,
} from './payment-visits.js';

const JUDGES = { 'SCR-01': judgeAuthorisedScripts, 'SCR-02': judgeScriptIntegrity, 'SCR-03': judgeHeaderIntegrity, 'SCR-04': judgeSkimmerIndicators };
const inventory = (text = CLEAN_INVENTORY) => parseInventory(text, '/srv/audit/shop.inventory.yaml');
const facts = (visits: PaymentPageVisit[], inv: string | null = CLEAN_INVENTORY): ScriptFacts => ({
  target: 'shop',
  store: STORE,
  visits,
  ...(inv === null ? {} : { inventory: inventory(inv) }),
});
const expectOutcome = (v: Verdict, outcome: Verdict['outcome']) => expect(v.outcome, v.message).toBe(outcome);
const withPsp = (psp = PSP, headers = CHECKOUT_HEADERS) => [checkoutWith([REQUIRE_JS, psp], headers)];

describe('SCR-01..04 on the clean and the compromised store', () => {
  it.each(Object.entries(JUDGES))('%s passes on the clean store, naming its PCI DSS requirement', (id, judge) => {
    const v = judge(facts(cleanVisits()));
    expectOutcome(v, 'pass');
    expect(v.message).toMatch(id === 'SCR-01' || id === 'SCR-02' ? /\(PCI DSS 6\.4\.3\)$/ : /\(PCI DSS 11\.6\.1\)$/);
    expect(v.evidence.length).toBeGreaterThan(0);
  });

  it('SCR-01 fails on the compromised store, naming the injected script and the loader that added it', () => {
    const v = judgeAuthorisedScripts(facts(compromisedVisits()));
    expectOutcome(v, 'fail');
    expect(v.message).toContain(`${SKIMMER_SCRIPT} on /checkout/ is not in the inventory`);
    expect(v.message).toMatch(/dynamic script sha256-\S+ \("\(function\(\)\{var s=document\.createElement/);
    expect(v.message).toMatch(/PCI DSS 6\.4\.3/);
    const scripts = (v.evidence[1]!.facts as { scripts: { url?: string; authorisedBy: string | null }[] }).scripts;
    expect(scripts.find((s) => s.url === PSP_SCRIPT)?.authorisedBy).toBe('shop.inventory.yaml:6');
    expect(scripts.find((s) => s.url === SKIMMER_SCRIPT)?.authorisedBy).toBeNull();
  });

  it('SCR-04 fails on the compromised store, naming the exfiltration origin, the look-alike host and the encoded loader', () => {
    const v = judgeSkimmerIndicators(facts(compromisedVisits()));
    expectOutcome(v, 'fail');
    expect(v.message).toContain(`connection to ${EXFIL} (websocket) on /checkout/, neither the store's host nor in the inventory's connections`);
    expect(v.message).toContain('WebSocket: a live channel');
    expect(v.message).toContain('connection to https://cdn-metrics.example.net (beacon) on /checkout/');
    expect(v.message).toContain('script origin https://js.strlpe.com on /checkout/ is a look-alike of Stripe');
    expect(v.message).toMatch(/encoded loader: decodes with atob\(\) and runs or loads with createElement\('script'\)/);
  });

  it('SCR-02 fails on the compromised store: the skimmer has no SRI and its origin is outside the CSP', () => {
    const v = judgeScriptIntegrity(facts(compromisedVisits()));
    expectOutcome(v, 'fail');
    expect(v.message).toContain(`${SKIMMER_SCRIPT} on /checkout/ has no SRI, and ran although the enforced script-src does not allow its origin`);
    expect(v.message).not.toContain(PSP_SCRIPT);
  });
});

describe('no inventory, no browser, partial pages', () => {
  it.each(Object.entries(JUDGES))('%s fails without an inventory, saying how to draft one', (_id, judge) => {
    const v = judge(facts([], null));
    expectOutcome(v, 'fail');
    expect(v.message).toContain('mageprobe inventory TARGETS.yaml --target shop --out shop.inventory.yaml');
    expect(v.message).toContain('inventory: shop.inventory.yaml');
  });

  it.each(Object.entries(JUDGES))('%s is inconclusive, never pass, when no browser is installed', (_id, judge) => {
    const noBrowser: PaymentPageVisit = {
      path: '/checkout/',
      problem: { kind: 'no-browser', detail: 'no Chromium found: apt-get install chromium' },
      headers: {},
      scripts: [],
      connections: [],
      evidence: { label: 'no browser', at: '2026-11-30T14:00:00.000Z', facts: {} },
    };
    const v = judge(facts([noBrowser, { ...noBrowser, path: '/' }]));
    expectOutcome(v, 'inconclusive');
    expect(v.message).toContain('/checkout/: no Chromium found: apt-get install chromium');
  });

  const timedOut = (v: PaymentPageVisit): PaymentPageVisit => ({ ...v, problem: { kind: 'unusable', detail: 'page did not settle within 8000 ms' } });

  it('judges a partly loaded page on what was seen: a failure found there fails, and says the page was partial', () => {
    const [cart, checkout] = compromisedVisits();
    const v = judgeAuthorisedScripts(facts([cart!, timedOut(checkout!)]));
    expectOutcome(v, 'fail');
    expect(v.message).toContain(SKIMMER_SCRIPT);
    expect(v.message).toContain('judged on what was seen before /checkout/: page did not settle within 8000 ms');
  });

  it('a clean result with a page partly seen is inconclusive, not pass', () => {
    const [cart, checkout] = cleanVisits();
    for (const judge of [judgeAuthorisedScripts, judgeSkimmerIndicators]) {
      const v = judge(facts([cart!, timedOut(checkout!)]));
      expectOutcome(v, 'inconclusive');
      expect(v.message).toMatch(/on the pages seen, but not every payment page was fully seen/);
    }
    // Headers of a page that did not load are not the payment page's: SCR-03 does not judge them at all.
    const h = judgeHeaderIntegrity(facts([cart!, timedOut(checkout!)]));
    expectOutcome(h, 'inconclusive');
    expect(h.message).toContain('not seen: /checkout/: page did not settle');
  });
});

describe('SCR-01 authorisation', () => {
  it('fails when a pinned script changed, naming both hashes and the entry', () => {
    const changed = external(PSP_SCRIPT, '/*! psp-example checkout.js v3.13.0 */', { sri: { present: false } });
    const v = judgeAuthorisedScripts(facts(withPsp(changed)));
    expectOutcome(v, 'fail');
    expect(v.message).toContain(`${PSP_SCRIPT} on /checkout/ changed: sha256-${changed.sha256}, pinned sha256-${PSP.sha256} at shop.inventory.yaml:6`);
  });

  it('a pin is a demand: an unpinned origin entry does not excuse a changed pinned script; a second pin allows a rollout', () => {
    const changed = external(PSP_SCRIPT, 'v3.13.0 body');
    const extra = (e: string) => `${CLEAN_INVENTORY.replace('scripts:\n', `scripts:\n${e}`)}`;
    const byOrigin = `  - origin: https://js.psp-example.com\n    justification: all of the PSP's scripts\n    approvedBy: Dana\n    approvedOn: 2026-11-02\n`;
    expectOutcome(judgeAuthorisedScripts(facts(withPsp(changed), extra(byOrigin))), 'fail');
    const secondPin = `  - url: ${PSP_SCRIPT}\n    sha256: ${changed.sha256}\n    justification: v3.13 during the PSP's rollout\n    approvedBy: Dana\n    approvedOn: 2026-11-20\n`;
    expectOutcome(judgeAuthorisedScripts(facts(withPsp(changed), extra(secondPin))), 'pass');
  });

  it('matches inline scripts by hash only, never by URL entries, and URL globs only within a path segment for *', () => {
    const other = inline('inline', 'console.log("not reviewed")');
    expect(judgeAuthorisedScripts(facts([checkoutWith([other])])).message).toContain('inline script sha256-');
    // The Magento static glob (version*/**) must not authorise a path that only looks like it.
    const sneaky = external('https://shop.example.com/static/version1/evil/frontend/Magento/luma/en_US/x.js', 'x');
    const v = judgeAuthorisedScripts(facts([checkoutWith([sneaky])]));
    expectOutcome(v, 'fail');
    expect(v.message).toContain(`${sneaky.url} on /checkout/ is not in the inventory`);
  });
});

describe('SCR-02 integrity', () => {
  const noSri = external(PSP_SCRIPT, 'psp body');
  const csp = (policy: string) => ({ ...CHECKOUT_HEADERS, 'content-security-policy': policy });

  it('passes a cross-origin script without SRI when the enforced CSP limits script-src to inventoried origins', () => {
    const v = judgeScriptIntegrity(facts(withPsp(noSri)));
    expectOutcome(v, 'pass');
  });

  it('falls back to default-src when script-src is absent (CSP3 fallback list)', () => {
    expectOutcome(judgeScriptIntegrity(facts(withPsp(noSri, csp("default-src 'self' https://js.psp-example.com")))), 'pass');
    expectOutcome(judgeScriptIntegrity(facts(withPsp(noSri, csp("default-src 'self' https://js.psp-example.com; script-src *")))), 'fail');
  });

  it('does not count Content-Security-Policy-Report-Only', () => {
    const headers = { 'content-security-policy-report-only': "script-src 'self' https://js.psp-example.com" };
    const v = judgeScriptIntegrity(facts(withPsp(noSri, headers)));
    expectOutcome(v, 'fail');
    expect(v.message).toContain(`${PSP_SCRIPT} on /checkout/ has no SRI, and only Content-Security-Policy-Report-Only is sent, which blocks nothing`);
  });

  it.each([
    ["script-src 'self' *", 'allows * (any origin)'],
    ["script-src 'self' https:", 'allows the scheme-only source https:'],
    ["script-src 'self' https://*.psp-example.com", 'allows the wildcard source https://*.psp-example.com'],
    ["script-src 'self' 'unsafe-inline' https://js.psp-example.com", "allows 'unsafe-inline' without a nonce or hash"],
    ["script-src 'nonce-abc' 'strict-dynamic' https://js.psp-example.com", "has 'strict-dynamic'"],
    ["script-src 'self' https://js.psp-example.com https://cdn.other.example", 'allows origins not in the inventory: https://cdn.other.example'],
    ["img-src 'self'", 'has no script-src-elem, script-src or default-src'],
  ])('fails under %s: %s', (policy, why) => {
    const v = judgeScriptIntegrity(facts(withPsp(noSri, csp(policy))));
    expectOutcome(v, 'fail');
    expect(v.message).toContain(why);
  });

  it("accepts 'unsafe-inline' beside a nonce (CSP3 ignores it then), a scheme-less host, and one restrictive policy among several", () => {
    for (const policy of [
      "script-src 'self' 'unsafe-inline' 'nonce-abc' https://js.psp-example.com",
      "script-src 'self' js.psp-example.com",
      "script-src *, script-src 'self' https://js.psp-example.com",
    ]) {
      expectOutcome(judgeScriptIntegrity(facts(withPsp(noSri, csp(policy)))), 'pass');
    }
  });

  it('passes on a matched SRI even without CSP, and fails on an SRI hash that did not match', () => {
    expectOutcome(judgeScriptIntegrity(facts(withPsp(PSP, {}))), 'pass');
    const mismatched = external(PSP_SCRIPT, 'changed', { sri: { present: true, integrity: 'sha384-abc', matched: false } });
    const v = judgeScriptIntegrity(facts(withPsp(mismatched, {})));
    expectOutcome(v, 'fail');
    expect(v.message).toContain('SRI sha384-abc did not match the body');
  });

  it('passes a page with only same-origin scripts, saying so', () => {
    const v = judgeScriptIntegrity(facts([checkoutWith([REQUIRE_JS])]));
    expectOutcome(v, 'pass');
    expect(v.message).toContain('no cross-origin script runs on the payment pages');
  });
});

describe('SCR-03 headers', () => {
  const checkout = (headers: Record<string, string>) => [cleanVisits()[0]!, checkoutWith([REQUIRE_JS], headers)];

  it('ignores a fresh CSP nonce but fails a changed CSP, naming the header and both values', () => {
    const loosened = {
      ...CHECKOUT_HEADERS,
      'content-security-policy': CHECKOUT_HEADERS['content-security-policy']!.replace("'self' 'nonce", "'self' 'unsafe-inline' 'nonce"),
    };
    expectOutcome(judgeHeaderIntegrity(facts(checkout({ ...CHECKOUT_HEADERS }))), 'pass');
    const v = judgeHeaderIntegrity(facts(checkout(loosened)));
    expectOutcome(v, 'fail');
    expect(v.message).toMatch(
      /^\/checkout\/: content-security-policy changed from "default-src 'self'; script-src 'self' 'nonce-b3Ro.*" to ".*'unsafe-inline'/,
    );
    expect(v.message).toContain('(PCI DSS 11.6.1)');
  });

  it('names headers added and removed', () => {
    const { 'x-frame-options': _gone, ...rest } = CHECKOUT_HEADERS;
    const v = judgeHeaderIntegrity(facts(checkout({ ...rest, 'access-control-allow-origin': '*' })));
    expectOutcome(v, 'fail');
    expect(v.message).toContain('access-control-allow-origin added ("*")');
    expect(v.message).toContain('x-frame-options removed (was "SAMEORIGIN")');
  });

  it('fails a page the inventory recorded no headers for', () => {
    const login: PaymentPageVisit = { ...cleanVisits()[0]!, path: '/customer/account/login/' };
    const v = judgeHeaderIntegrity(facts([login]));
    expectOutcome(v, 'fail');
    expect(v.message).toContain('/customer/account/login/ has no headers recorded in shop.inventory.yaml');
  });
});

describe('SCR-04 indicators', () => {
  it('lets connections to the store host (any port) and to inventoried origins pass, and fails any other', () => {
    const ok = [conn('xhr', 'https://shop.example.com:8443/rest/V1/x'), conn('fetch', 'https://api.psp-example.com/v1/x'), conn('other', 'data:text/plain,x')];
    expectOutcome(judgeSkimmerIndicators(facts([checkoutWith([REQUIRE_JS], CHECKOUT_HEADERS, ok)])), 'pass');
    const v = judgeSkimmerIndicators(facts([checkoutWith([REQUIRE_JS], CHECKOUT_HEADERS, [...ok, conn('form-action', 'https://collect.example.org/post')])]));
    expectOutcome(v, 'fail');
    expect(v.message).toContain('connection to https://collect.example.org (form-action) on /checkout/');
    expect(v.message).toContain('form action: the form would post its fields there');
  });

  it('a wss: connection entry in the inventory covers the WebSocket the browser recorded under its https origin', () => {
    const socket = { kind: 'websocket' as const, url: `${EXFIL}/c`, origin: EXFIL.replace(/^wss/, 'https') };
    const visits = () => [checkoutWith([REQUIRE_JS], CHECKOUT_HEADERS, [socket])];
    expectOutcome(judgeSkimmerIndicators(facts(visits())), 'fail');
    const listed = CLEAN_INVENTORY.replace('connections:\n', `connections:\n  - origin: ${EXFIL}\n    justification: live chat socket\n`);
    expect(listed).not.toBe(CLEAN_INVENTORY);
    expectOutcome(judgeSkimmerIndicators(facts(visits(), listed)), 'pass');
  });

  it('flags a look-alike script host even when the inventory lists it (a draft of a compromised store would)', () => {
    const lookalike = external('https://www.googletagrnanager.com/gtm.js?id=GTM-X', 'gtm');
    const listed = CLEAN_INVENTORY.replace(
      'scripts:\n',
      'scripts:\n  - origin: https://www.googletagrnanager.com\n    justification: tag manager\n    approvedBy: Dana\n    approvedOn: 2026-11-02\n',
    );
    const v = judgeSkimmerIndicators(facts([checkoutWith([lookalike])], listed));
    expectOutcome(v, 'fail');
    expect(v.message).toContain(
      'script origin https://www.googletagrnanager.com on /checkout/ is a look-alike of Google Tag Manager: homoglyphs of googletagmanager.com',
    );
  });

  it('passes exact well-known hosts and their own subdomains', () => {
    const genuine = [
      'https://www.googletagmanager.com/gtm.js',
      'https://region1.google-analytics.com/g/collect',
      'https://js.stripe.com/v3/',
      'https://m.stripe.network/inner.html',
    ].map((u) => external(u, u));
    expectOutcome(judgeSkimmerIndicators(facts([checkoutWith(genuine)])), 'pass');
  });

  it('finds an encoded loader in inline and run-time scripts only, not in a library file', () => {
    const fromCharCode = inline('inline', 'eval(String.fromCharCode(118,97,114,32,120,61,49))');
    const v = judgeSkimmerIndicators(facts([checkoutWith([fromCharCode])]));
    expectOutcome(v, 'fail');
    expect(v.message).toContain('decodes with String.fromCharCode() and runs or loads with eval()');
    // jQuery-like library text (fromCharCode + createElement("script")) served as a file is not flagged.
    expectOutcome(judgeSkimmerIndicators(facts(cleanVisits())), 'pass');
    // Decoding alone, or loading alone, is ordinary code.
    expectOutcome(judgeSkimmerIndicators(facts([checkoutWith([inline('inline', 'var n=atob(token).split(".")')])])), 'pass');
    expectOutcome(judgeSkimmerIndicators(facts([checkoutWith([inline('inline', "var s=document.createElement('script');s.src='/x.js'")])])), 'pass');
  });

  it('finds a loader behind a comment longer than the excerpt: the head of the source is scanned', () => {
    const text = `/* ${'x'.repeat(400)} */ eval(atob('dmFyIHg9MQ=='))`;
    const hidden = inline('inline', text);
    expect(hidden.excerpt).not.toContain('atob');
    const v = judgeSkimmerIndicators(facts([checkoutWith([hidden])]));
    expectOutcome(v, 'fail');
    expect(v.message).toContain('decodes with atob() and runs or loads with eval()');
    // Never into evidence: the head is for scanning only.
    expect(JSON.stringify(v.evidence)).not.toContain('x'.repeat(300));
  });

  it('flags a script file that hands decoded text straight to a loader', () => {
    const theme = external(
      'https://shop.example.com/static/theme.js',
      "define([], function () { var s = document.createElement('script'); s.src = atob('aHR0cHM6Ly94'); })",
    );
    const v = judgeSkimmerIndicators(facts([checkoutWith([theme])]));
    expectOutcome(v, 'fail');
    expect(v.message).toContain(
      'https://shop.example.com/static/theme.js on /checkout/ is an encoded loader: hands decoded text straight to a loader (src set from decoded text)',
    );
  });

  it('names the hash of a dynamic script in the evidence with its excerpt', () => {
    const loader = inline('dynamic', "Function(unescape('%76%61%72'))()");
    const v = judgeSkimmerIndicators(facts([checkoutWith([loader])]));
    expectOutcome(v, 'fail');
    expect(v.evidence[0]!.facts).toMatchObject({
      kind: 'dynamic',
      sha256: sha256("Function(unescape('%76%61%72'))()"),
      decoders: ['unescape()'],
      loaders: ['Function()'],
    });
  });
});

describe('findings across pages', () => {
  it('names a script seen on several pages once, with every page', () => {
    const onCart = { ...checkoutWith([external(SKIMMER_SCRIPT, 'skim')]), path: '/checkout/cart/' };
    const v = judgeAuthorisedScripts(facts([onCart, checkoutWith([external(SKIMMER_SCRIPT, 'skim')])]));
    expectOutcome(v, 'fail');
    expect(v.message).toBe(`${SKIMMER_SCRIPT} on /checkout/cart/, /checkout/ is not in the inventory (PCI DSS 6.4.3)`);
  });
});
