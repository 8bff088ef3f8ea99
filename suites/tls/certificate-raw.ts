import { X509Certificate } from 'node:crypto';
import type { CheckContext } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import { isProgrammingError } from '../../core/internal-error.js';
import { fail, inconclusive, type Verdict } from '../../core/verdict.js';
import { type CertificateFacts, certificateFacts } from '../../probes/tls/certificate.js';
import type { TlsScan } from '../../probes/tls/enumerate.js';
import { PROTOCOLS } from '../../probes/tls/protocol.js';
import { matchServerName } from '../../probes/tls/server-name.js';
import { certificateProblems, DAY, named } from './certificate-problems.js';
import { addressOf, PROTOCOL_LABEL, rawCertificates, scanEvidence } from './facts.js';
import { sawServerHello } from './undecided-scan.js';

/** OpenSSL's default max_cert_list (SSL_MAX_CERT_LIST_DEFAULT): a longer Certificate message is refused by its clients. */
export const OPENSSL_MAX_CERT_LIST = 100 * 1024;

/** What the raw hellos got, in words. */
function rawHellos(scan: TlsScan): string {
  const hellos = PROTOCOLS.filter((p) => scan.protocols[p].hello).map((p) => `${PROTOCOL_LABEL[p]} (${scan.protocols[p].hello!.suite})`);
  return hellos.length ? `the raw hellos got a ServerHello for ${hellos.join(', ')}` : 'the raw hellos got no ServerHello either';
}

/**
 * TLS-04 when node:tls could not complete a handshake (`why`): the chain a TLS 1.2-or-older
 * server sends in the clear is read from a hand-built hello and judged for everything but
 * trust, which needs the verification node:tls could not do. A problem seen there fails;
 * otherwise the verdict stays inconclusive and says what was and was not established.
 */
export async function fromRawHandshake(ctx: CheckContext, scan: TlsScan, why: string): Promise<Verdict> {
  const t = ctx.target;
  const hellosEv = scanEvidence(t, scan, `hellos to ${addressOf(t)}`);
  if (!sawServerHello(scan)) return inconclusive(`${why}: certificate chain, trust and name undetermined; ${rawHellos(scan)}`, [hellosEv]);
  const raw = await rawCertificates(ctx);
  if (raw.outcome === 'none') {
    return inconclusive(`${why}: certificate chain, trust and name undetermined; ${rawHellos(scan)}, but no certificate was read (${raw.reason})`, [
      hellosEv,
      evidence('raw certificate read', { ...raw }, addressOf(t)),
    ]);
  }
  let chain: CertificateFacts[];
  let leaf: X509Certificate;
  try {
    chain = raw.chain.map(certificateFacts);
    leaf = new X509Certificate(raw.chain[0]!);
  } catch (e) {
    if (isProgrammingError(e)) throw e; // a bug of ours: runCheck reports an internal error
    return inconclusive(`${why}; the raw ${PROTOCOL_LABEL[raw.protocol]} handshake sent a certificate that cannot be parsed (${(e as Error).message})`, [
      hellosEv,
    ]);
  }
  const now = new Date();
  const name = matchServerName(t.host, leaf);
  const problems: string[] = [];
  if (raw.messageBytes > OPENSSL_MAX_CERT_LIST) {
    problems.push(`Certificate message of ${raw.messageBytes} bytes, over the ${OPENSSL_MAX_CERT_LIST} OpenSSL-based clients accept (max_cert_list)`);
  }
  if (!name.matched) problems.push(`name ${t.host} does not match (${name.reason})`);
  problems.push(...chain.flatMap((c, i) => certificateProblems(c, i, now)));
  const ev = [
    evidence(
      `certificate chain read from the raw ${PROTOCOL_LABEL[raw.protocol]} handshake with ${addressOf(t)} (SNI ${t.host})`,
      {
        nodeTls: why,
        protocol: raw.protocol,
        suite: raw.suite,
        messageBytes: raw.messageBytes,
        trusted: 'undetermined',
        nameChecked: t.host,
        ...(name.matched ? { nameMatchedBy: name.by } : { nameError: name.reason }),
        caFile: t.caFile ?? null,
        chain,
        problems,
      },
      addressOf(t),
      now,
    ),
    hellosEv,
  ] as const;
  const where = `the raw ${PROTOCOL_LABEL[raw.protocol]} handshake (${raw.suite})`;
  if (problems.length) return fail(`certificate problems seen in ${where}, where ${why}: ${problems.join('; ')}`, ev);
  const first = chain[0]!;
  const days = Math.floor((Date.parse(first.notAfter) - now.getTime()) / DAY);
  return inconclusive(
    `${why}, so chain trust is undetermined; ${where} showed certificate ${named(first)} matching ${t.host}, ${days} days left, ${first.keyType.toUpperCase()} ${first.keyBits} bits, ${first.signatureAlgorithm}, no problem found`,
    ev,
  );
}
