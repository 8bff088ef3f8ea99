/** Header names each HDR check judges: HDR-08 demands them on every kind of response. */
export const JUDGED_HEADERS: Readonly<Record<string, readonly string[]>> = {
  'HDR-01': ['x-frame-options'],
  'HDR-02': ['x-content-type-options'],
  'HDR-03': ['referrer-policy'],
  'HDR-04': ['x-xss-protection'],
  'HDR-05': ['content-security-policy'],
  'HDR-06': ['strict-transport-security'],
};

/** Referrer-Policy values at least as strict as strict-origin-when-cross-origin. */
export const STRICT_REFERRER_POLICIES: readonly string[] = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];

/** Every token a browser recognises; unknown tokens in a list are ignored by browsers. */
export const KNOWN_REFERRER_POLICIES: readonly string[] = [
  ...STRICT_REFERRER_POLICIES,
  'no-referrer-when-downgrade',
  'origin',
  'origin-when-cross-origin',
  'unsafe-url',
];

/**
 * CSP directives current browsers act on (CSP Level 3, Upgrade Insecure Requests, Mixed
 * Content, Trusted Types, Fenced Frames), and whether they restrict or only report. Anything else — a typo, or a removed directive such as plugin-types,
 * prefetch-src, navigate-to, referrer or reflected-xss — is skipped by browsers.
 */
export const CSP_DIRECTIVES: ReadonlyMap<string, 'restricts' | 'reports'> = new Map([
  ...[
    'default-src',
    'script-src',
    'script-src-elem',
    'script-src-attr',
    'style-src',
    'style-src-elem',
    'style-src-attr',
    'img-src',
    'font-src',
    'connect-src',
    'media-src',
    'object-src',
    'frame-src',
    'child-src',
    'worker-src',
    'manifest-src',
    'fenced-frame-src',
    'base-uri',
    'form-action',
    'frame-ancestors',
    'sandbox',
    'upgrade-insecure-requests',
    'block-all-mixed-content',
    'require-trusted-types-for',
    'trusted-types',
    'webrtc',
  ].map((n) => [n, 'restricts'] as const),
  ['report-uri', 'reports'],
  ['report-to', 'reports'],
]);

/** HDR-07: headers that disclose software or versions, and the value that makes them disclose. */
export interface DisclosingHeader {
  readonly name: string;
  /** The header discloses when its value matches; absent means any value discloses. */
  readonly when?: RegExp;
  readonly why: string;
}

export const DISCLOSING_HEADERS: readonly DisclosingHeader[] = [
  { name: 'server', when: /\d/, why: 'server software version' },
  { name: 'x-powered-by', why: 'runtime and version (PHP expose_php)' },
  { name: 'x-aspnet-version', why: 'runtime version' },
  { name: 'x-generator', why: 'application name' },
  { name: 'via', when: /\/\d/, why: 'proxy software version' },
  { name: 'x-magento-debug', why: 'Magento debug mode' },
  { name: 'x-magento-cache-debug', why: 'Magento full-page-cache debug header (developer mode)' },
  { name: 'x-magento-tags', why: 'Magento cache tags exposed (Varnish not stripping debug headers)' },
  { name: 'x-debug-token', why: 'Symfony-style profiler token' },
  { name: 'x-debug-token-link', why: 'profiler link' },
];

/** HDR-09: cookies that carry a Magento or PHP session. */
export const SESSION_COOKIES: readonly RegExp[] = [/^PHPSESSID$/i, /^frontend(_cid)?$/, /^admin(html)?$/, /^persistent_shopping_cart$/, /sess/i];

/** HDR-09: a page that starts a storefront session even under full-page caching. */
export const SESSION_START_PATHS: readonly string[] = ['/', '/customer/account/login/'];

/** HDR-08: paths usually denied by a hardened store, tried in order until one answers 403. */
export const DENIED_CANDIDATES: readonly string[] = ['/.htaccess', '/app/etc/env.php', '/.git/config', '/composer.json', '/var/log/'];
