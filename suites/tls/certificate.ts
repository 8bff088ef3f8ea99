import type { Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import { fail, inconclusive, pass } from '../../core/verdict.js';
import type { CertificateFacts } from '../../probes/tls/certificate.js';
import { WEAK_SIGNATURE_HASHES } from '../../probes/tls/signature-algorithms.js';
import { addressOf, certificate, tlsScan } from './facts.js';
import { unreachable } from './protocols.js';

const DAY = 24 * 3600 * 1000;
/** Fewer days than this before expiry is a finding (renewal is overdue). */
export const MIN_DAYS_LEFT = 30;
/** Smallest acceptable key per type. */
export const MIN_KEY_BITS: Readonly<Record<string, number>> = { rsa: 2048, 'rsa-pss': 2048, dsa: 2048, ec: 256, ed25519: 256, ed448: 448 };

/** Problems of one certificate in the chain (the leaf is index 0). */
export function certificateProblems(c: CertificateFacts, index: number, now: Date): string[] {
  const who = index === 0 ? 'leaf' : `chain[${index}] ${c.subject}`;
  const problems: string[] = [];
  const left = (Date.parse(c.notAfter) - now.getTime()) / DAY;
  if (left < 0) problems.push(`${who} expired on ${c.notAfter.slice(0, 10)}`);
  else if (left < MIN_DAYS_LEFT) problems.push(`${who} expires in ${Math.floor(left)} days (${c.notAfter.slice(0, 10)})`);
  if (Date.parse(c.notBefore) > now.getTime()) problems.push(`${who} not valid before ${c.notBefore.slice(0, 10)}`);
  const min = MIN_KEY_BITS[c.keyType];
  if (min === undefined) problems.push(`${who} has an unrecognised key type ${c.keyType}`);
  else if (c.keyBits < min) problems.push(`${who} key ${c.keyType.toUpperCase()} ${c.keyBits} bits (< ${min})`);
  // A self-signed root's own signature is never checked by clients; every other signature is.
  if (!(index > 0 && c.selfSigned) && WEAK_SIGNATURE_HASHES.has(c.signatureHash)) problems.push(`${who} signed with ${c.signatureAlgorithm}`);
  return problems;
}

/** TLS-04: chain trusted, name matches, current with > 30 days left, strong key, no SHA-1/MD5 signatures. */
export const certificateSound: Check = {
  id: 'TLS-04',
  async run(ctx) {
    // The shared scan already knows when the port is unreachable: no second wait on a filtered port.
    const scan = await tlsScan(ctx);
    if (!scan.reachable) return unreachable(scan);
    const seen = await certificate(ctx);
    if (seen.outcome === 'unreachable') return inconclusive(`HTTPS port ${addressOf(ctx.target)} not reachable: ${seen.reason}`);
    if (seen.outcome === 'inconclusive') return inconclusive(seen.reason);
    const now = new Date();
    const problems: string[] = [];
    if (!seen.trusted) problems.push(`chain not trusted (${seen.trustError ?? 'unverified'})`);
    if (seen.nameError) problems.push(`name ${seen.nameChecked} does not match (${seen.nameError})`);
    seen.chain.forEach((c, i) => problems.push(...certificateProblems(c, i, now)));
    const leaf = seen.chain[0]!;
    const ev = [
      evidence(`certificate chain from ${addressOf(ctx.target)} (SNI ${ctx.target.host})`, {
        protocol: seen.protocol,
        trusted: seen.trusted,
        ...(seen.trustError ? { trustError: seen.trustError } : {}),
        nameChecked: seen.nameChecked,
        ...(seen.nameError ? { nameError: seen.nameError } : {}),
        caFile: ctx.target.caFile ?? null,
        chain: seen.chain,
        problems,
      }, addressOf(ctx.target), now),
    ] as const;
    if (problems.length) return fail(`certificate problems: ${problems.join('; ')}`, ev);
    const days = Math.floor((Date.parse(leaf.notAfter) - now.getTime()) / DAY);
    return pass(`certificate ${leaf.subject} trusted, matches ${seen.nameChecked}, ${days} days left, ${leaf.keyType.toUpperCase()} ${leaf.keyBits} bits, ${leaf.signatureAlgorithm}`, ev);
  },
};
