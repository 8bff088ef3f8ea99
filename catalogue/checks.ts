import { INTERNAL_CONTROLS } from './internal-controls.js';

/**
 * The check catalogue of CHECKS.md as data. IDs are stable: add new ones, never re-purpose.
 * Titles become JUnit test-case names as "<ID> <title>".
 */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export type Area = 'network' | 'ssh' | 'tls' | 'headers' | 'paths' | 'methods' | 'admin' | 'magento' | 'scripts' | 'internal' | typeof CUSTOM_AREA;

/** The area of every team's own acceptance check (acceptance/): `classname` `<target>.acceptance`, `--only acceptance`. */
export const CUSTOM_AREA = 'acceptance';

export interface CheckSpec {
  readonly id: string;
  readonly title: string;
  readonly area: Area;
  readonly severity: Severity;
  /** Section of the auditor's checklist, or "practice". */
  readonly source: string;
}

/**
 * A team's own acceptance check (acceptance/check.ts), carried in each case like a catalogue spec.
 * Its remediation text, when the team wrote one, travels with it (catalogue checks keep theirs in
 * catalogue/remediation.ts), so results.json, report.html and merge need no second table.
 */
export interface CustomCheckSpec extends CheckSpec {
  readonly area: typeof CUSTOM_AREA;
  readonly why?: string;
  readonly fix?: string;
}

/**
 * The shape of a team's check ID (and of every catalogue ID): a prefix of 2–10 capitals and digits
 * starting with a letter, a dash, 2–3 digits (ACME-01, SHOP2-105). A team's prefix must not be one
 * of the catalogue's (CATALOGUE_PREFIXES), so a future catalogue check never takes its ID.
 */
export const CHECK_ID_SHAPE = /^[A-Z][A-Z0-9]{1,9}-\d{2,3}$/;

export const isCustomSpec = (c: CheckSpec): c is CustomCheckSpec => c.area === CUSTOM_AREA;

const spec = (id: string, area: Area, severity: Severity, title: string, source: string): CheckSpec => ({
  id,
  area,
  severity,
  title,
  source,
});

