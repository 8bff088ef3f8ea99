/**
 * A synthetic scan for the report benches: N targets × every catalogue check, evidence shaped
 * and sized like the demo store's (an HTTP exchange ≈1.3 kB with headers and a body excerpt,
 * a TLS protocol sweep, a port list, SSH algorithm lists), HDR-01…06 sharing one home-page
 * observation as the header suite does. Outcomes vary per target, deterministically.
 */
import { CHECKS, type CheckSpec } from '../catalogue/checks.js';
import type { CaseRecord } from '../core/case-record.js';
import type { Evidence } from '../core/evidence.js';
import type { ScanResult } from '../core/results.js';
import type { Verdict } from '../core/verdict.js';

const AT = '2026-11-30T10:00:00.000Z';

function exchange(host: string, method: string, path: string, status: number, i: number): Evidence {
  return {
    label: `${method} https://${host}${path} → ${status}`,
    at: AT,
    address: `198.18.${i % 250}.${(i * 7) % 250}:443`,
    facts: {
      status,
      headers: {
        server: 'nginx/1.18.0',
        'x-powered-by': 'PHP/8.1.2',
        'content-type': 'text/html; charset=UTF-8',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer-when-downgrade',
        'strict-transport-security': 'max-age=3600',
        'set-cookie': [`PHPSESSID=${(i * 2654435761).toString(16)}; path=/`, 'private_content_version=1; path=/'],
        'x-magento-tags': 'store,cms_b_1,cms_p_2',
        date: 'Mon, 30 Nov 2026 10:00:00 GMT',
        connection: 'keep-alive',
      },
      bodyBytes: '48213',
      bodySha256: '5e0d646f70e306bf0b586c2d451abfd410f40ada478284a965323abb14535bce',
      bodyExcerpt: `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8"/>\n<title>${host}</title>\n<link rel="stylesheet" href="/static/version1700000000/frontend/Magento/luma/en_US/css/styles-m.css"/>\n<script type="text/x-magento-init">{"*": {"Magento_Ui/js/core/app": {}}}</script>\n</head>\n<body class="cms-index-index page-layout-1column">`,
      elapsedMs: 40 + (i % 60),
    },
  };
}

function evidenceFor(check: CheckSpec, host: string, i: number, home: Evidence): Evidence[] {
  switch (check.area) {
    case 'internal':
      return [];
    case 'network':
      return [
        {
          label: `TCP connect to ${host}, ports 1–1000 and the database/backend list`,
          at: AT,
          address: `198.18.0.${i % 250}`,
          facts: { open: [22, 80, 443, 3306].slice(0, 2 + (i % 3)), allowed: [80, 443], closedOrFiltered: 1046, elapsedMs: 5123 },
        },
      ];
    case 'ssh':
      return [
        {
          label: `SSH identification and KEXINIT from ${host}:22`,
          at: AT,
          address: `198.18.0.${i % 250}:22`,
          facts: {
            ident: 'SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6',
            kex: ['curve25519-sha256', 'diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha256'],
            hostKeys: ['rsa-sha2-512', 'ssh-ed25519'],
            ciphers: ['chacha20-poly1305@openssh.com', 'aes128-ctr', 'aes256-cbc'],
            macs: ['hmac-sha2-256-etm@openssh.com', 'hmac-sha1'],
          },
        },
      ];
    case 'tls':
      return [
        {
          label: `TLS handshakes with ${host}:443, one per protocol version`,
          at: AT,
          address: `198.18.0.${i % 250}:443`,
          facts: {
            protocols: {
              'TLSv1.0': { accepted: i % 2 === 0, cipher: 'TLS_RSA_WITH_AES_128_CBC_SHA' },
              'TLSv1.1': { accepted: false, alert: 'protocol_version' },
              'TLSv1.2': { accepted: true, cipher: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' },
              'TLSv1.3': { accepted: true, cipher: 'TLS_AES_128_GCM_SHA256' },
            },
            sessionTicket: i % 3 === 0,
          },
        },
      ];
    case 'headers':
      return /^HDR-0[1-6]$/.test(check.id) ? [home] : [home, exchange(host, 'GET', `/${check.id.toLowerCase()}-missing`, 404, i)];
    default:
      return [
        exchange(host, check.area === 'methods' ? 'OPTIONS' : 'GET', `/${check.id.toLowerCase()}`, 404, i),
        exchange(host, 'GET', `/${check.id.toLowerCase()}/probe`, 403, i),
      ];
  }
}

function verdictFor(check: CheckSpec, t: number, k: number, evidence: Evidence[]): Verdict {
  if (!evidence.length) return { outcome: 'not-applicable', message: `${check.id} is an internal control: not visible from outside`, evidence: [] };
  const proof = evidence as [Evidence, ...Evidence[]];
  const roll = (t * 31 + k * 17) % 20;
  if (roll < 11) return { outcome: 'fail', message: `${check.title}: not so on this store (finding ${t}-${k}, see the evidence)`, evidence: proof };
  if (roll < 16) return { outcome: 'pass', message: `${check.title}: holds`, evidence: proof };
  if (roll < 18) return { outcome: 'inconclusive', message: 'timeout after 5000 ms waiting for the response headers', evidence: [] };
  if (roll < 19)
    return {
      outcome: 'waived',
      message: 'waived',
      evidence: proof,
      justification: 'accepted risk until the replatforming (ticket SEC-123)',
      expires: '2027-03-31',
      underlying: { outcome: 'fail', message: `${check.title}: not so`, evidence: proof },
    };
  return { outcome: 'not-applicable', message: 'nothing to judge here', evidence: [] };
}

export function syntheticScan(targets: number): ScanResult {
  const cases: CaseRecord[] = [];
  for (let t = 0; t < targets; t++) {
    const name = `shop-${String(t).padStart(3, '0')}`;
    const host = `${name}.example.test`;
    const home = exchange(host, 'GET', '/', 200, t);
    CHECKS.forEach((check, k) => {
      const verdict = verdictFor(check, t, k, evidenceFor(check, host, t, home));
      cases.push({ target: name, url: `https://${host}/`, check, verdict, startedAt: AT, durationMs: 100 + k });
    });
  }
  return {
    tool: { name: 'mageprobe', version: '0.1.0' },
    startedAt: AT,
    finishedAt: '2026-11-30T10:21:07.000Z',
    scanner: 'bench',
    cases,
    internalErrors: [],
    warnings: [],
    targetsFile: { path: '/srv/mageprobe/targets.yaml', sha256: 'ab'.repeat(32) },
  };
}
