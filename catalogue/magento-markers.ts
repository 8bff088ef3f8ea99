/** Storefront signs that a site runs Magento 2, recorded in MAG evidence. */
export interface MagentoMarker {
  readonly name: string;
  readonly pattern: RegExp;
}

export const STOREFRONT_MARKERS: readonly MagentoMarker[] = [
  { name: 'text/x-magento-init script', pattern: /<script[^>]+type=["']text\/x-magento-init["']/i },
  { name: 'static version path', pattern: /\/static\/version\d+\/(?:frontend|adminhtml)\//i },
  { name: 'data-mage-init attribute', pattern: /data-mage-init=/i },
  { name: 'Magento_ module name', pattern: /\bMagento_[A-Z]\w+/ },
  { name: 'requirejs-config from pub/static', pattern: /\/(?:pub\/)?static\/[^"']*requirejs-config\.js/i },
];

/** GraphQL's error answer to an empty query, in Magento's shape. */
export const GRAPHQL_ERROR_SHAPE = /"errors"\s*:\s*\[\s*\{[^]*?"extensions"\s*:\s*\{[^}]*"category"\s*:\s*"graphql/;

/** `/magento_version` (Magento_Version module): "Magento/2.4 (Community)". */
export const MAGENTO_VERSION_ANSWER = /^\s*Magento\/(\d+\.\d+) \(([A-Za-z ]+)\)\s*$/;

/** The product metapackage in composer.json (a constraint) and composer.lock / installed.json (exact). */
export const PRODUCT_REQUIRE = /"magento\/product-(community|enterprise)-edition"\s*:\s*"([^"]+)"/;
export const PRODUCT_LOCKED = /"name"\s*:\s*"magento\/product-(community|enterprise)-edition"\s*,\s*"version"\s*:\s*"v?([^"]+)"/;

/** Where a version may be disclosed, and how each answer is read (MAG-01). */
export const VERSION_SOURCES = [
  { path: '/magento_version', reads: 'version-answer' },
  { path: '/composer.json', reads: 'composer-json' },
  { path: '/composer.lock', reads: 'composer-lock' },
  { path: '/vendor/composer/installed.json', reads: 'composer-installed' },
] as const;

/** Protected REST resources an anonymous caller must not read (MAG-03). */
export const PROTECTED_REST_RESOURCES: readonly string[] = [
  '/rest/V1/products?searchCriteria[pageSize]=1',
  '/rest/V1/categories',
  '/rest/V1/cmsPage/1',
];

/** Magento's answer when an anonymous caller asks for a protected resource. */
export const REST_UNAUTHORIZED = /The consumer isn't authorized to access %resources|not authorized/i;

/** What an error page must not show (MAG-04). Matched after JSON unescaping. */
export const ERROR_DISCLOSURES: readonly MagentoMarker[] = [
  { name: 'PHP stack trace', pattern: /#\d+ (?:\/|[A-Za-z]:\\)[^\s():]+\.php\(\d+\): [^\n]{0,80}/ },
  { name: 'stack trace field', pattern: /"trace"\s*:\s*(?:"#0 |\[\s*"#0 |\[\s*\{)[^\n]{0,80}/ },
  { name: 'exception text', pattern: /(?:Exception #\d+ \([\w\\]+\)|Uncaught [\w\\]+(?:Exception|Error)|PDOException|SQLSTATE\[\w+\])[^\n<]{0,100}/ },
  { name: 'server file path', pattern: /(?:\/var\/www\/|\/home\/[\w.-]+\/|\/srv\/[\w.-]+\/|\/opt\/[\w.-]+\/)[\w./-]+\.(?:php|phtml|xml)\b/ },
  { name: 'Magento source path', pattern: /\b(?:vendor\/magento|app\/code\/[A-Z]\w+)\/[\w./-]+\.php\b/ },
  { name: 'PHP error message', pattern: /<b>(?:Fatal error|Warning|Notice|Parse error|Deprecated)<\/b>:[^\n]{0,100}|\.php on line \d+/ },
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
