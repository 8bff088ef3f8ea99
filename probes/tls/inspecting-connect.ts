import { isIP } from 'node:net';
import { connect, createSecureContext, type SecureContext, type SecureContextOptions, type TLSSocket } from 'node:tls';
import type { TlsEndpoint } from './connection.js';

/** Secure-context settings a probe may lower (to see any certificate at all). */
export type ContextSettings = Pick<SecureContextOptions, 'minVersion' | 'ciphers'>;

/**
 * Node's default roots plus the target's CA file. Not `ca: [...rootCertificates, extraCa]`: that
 * has OpenSSL parse ~140 PEM roots again for every connection, 80-100 ms of CPU each (the largest
 * single cost of a lab scan's web and TLS checks); the default store holds them parsed once per
 * process, and adding one CA to it copies the parsed roots (~1 ms). Each connection still gets a
 * context of its own, so one target's CA never vouches for another's certificate.
 */
function contextFor(extraCa: string | undefined, settings: ContextSettings): SecureContext {
  const context = createSecureContext(settings);
  if (extraCa) context.context.addCACert(extraCa);
  return context;
}

/**
 * A node:tls connection that keeps whatever certificate the server sends, so a check can
 * judge trust and name itself and keep the chain as evidence: system roots plus the target's
 * CA file, SNI as the HTTP client sends it (RFC 6066 §3: never an IP literal), and neither
 * trust nor identity enforced by Node.
 */
export function inspectingConnect(ep: TlsEndpoint, extraCa: string | undefined, settings: ContextSettings = {}): TLSSocket {
  return connect({
    host: ep.address,
    port: ep.port,
    ...(ep.sni && !isIP(ep.sni) ? { servername: ep.sni } : {}),
    secureContext: contextFor(extraCa, settings),
    rejectUnauthorized: false,
    checkServerIdentity: () => undefined,
  });
}
