import { X509Certificate } from 'node:crypto';
import { checkServerIdentity, connect, rootCertificates, type DetailedPeerCertificate } from 'node:tls';
import forge from 'node-forge';
import type { TlsEndpoint } from './connection.js';
import { SIGNATURE_ALGORITHMS } from './signature-algorithms.js';

/** One certificate as the server sent it. */
export interface CertificateFacts {
  readonly subject: string;
  readonly issuer: string;
  readonly subjectAltName?: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly keyType: string;
  /** RSA/DSA modulus bits, or the EC curve's bits. */
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
      /** Leaf first, as sent (the root only when the server sends it). */
      readonly chain: readonly CertificateFacts[];
      /** Chain verified against system roots plus the target's CA file. */
      readonly trusted: boolean;
      readonly trustError?: string;
      /** Host name checked against the leaf (RFC 6125 via tls.checkServerIdentity). */
      readonly nameChecked: string;
      readonly nameError?: string;
    }
  | { readonly outcome: 'unreachable'; readonly reason: string }
  | { readonly outcome: 'inconclusive'; readonly reason: string };

const CURVE_BITS: Readonly<Record<string, number>> = { prime256v1: 256, secp384r1: 384, secp521r1: 521, secp224r1: 224, secp192r1: 192, prime192v1: 192, secp256k1: 256 };

function signatureOf(der: Buffer): { name: string; hash: string } {
  // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm AlgorithmIdentifier, signature }
  const cert = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
  const algId = (cert.value as forge.asn1.Asn1[])[1];
  const oidNode = (algId?.value as forge.asn1.Asn1[] | undefined)?.[0];
  const oid = oidNode ? forge.asn1.derToOid(forge.util.createBuffer(oidNode.value as string)) : 'unknown';
  return SIGNATURE_ALGORITHMS[oid] ?? { name: oid, hash: 'unknown' };
}

export function certificateFacts(der: Buffer): CertificateFacts {
  const x = new X509Certificate(der);
  const key = x.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const curve = details.namedCurve;
  const keyBits = details.modulusLength ?? (curve ? CURVE_BITS[curve] ?? 0 : key.asymmetricKeyType === 'ed25519' ? 256 : key.asymmetricKeyType === 'ed448' ? 448 : 0);
  const sig = signatureOf(der);
  return {
    subject: x.subject.replace(/\n/g, ', '),
    issuer: x.issuer.replace(/\n/g, ', '),
    ...(x.subjectAltName ? { subjectAltName: x.subjectAltName } : {}),
    notBefore: new Date(x.validFrom).toISOString(),
    notAfter: new Date(x.validTo).toISOString(),
    keyType: key.asymmetricKeyType ?? 'unknown',
    keyBits,
    ...(curve ? { curve } : {}),
    signatureAlgorithm: sig.name,
    signatureHash: sig.hash,
    selfSigned: x.checkIssued(x) && x.verify(key),
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
  return new Promise((resolve) => {
    let settled = false;
    let connected = false;
    const socket = connect({
      host: ep.address,
      port: ep.port,
      ...(ep.sni ? { servername: ep.sni } : {}),
      ca: extraCa ? [...rootCertificates, extraCa] : [...rootCertificates],
      rejectUnauthorized: false,
      minVersion: 'TLSv1',
      ciphers: 'ALL:@SECLEVEL=0',
      // Identity is judged below with the target's host, whatever address was connected to.
      checkServerIdentity: () => undefined,
    });
    const finish = (r: CertificateProbe) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => finish({ outcome: 'inconclusive', reason: `no TLS handshake within ${ep.connectMs + ep.readMs} ms` }), ep.connectMs + ep.readMs);
    socket.once('connect', () => (connected = true));
    socket.once('secureConnect', () => {
      try {
        const peer = socket.getPeerCertificate(true);
        if (!peer.raw) return finish({ outcome: 'inconclusive', reason: 'the server sent no certificate' });
        const nameError = checkServerIdentity(hostName, peer);
        const trustError = socket.authorizationError ? String(socket.authorizationError) : undefined;
        finish({
          outcome: 'seen',
          protocol: socket.getProtocol() ?? 'unknown',
          chain: chainOf(peer).map(certificateFacts),
          trusted: socket.authorized,
          ...(trustError ? { trustError } : {}),
          nameChecked: hostName,
          ...(nameError ? { nameError: nameError.message } : {}),
        });
      } catch (e) {
        finish({ outcome: 'inconclusive', reason: `certificate unreadable: ${(e as Error).message}` });
      }
    });
    socket.once('error', (e: NodeJS.ErrnoException) =>
      finish(connected ? { outcome: 'inconclusive', reason: `TLS handshake failed: ${e.code ?? e.message}` } : { outcome: 'unreachable', reason: e.code ?? e.message }),
    );
  });
}
