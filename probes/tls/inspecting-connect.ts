import { isIP } from 'node:net';
import { type ConnectionOptions, connect, rootCertificates, type TLSSocket } from 'node:tls';
import type { TlsEndpoint } from './connection.js';

/**
 * A node:tls connection that keeps whatever certificate the server sends, so a check can
 * judge trust and name itself and keep the chain as evidence: system roots plus the target's
 * CA file, SNI as the HTTP client sends it (RFC 6066 §3: never an IP literal), and neither
 * trust nor identity enforced by Node.
 */
export function inspectingConnect(ep: TlsEndpoint, extraCa: string | undefined, extra: ConnectionOptions = {}): TLSSocket {
  return connect({
    host: ep.address,
    port: ep.port,
    ...(ep.sni && !isIP(ep.sni) ? { servername: ep.sni } : {}),
    ca: extraCa ? [...rootCertificates, extraCa] : [...rootCertificates],
    rejectUnauthorized: false,
    checkServerIdentity: () => undefined,
    ...extra,
  });
}
