import type { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

/** Whether a certificate names the host, and by which identifier. */
export type NameMatch = { readonly matched: true; readonly by: string } | { readonly matched: false; readonly reason: string };

/**
 * RFC 6125 §6 as browsers apply it (RFC 9525 §6.3 tightens it the same way):
 * - an IP address matches only an iPAddress SAN, never a CN (§1.7.2; OpenSSL X509_check_ip);
 * - a DNS name matches the DNS SANs; the CN is consulted only when the certificate has no
 *   subjectAltName extension at all (§6.4.4);
 * - a wildcard stands for one whole left-most label ("*.shop.test"), never part of a label.
 * node:tls.checkServerIdentity agrees except in two lenient corners this is stricter in:
 * it falls back to the CN when the SANs hold no DNS name (only IP addresses or URIs), and
 * it accepts partial-label wildcards ("sh*p.test").
 */
export function matchServerName(hostName: string, leaf: X509Certificate): NameMatch {
  const host = hostName.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  const san = leaf.subjectAltName;
  if (isIP(host)) {
    const by = leaf.checkIP(host);
    return by
      ? { matched: true, by: `IP Address:${by}` }
      : { matched: false, reason: `IP ${host} is not among the certificate's IP Address SANs (${listed(san, 'IP Address:') || 'none'})` };
  }
  const rules = { wildcards: true, partialWildcards: false, multiLabelWildcards: false, singleLabelSubdomains: false } as const;
  if (san === undefined) {
    const by = leaf.checkHost(host, { ...rules, subject: 'always' });
    return by
      ? { matched: true, by: `CN=${by} (no subjectAltName)` }
      : { matched: false, reason: `no subjectAltName, and the subject (${leaf.subject?.replace(/\n/g, ', ') || 'empty'}) names no ${host}` };
  }
  const by = leaf.checkHost(host, { ...rules, subject: 'never' });
  if (by) return { matched: true, by: `DNS:${by}` };
  const cnOnly = leaf.checkHost(host, { ...rules, subject: 'always' }) !== undefined;
  return {
    matched: false,
    reason: `${host} is not among the certificate's DNS SANs (${listed(san, 'DNS:') || 'none'})${cnOnly ? '; its CN matches, but a CN is ignored when the certificate has a subjectAltName (RFC 6125 §6.4.4)' : ''}`,
  };
}

const SHOWN = 20;

/** The first SAN entries of one kind, from node's comma-joined form, for a readable reason. */
function listed(san: string | undefined, prefix: string): string {
  const all = splitAltNames(san ?? '').filter((e) => e.startsWith(prefix));
  return all.length > SHOWN ? `${all.slice(0, SHOWN).join(', ')}, … ${all.length - SHOWN} more` : all.join(', ');
}

/** Splits node's subjectAltName string; an entry holding a comma or quote is JSON-quoted (`DNS:"a,b"`). */
export function splitAltNames(san: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < san.length; i++) {
    const ch = san[i]!;
    if (quoted) {
      cur += ch;
      if (ch === '\\') cur += san[++i] ?? '';
      else if (ch === '"') quoted = false;
    } else if (ch === '"') {
      quoted = true;
      cur += ch;
    } else if (ch === ',' && san[i + 1] === ' ') {
      out.push(cur);
      cur = '';
      i++;
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}
