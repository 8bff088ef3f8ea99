import { type LinearRegex, linear } from '../core/linear-regex.js';
import type { ConnectionKind } from '../probes/browser/page-facts.js';

/**
 * SCR-04's indicators of a payment-page skimmer (PCI DSS 11.6.1 "indicators of compromise"), as data.
 */

/**
 * Providers whose script hosts skimmers imitate (Magecart campaigns registered look-alikes of
 * analytics, CDN and payment hosts so that the injected tag reads as routine). `domains` are the
 * provider's own registrable domains: a host equal to or under one is genuine.
 */
export interface WellKnownProvider {
  readonly name: string;
  /** Hosts scripts usually come from; what a look-alike imitates. */
  readonly hosts: readonly string[];
  readonly domains: readonly string[];
}

export const WELL_KNOWN_PROVIDERS: readonly WellKnownProvider[] = [
  { name: 'Google Analytics', hosts: ['www.google-analytics.com', 'ssl.google-analytics.com'], domains: ['google-analytics.com'] },
  { name: 'Google Tag Manager', hosts: ['www.googletagmanager.com'], domains: ['googletagmanager.com'] },
  { name: 'Google Hosted Libraries', hosts: ['ajax.googleapis.com'], domains: ['googleapis.com', 'gstatic.com'] },
  { name: 'jsDelivr', hosts: ['cdn.jsdelivr.net'], domains: ['jsdelivr.net'] },
  { name: 'cdnjs', hosts: ['cdnjs.cloudflare.com'], domains: ['cloudflare.com'] },
  { name: 'Stripe', hosts: ['js.stripe.com', 'm.stripe.network'], domains: ['stripe.com', 'stripe.network'] },
  { name: 'Braintree', hosts: ['js.braintreegateway.com'], domains: ['braintreegateway.com', 'braintree-api.com'] },
  { name: 'PayPal', hosts: ['www.paypal.com', 'www.paypalobjects.com'], domains: ['paypal.com', 'paypalobjects.com'] },
  { name: 'Klarna', hosts: ['static.klarna.com', 'x.klarnacdn.net'], domains: ['klarna.com', 'klarnacdn.net'] },
  { name: 'Adyen', hosts: ['checkoutshopper-live.adyen.com'], domains: ['adyen.com'] },
  { name: 'jQuery CDN', hosts: ['code.jquery.com'], domains: ['jquery.com'] },
];

/**
 * Second-level labels under which registrations are made (co.uk…): the registrable domain is then
 * three labels. A short list, not the Public Suffix List: it only has to find the brand label.
 */
export const TWO_LEVEL_SUFFIXES: ReadonlySet<string> = new Set([
  'co.uk',
  'org.uk',
  'com.au',
  'net.au',
  'co.jp',
  'com.br',
  'co.nz',
  'co.za',
  'com.cn',
  'com.mx',
  'co.in',
]);

/**
 * Characters that read alike in a browser's address bar and a reviewer's editor (Unicode UTS #39
 * confusables, the subset seen in phishing domains), folded to one skeleton letter. Host names are
 * lower-cased by the URL parser, so capital I is already i; i and 1 fold with l as "I/l" does.
 * IDN hosts are compared after punycode decoding, so Cyrillic а matches Latin a here.
 */
export const CONFUSABLE_SEQUENCES: readonly (readonly [string, string])[] = [
  ['rn', 'm'],
  ['vv', 'w'],
  ['cl', 'd'],
];
export const CONFUSABLE_CHARS: Readonly<Record<string, string>> = {
  '1': 'l',
  i: 'l',
  '|': 'l',
  ı: 'l',
  ł: 'l',
  '0': 'o',
  ο: 'o',
  о: 'o',
  ö: 'o',
  а: 'a',
  α: 'a',
  е: 'e',
  ε: 'e',
  с: 'c',
  р: 'p',
  ρ: 'p',
  х: 'x',
  у: 'y',
  ѕ: 's',
  і: 'l',
  ј: 'j',
  ԁ: 'd',
  ɡ: 'g',
  ց: 'g',
  κ: 'k',
  ν: 'v',
  τ: 't',
  '5': 's',
};

/** Edits (Damerau–Levenshtein) a brand label may be away from a provider's and still imitate it; short labels get one. */
export const lookalikeDistance = (brandLabel: string): number => (brandLabel.length >= 8 ? 2 : 1);

/** Connection kinds that skimmers use to ship card data out; called out in SCR-04's message. */
export const EXFILTRATION_KINDS: Readonly<Partial<Record<ConnectionKind, string>>> = {
  websocket: 'WebSocket: a live channel, the way recent skimmers stream form fields',
  beacon: 'beacon: fire-and-forget, sent even as the page unloads',
  'form-action': 'form action: the form would post its fields there',
};

/**
 * An encoded loader: a script that decodes hidden text and runs or loads it. Both halves must be
 * present in the same inline or run-time script; either alone is common in legitimate code.
 */
export interface LoaderIndicator {
  readonly name: string;
  readonly pattern: LinearRegex;
}

export const DECODERS: readonly LoaderIndicator[] = [
  { name: 'atob()', pattern: linear(/\batob\s*\(/) },
  { name: 'String.fromCharCode()', pattern: linear(/\bfromCharCode\s*\(/) },
  { name: 'unescape()', pattern: linear(/\bunescape\s*\(/) },
  { name: 'decodeURIComponent(escape())', pattern: linear(/decodeURIComponent\s*\(\s*escape\s*\(/) },
  // A long run of \x.. or \u.... escapes in a string literal: packed code.
  { name: 'hex-escaped string', pattern: linear(/(?:\\x[0-9a-fA-F]{2}){16}/) },
];

export const LOADERS: readonly LoaderIndicator[] = [
  { name: 'eval()', pattern: linear(/\beval\s*\(/) },
  { name: 'Function()', pattern: linear(/\bFunction\s*\(/) },
  { name: "createElement('script')", pattern: linear(/createElement\s*\(\s*['"`]script['"`]\s*\)/i) },
  { name: 'import()', pattern: linear(/\bimport\s*\(/) },
  { name: 'document.write()', pattern: linear(/document\s*\.\s*write(?:ln)?\s*\(/) },
  { name: 'setTimeout/setInterval with a string', pattern: linear(/\bset(?:Timeout|Interval)\s*\(\s*['"`]/) },
];

/**
 * Decoded text handed straight to a loader (`s.src = atob(…)`, `eval(atob(…))`): no library does
 * this, so it counts in script files too, where decoder and loader apart are ordinary.
 */
export const DECODED_INTO_LOADER: readonly LoaderIndicator[] = [
  { name: 'src set from decoded text', pattern: linear(/\.src\s*=\s*(?:window\.)?(?:atob|unescape|decodeURIComponent|String\.fromCharCode)\s*\(/) },
  { name: 'decoded text run', pattern: linear(/\b(?:eval|Function|import|document\.write)\s*\(\s*(?:window\.)?(?:atob|unescape|String\.fromCharCode)\s*\(/) },
];

/** Characters of a script's text scanned for loaders: an excerpt, never an unbounded body. */
export const LOADER_SCAN_CHARS = 64 * 1024;
