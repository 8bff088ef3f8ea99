/**
 * Response headers of a payment page that change what the browser lets scripts do or where the
 * page may be shown: PCI DSS 11.6.1 asks for tamper detection of exactly these ("security-
 * impacting HTTP headers"). Set-Cookie is left out: its values change on every visit.
 */
export const SECURITY_IMPACTING_HEADERS: readonly string[] = [
  'content-security-policy',
  'content-security-policy-report-only',
  'x-frame-options',
  'strict-transport-security',
  'x-content-type-options',
  'referrer-policy',
  'permissions-policy',
  'feature-policy',
  'cross-origin-opener-policy',
  'cross-origin-embedder-policy',
  'cross-origin-resource-policy',
  'x-xss-protection',
  'x-permitted-cross-domain-policies',
  'reporting-endpoints',
  'report-to',
  'nel',
  'access-control-allow-origin',
];

const WANTED = new Set(SECURITY_IMPACTING_HEADERS);

/**
 * The security-impacting subset, lower-case names. The DevTools protocol joins repeated
 * headers with newlines; they become one comma-separated list (RFC 9110 §5.3), which is how
 * CSP reads several policies too (CSP3 §3.1).
 */
export function securityHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (WANTED.has(lower)) out[lower] = out[lower] !== undefined ? `${out[lower]}, ${joined(value)}` : joined(value);
  }
  return out;
}

const joined = (value: string) =>
  value
    .split('\n')
    .map((v) => v.trim())
    .join(', ');