export const CHECKS: readonly CheckSpec[] = [
  spec('NET-01', 'network', 'high', 'Only allowed TCP ports reachable', 'EC2 Security Group'),
  spec('NET-02', 'network', 'critical', 'No database port reachable', 'Database Security'),
  spec('NET-03', 'network', 'critical', 'No cache, search, queue or runtime backend reachable', 'practice'),
  spec('SSH-01', 'ssh', 'high', 'SSH not reachable from this vantage point', 'EC2 Security Group'),
  spec('SSH-02', 'ssh', 'high', 'Password and keyboard-interactive authentication disabled', 'practice'),
  spec('SSH-03', 'ssh', 'medium', 'No weak SSH algorithms offered', 'practice'),
  spec('TLS-01', 'tls', 'high', 'Legacy protocols disabled', 'Nginx hardening (ssl_protocols TLSv1.2 TLSv1.3)'),
  spec('TLS-02', 'tls', 'medium', 'TLS 1.2 and TLS 1.3 offered', 'Nginx hardening'),
  spec('TLS-03', 'tls', 'high', 'Only strong cipher suites', 'Nginx hardening (ssl_ciphers)'),
  spec('TLS-04', 'tls', 'high', 'Certificate trusted, matching, current and strong', 'practice'),
  spec('TLS-05', 'tls', 'low', 'No TLS 1.2 session tickets', 'Nginx hardening (ssl_session_tickets off)'),
  spec('TLS-06', 'tls', 'medium', 'No compression, secure renegotiation only', 'practice'),
  spec('TLS-07', 'headers', 'medium', 'Plain HTTP redirects to HTTPS', 'practice'),
  spec('HDR-01', 'headers', 'medium', 'X-Frame-Options restricts framing', 'Nginx hardening'),
  spec('HDR-02', 'headers', 'medium', 'X-Content-Type-Options is nosniff', 'Nginx hardening'),
  spec('HDR-03', 'headers', 'low', 'Referrer-Policy strict-origin-when-cross-origin or stricter', 'Nginx hardening'),
  spec('HDR-04', 'headers', 'low', 'X-XSS-Protection as the policy requires', 'Nginx hardening'),
  spec('HDR-05', 'headers', 'low', 'Content-Security-Policy enforced', 'Nginx hardening (consider CSP)'),
  // HDR-06 passes only when browsers would note the policy: the first STS field valid (RFC 6797 §6.1, §8.1),
  // over HTTPS to a host name whose certificate validates (§8.1); a failing certificate fails, an undecided one is inconclusive.
  spec('HDR-06', 'headers', 'medium', 'Strict-Transport-Security of at least 180 days', 'practice'),
  spec('HDR-07', 'headers', 'low', 'No software versions disclosed in headers', 'practice'),
  spec('HDR-08', 'headers', 'medium', 'Security headers also on error pages and static assets', 'Nginx hardening (always)'),
  spec('HDR-09', 'headers', 'medium', 'Session cookies Secure, HttpOnly and SameSite', 'practice'),
  spec('PATH-01', 'paths', 'critical', 'Version-control and hidden files not served', 'Nginx hardening (location ~ /\\.)'),
  spec('PATH-02', 'paths', 'critical', 'Magento configuration and secrets not served', 'Nginx hardening, Database Security'),
  spec('PATH-03', 'paths', 'medium', 'Composer manifests not served', 'Nginx hardening'),
  spec('PATH-04', 'paths', 'high', 'Logs, sessions and reports not served', 'Nginx hardening, Logging'),
  spec('PATH-05', 'paths', 'critical', 'Backups and database dumps not served', 'Backup'),
  spec('PATH-06', 'paths', 'medium', 'Directory listing disabled', 'Nginx hardening (disable directory listing)'),
  spec('PATH-07', 'paths', 'high', 'Private media denied', 'practice'),
  spec('PATH-08', 'paths', 'high', 'Setup, developer and database tools not exposed', 'practice'),
  spec('MTH-01', 'methods', 'medium', 'Only GET, HEAD and POST accepted', 'Nginx hardening (return 405)'),
  spec('MTH-02', 'methods', 'medium', 'TRACE and TRACK refused', 'practice'),
  spec('ADM-01', 'admin', 'high', 'Admin login not at a default path', 'Admin Panel Access Control'),
  spec('ADM-02', 'admin', 'medium', 'Admin login not reachable from this vantage point', 'Admin Panel Access Control'),
  spec('MAG-01', 'magento', 'low', 'Magento version not disclosed', 'Regular Patching'),
  spec('MAG-02', 'magento', 'high', 'Magento release supported and outside known critical vulnerabilities', 'Regular Patching'),
  spec('MAG-03', 'magento', 'high', 'REST API refuses anonymous access to protected resources', 'practice'),
  spec('MAG-04', 'magento', 'medium', 'Error pages disclose no stack traces or paths', 'practice'),
  spec('SCR-01', 'scripts', 'critical', 'Every payment-page script authorised in the inventory', 'PCI DSS 6.4.3'),
  spec('SCR-02', 'scripts', 'high', 'Every cross-origin payment-page script integrity-protected', 'PCI DSS 6.4.3'),
  spec('SCR-03', 'scripts', 'high', 'Payment-page security headers as recorded', 'PCI DSS 11.6.1'),
  spec('SCR-04', 'scripts', 'critical', 'No skimmer indicators on payment pages', 'PCI DSS 11.6.1'),
  ...INTERNAL_CONTROLS.map((c) => spec(c.id, 'internal', 'info', c.title, c.source)),
];

const byId = new Map(CHECKS.map((c) => [c.id, c]));

export function checkSpec(id: string): CheckSpec {
  const found = byId.get(id);
  if (!found) throw new Error(`unknown check ${id}: add it to catalogue/checks.ts first`);
  return found;
}

/** Prefixes the catalogue owns (NET, SSH, TLS, HDR, PATH, MTH, ADM, MAG, INT): not for teams' checks. */
export const CATALOGUE_PREFIXES: readonly string[] = [...new Set(CHECKS.map((c) => c.id.split('-')[0]!))];

export const AREAS: readonly Area[] = [...new Set(CHECKS.map((c) => c.area))];
