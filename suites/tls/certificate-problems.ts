import type { CertificateFacts } from '../../probes/tls/certificate.js';
import { WEAK_SIGNATURE_HASHES } from '../../probes/tls/signature-algorithms.js';

export const DAY = 24 * 3600 * 1000;
/** Fewer days than this before expiry is a finding (renewal is overdue). */
export const MIN_DAYS_LEFT = 30;
/** Smallest acceptable key per type. */
export const MIN_KEY_BITS: Readonly<Record<string, number>> = { rsa: 2048, 'rsa-pss': 2048, ec: 256, ed25519: 256, ed448: 448 };

/** Key types no current browser accepts in a server certificate, whatever their size. */
export const UNSUPPORTED_KEY_TYPES: Readonly<Record<string, string>> = {
  dsa: 'TLS 1.3 has no DSA signature scheme (RFC 8446 §4.2.3) and browsers removed DSA',
};

/** How evidence names a certificate: its subject, or its first SAN when the subject is empty. */
export const named = (c: CertificateFacts): string => c.subject || `with empty subject, SAN ${c.subjectAltName?.split(', ')[0] ?? 'none'}`;

/** Problems of one certificate in the chain (the leaf is index 0). */
export function certificateProblems(c: CertificateFacts, index: number, now: Date): string[] {
  const who = index === 0 ? 'leaf' : `chain[${index}] ${named(c)}`;
  const problems: string[] = [];
  const left = (Date.parse(c.notAfter) - now.getTime()) / DAY;
  if (Number.isNaN(left) || Number.isNaN(Date.parse(c.notBefore))) problems.push(`${who} validity dates unreadable (${c.notBefore} to ${c.notAfter})`);
  else if (left < 0) problems.push(`${who} expired on ${c.notAfter.slice(0, 10)}`);
  else if (left < MIN_DAYS_LEFT) problems.push(`${who} expires in ${Math.floor(left)} days (${c.notAfter.slice(0, 10)})`);
  if (Date.parse(c.notBefore) > now.getTime()) problems.push(`${who} not valid before ${c.notBefore.slice(0, 10)}`);
  const min = MIN_KEY_BITS[c.keyType];
  const unsupported = UNSUPPORTED_KEY_TYPES[c.keyType];
  if (unsupported) problems.push(`${who} key ${c.keyType.toUpperCase()}: ${unsupported}`);
  else if (min === undefined) problems.push(`${who} has an unrecognised key type ${c.keyType}`);
  else if (c.keyBits === 0) problems.push(`${who} key ${c.keyType.toUpperCase()}${c.curve ? ` on ${c.curve}` : ''} of unknown size`);
  else if (c.keyBits < min) problems.push(`${who} key ${c.keyType.toUpperCase()} ${c.keyBits} bits (< ${min})`);
  // A self-signed root's own signature is never checked by clients; every other signature is.
  if (!(index > 0 && c.selfSigned) && WEAK_SIGNATURE_HASHES.has(c.signatureHash)) problems.push(`${who} signed with ${c.signatureAlgorithm}`);
  return problems;
}
