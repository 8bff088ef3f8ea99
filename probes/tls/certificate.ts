import { X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate } from 'node:tls';
import { isProgrammingError } from '../../core/internal-error.js';
import { signatureOf } from './certificate-signature.js';
import type { TlsEndpoint } from './connection.js';
import { inspectingConnect } from './inspecting-connect.js';
import { matchServerName, splitAltNames } from './server-name.js';
import { settleOnce } from './settle-once.js';

/** One certificate as the server sent it. */
export interface CertificateFacts {
  /** RFC 4514-style, "" when the subject is empty (allowed with a critical SAN, RFC 5280 §4.1.2.6). */
  readonly subject: string;
  readonly issuer: string;
  /** node's comma-joined form, cut to the first SAN_SHOWN entries. */
  readonly subjectAltName?: string;
  /** Every SAN entry, also those cut from subjectAltName. */
  readonly subjectAltNameCount?: number;
  /** ISO 8601; the certificate's own text when it is not a readable date. */
  readonly notBefore: string;
  readonly notAfter: string;
  readonly keyType: string;
  /** RSA/DSA modulus bits, or the EC curve's bits; 0 when unknown. */
  readonly keyBits: number;
  readonly curve?: string;
  readonly signatureAlgorithm: string;
  readonly signatureHash: string;
  readonly selfSigned: boolean;
  readonly sha256: string;
}

export type CertificateProbe =
  | {
      readonly outcome: 'seen';
      readonly protocol: string;
      /** Leaf first, then each issuer node:tls found: as sent, plus the trusted root when the chain verifies. */
      readonly chain: readonly CertificateFacts[];
      /** Chain verified against system roots plus the target's CA file. */
      readonly trusted: boolean;
      readonly trustError?: string;
      /** Host name checked against the leaf (RFC 6125, see server-name.ts). */
      readonly nameChecked: string;
      readonly nameError?: string;
      /** The leaf's identifier that matched ("DNS:*.shop.test"). */
      readonly nameMatchedBy?: string;
    }
  | { readonly outcome: 'unreachable'; readonly reason: string }
  | { readonly outcome: 'inconclusive'; readonly reason: string };

/** SAN entries kept in evidence: a certificate may carry thousands. */
export const SAN_SHOWN = 100;

/** Field size of a named curve; every standard name carries it (prime256v1, secp521r1, brainpoolP384r1, sect571r1). */
const curveBits = (curve: string): number => Number(/(\d{3})/.exec(curve)?.[1] ?? 0);

const EDWARDS_BITS: Readonly<Record<string, number>> = { ed25519: 256, ed448: 448, x25519: 256, x448: 448 };

const isoOr = (text: string): string => {
  const t = Date.parse(text);
  return Number.isNaN(t) ? text : new Date(t).toISOString();
};

/** Facts of one DER certificate; any well-formed X.509 certificate yields them, whatever its names or key. */
export function certificateFacts(der: Buffer): CertificateFacts {
  const x = new X509Certificate(der);
  const key = x.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const type = key.asymmetricKeyType ?? 'unknown';
  const curve = details.namedCurve;
  const keyBits = details.modulusLength ?? (curve ? curveBits(curve) : (EDWARDS_BITS[type] ?? 0));
  const sig = signatureOf(der);
  const sans = x.subjectAltName === undefined ? undefined : splitAltNames(x.subjectAltName);
  let selfSigned = false;
  try {
    selfSigned = x.checkIssued(x) && x.verify(key);
  } catch (e) {
    // A key OpenSSL cannot verify with (an unsupported curve) cannot make its own signature count;
    // a bug of ours (a wrong argument) is an internal error.
    if (isProgrammingError(e)) throw e;
  }
  return {
    subject: (x.subject ?? '').replace(/\n/g, ', '),
    issuer: (x.issuer ?? '').replace(/\n/g, ', '),
    ...(sans
      ? {
          subjectAltName: sans.slice(0, SAN_SHOWN).join(', ') + (sans.length > SAN_SHOWN ? `, … ${sans.length - SAN_SHOWN} more` : ''),
          subjectAltNameCount: sans.length,
        }
      : {}),
    notBefore: isoOr(x.validFrom),
    notAfter: isoOr(x.validTo),
    keyType: type,
    keyBits,
    ...(curve ? { curve } : {}),
    signatureAlgorithm: sig.name,
    signatureHash: sig.hash,
    selfSigned,
    sha256: x.fingerprint256,
  };
}

/** The chain node:tls received, leaf first, stopping at a self-reference. */
function chainOf(leaf: DetailedPeerCertificate): Buffer[] {
  const out: Buffer[] = [];
  const seen = new Set<string>();
  for (let c: DetailedPeerCertificate | undefined = leaf; c?.raw && !seen.has(c.fingerprint256); c = c.issuerCertificate) {
    seen.add(c.fingerprint256);
    out.push(c.raw);
  }
  return out;
}

/** A full handshake with node:tls and SNI to see the certificate chain and judge trust and name. */
export function probeCertificate(ep: TlsEndpoint, hostName: string, extraCa?: string): Promise<CertificateProbe> {
  return new Promise((resolve, reject) => {
    let connected = false;
    // Trust and identity are judged below with the target's host, whatever address was connected to.
    const socket = inspectingConnect(ep, extraCa, { minVersion: 'TLSv1', ciphers: 'ALL:@SECLEVEL=0' });
    const { finish, fail, deadline } = settleOnce<CertificateProbe>(socket, resolve, reject);
    deadline(ep.connectMs + ep.readMs, () => ({ outcome: 'inconclusive', reason: `no TLS handshake within ${ep.connectMs + ep.readMs} ms` }));
    socket.once('connect', () => (connected = true));
    socket.once('secureConnect', () => {
      try {
        const peer = socket.getPeerCertificate(true);
        if (!peer.raw) return finish({ outcome: 'inconclusive', reason: 'the server sent no certificate' });
        const name = matchServerName(hostName, new X509Certificate(peer.raw));
        const trustError = socket.authorizationError ? String(socket.authorizationError) : undefined;
        finish({
          outcome: 'seen',
          protocol: socket.getProtocol() ?? 'unknown',
          chain: chainOf(peer).map(certificateFacts),
          trusted: socket.authorized,
          ...(trustError ? { trustError } : {}),
          nameChecked: hostName,
          ...(name.matched ? { nameMatchedBy: name.by } : { nameError: name.reason }),
        });
      } catch (e) {
        // A bug of ours while reading the certificate is an internal error, never "unreadable".
        if (isProgrammingError(e)) return fail(e);
        finish({ outcome: 'inconclusive', reason: `certificate unreadable: ${(e as Error).message}` });
      }
    });
    socket.once('error', (e: NodeJS.ErrnoException) =>
      finish(
        connected
          ? { outcome: 'inconclusive', reason: `node:tls could not complete a handshake (${e.code ?? e.message})` }
          : { outcome: 'unreachable', reason: e.code ?? e.message },
      ),
    );
  });
}
