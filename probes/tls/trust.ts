import { X509Certificate } from 'node:crypto';
import { isProgrammingError } from '../../core/internal-error.js';
import { type CertificateFacts, certificateFacts } from './certificate.js';
import type { TlsEndpoint } from './connection.js';
import { inspectingConnect } from './inspecting-connect.js';
import { matchServerName } from './server-name.js';
import { settleOnce } from './settle-once.js';

/**
 * Whether a browser would accept the endpoint's certificate for `hostName`: OpenSSL's chain
 * verification against the trust store, then the name as TLS-04 matches it (server-name.ts,
 * RFC 6125 as browsers apply it; tls.checkServerIdentity is laxer: it falls back to the CN
 * when the SANs hold only IP addresses) — with Node's default protocol and cipher settings,
 * unlike the certificate probe, which lowers them to see any certificate at all.
 */
export type TrustDecision =
  | { readonly outcome: 'trusted'; readonly leaf: CertificateFacts; readonly protocol: string }
  | { readonly outcome: 'untrusted'; readonly reason: string; readonly leaf: CertificateFacts }
  /** No verdict on the certificate: no connection, no handshake, or no certificate sent. */
  | { readonly outcome: 'undecided'; readonly reason: string };

/** The decision, the name it was made for and the ip:port connected to. */
export type TrustProbe = TrustDecision & { readonly hostName: string; readonly address: string };

/**
 * One handshake to `ep` (address and SNI as the HTTP client uses them), trusting the system
 * roots plus `extraCa` (the target's caFile) — what a browser with that CA installed trusts.
 */
export function probeTrust(ep: TlsEndpoint, hostName: string, extraCa?: string): Promise<TrustProbe> {
  return new Promise((resolve, reject) => {
    // Trust and name are decided below, as Node decides them, so the certificate can be kept as evidence.
    const socket = inspectingConnect(ep, extraCa);
    const address = `${ep.address.includes(':') ? `[${ep.address}]` : ep.address}:${ep.port}`;
    const settler = settleOnce<TrustProbe>(socket, resolve, reject);
    const finish = (r: TrustDecision) => settler.finish({ ...r, hostName, address });
    const fail = settler.fail;
    const limit = ep.connectMs + ep.readMs;
    settler.deadline(limit, () => ({ outcome: 'undecided', reason: `no TLS handshake with ${address} within ${limit} ms`, hostName, address }));
    socket.once('secureConnect', () => {
      try {
        const peer = socket.getPeerCertificate(true);
        if (!peer.raw) return finish({ outcome: 'undecided', reason: 'the server sent no certificate' });
        const leaf = certificateFacts(peer.raw);
        // Node: the chain error first (socket.authorizationError); only a verified chain has its name checked.
        const chainError = socket.authorizationError ? String(socket.authorizationError) : undefined;
        const name = chainError ? undefined : matchServerName(hostName, new X509Certificate(peer.raw));
        const reason = chainError
          ? `chain not trusted (${chainError})`
          : name && !name.matched
            ? `name ${hostName} does not match (${name.reason})`
            : undefined;
        finish(reason ? { outcome: 'untrusted', reason, leaf } : { outcome: 'trusted', leaf, protocol: socket.getProtocol() ?? 'unknown' });
      } catch (e) {
        // A bug of ours while reading the certificate is an internal error, never "unreadable".
        if (isProgrammingError(e)) return fail(e);
        finish({ outcome: 'undecided', reason: `certificate unreadable: ${(e as Error).message}` });
      }
    });
    socket.once('error', (e: NodeJS.ErrnoException) => finish({ outcome: 'undecided', reason: `TLS connection to ${address} failed: ${e.code ?? e.message}` }));
  });
}
