import { type LinearRegex, linear } from '../core/linear-regex.js';

/**
 * Storefront signs that a site runs Magento 2, recorded in MAG evidence. Every pattern
 * here reads server text, so each is a LinearRegex (RE2, linear time: issue 8); the
 * probes cap how much text each one scans.
 */
export interface MagentoMarker {
  readonly name: string;
  readonly pattern: LinearRegex;
}

export const STOREFRONT_MARKERS: readonly MagentoMarker[] = [
  { name: 'text/x-magento-init script', pattern: linear(/<script[^>]+type=["']text\/x-magento-init["']/i) },
  { name: 'static version path', pattern: linear(/\/static\/version\d+\/(?:frontend|adminhtml)\//i) },
  { name: 'data-mage-init attribute', pattern: linear(/data-mage-init=/i) },
  { name: 'Magento_ module name', pattern: linear(/\bMagento_[A-Z]\w+/) },
  { name: 'requirejs-config from pub/static', pattern: linear(/\/(?:pub\/)?static\/[^"']*requirejs-config\.js/i) },
];

/** GraphQL's error answer to an empty query, in Magento's shape. */
export const GRAPHQL_ERROR_SHAPE = linear(/"errors"\s*:\s*\[\s*\{[\s\S]*?"extensions"\s*:\s*\{[^}]*"category"\s*:\s*"graphql/);

/** `/magento_version` (Magento_Version module): "Magento/2.4 (Community)". */
export const MAGENTO_VERSION_ANSWER = linear(/^\s*Magento\/(\d+\.\d+) \(([A-Za-z ]+)\)\s*$/);

/** The product metapackage in composer.json (a constraint) and composer.lock / installed.json (exact). */
export const PRODUCT_REQUIRE = linear(/"magento\/product-(community|enterprise)-edition"\s*:\s*"([^"]+)"/);
export const PRODUCT_LOCKED = linear(/"name"\s*:\s*"magento\/product-(community|enterprise)-edition"\s*,\s*"version"\s*:\s*"v?([^"]+)"/);

/** Where a version may be disclosed, and how each answer is read (MAG-01). */
export const VERSION_SOURCES = [
  { path: '/magento_version', reads: 'version-answer' },
  { path: '/composer.json', reads: 'composer-json' },
  { path: '/composer.lock', reads: 'composer-lock' },
  { path: '/vendor/composer/installed.json', reads: 'composer-installed' },
] as const;

/** Protected REST resources an anonymous caller must not read (MAG-03). */
export const PROTECTED_REST_RESOURCES: readonly string[] = ['/rest/V1/products?searchCriteria[pageSize]=1', '/rest/V1/categories', '/rest/V1/cmsPage/1'];

/** Magento's answer when an anonymous caller asks for a protected resource. */
export const REST_UNAUTHORIZED = linear(/The consumer isn't authorized to access %resources|not authorized/i);

/** What an error page must not show (MAG-04). Matched after JSON unescaping. */
export const ERROR_DISCLOSURES: readonly MagentoMarker[] = [
  { name: 'PHP stack trace', pattern: linear(/#\d+ (?:\/|[A-Za-z]:\\)[^\s():]+\.php\(\d+\): [^\n]{0,80}/) },
  { name: 'stack trace field', pattern: linear(/"trace"\s*:\s*(?:"#0 |\[\s*"#0 |\[\s*\{)[^\n]{0,80}/) },
  { name: 'exception text', pattern: linear(/(?:Exception #\d+ \([\w\\]+\)|Uncaught [\w\\]+(?:Exception|Error)|PDOException|SQLSTATE\[\w+\])[^\n<]{0,100}/) },
  { name: 'server file path', pattern: linear(/(?:\/var\/www\/|\/home\/[\w.-]+\/|\/srv\/[\w.-]+\/|\/opt\/[\w.-]+\/)[\w./-]+\.(?:php|phtml|xml)\b/) },
  { name: 'Magento source path', pattern: linear(/\b(?:vendor\/magento|app\/code\/[A-Z]\w+)\/[\w./-]+\.php\b/) },
  { name: 'PHP error message', pattern: linear(/<b>(?:Fatal error|Warning|Notice|Parse error|Deprecated)<\/b>:[^\n]{0,100}|\.php on line \d+/) },
];

/** Requests that make a store produce an error page (MAG-04); `{rand}` becomes a fresh token. */
export const ERROR_PROVOCATIONS: readonly { readonly what: string; readonly path: string; readonly method?: 'POST'; readonly body?: string }[] = [
  { what: 'a page that does not exist', path: '/{rand}.html' },
  { what: 'the error report page with an unknown id', path: '/errors/report.php?id={digits}' },
  { what: 'the error report page under pub/', path: '/pub/errors/report.php?id={digits}' },
  { what: 'an unknown REST route', path: '/rest/V1/{rand}' },
  { what: 'a guest cart that does not exist', path: '/rest/V1/guest-carts/{rand}' },
  { what: 'a malformed GraphQL query', path: '/graphql?query=%7B' },
  // Malformed JSON is rejected before any cart exists, so nothing is created.
  { what: 'a malformed REST body', path: '/rest/V1/guest-carts/{rand}/items', method: 'POST', body: '{"cartItem": {"qty": ' },
];
