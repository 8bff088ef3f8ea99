import { isIP } from 'node:net';
import { type ConnectionOptions, connect } from 'node:tls';
import type { TlsEndpoint } from './connection.js';

/** Whether the server let the client start a second handshake on a TLS 1.2 connection. */
export type RenegotiationResult =
  | { readonly outcome: 'accepted'; readonly protocol: string }
  | { readonly outcome: 'refused'; readonly how: string; readonly protocol: string }
  | { readonly outcome: 'inconclusive'; readonly reason: string };

/**
 * Completes a TLS 1.2 handshake with node:tls, then asks for a renegotiation
 * (SSL_renegotiate). Certificate trust does not matter here, only the server's answer.
 */
export function probeClientRenegotiation(ep: TlsEndpoint): Promise<RenegotiationResult> {
  return new Promise((resolve) => {
    let settled = false;
    let phase: 'connect' | 'renegotiate' = 'connect';
    let protocol = '';
    const opts: ConnectionOptions = {
      host: ep.address,
      port: ep.port,
      rejectUnauthorized: false,
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1.2',
      ciphers: 'ALL:@SECLEVEL=0',
      // RFC 6066 §3: no IP literal in SNI (node:tls warns and drops it anyway).
      ...(ep.sni && !isIP(ep.sni) ? { servername: ep.sni } : {}),
    };
    const socket = connect(opts);
    const finish = (r: RenegotiationResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    let timer = setTimeout(
      () => finish({ outcome: 'inconclusive', reason: `node:tls completed no TLS 1.0-1.2 handshake within ${ep.connectMs + ep.readMs} ms` }),
      ep.connectMs + ep.readMs,
    );
    socket.once('secureConnect', () => {
      protocol = socket.getProtocol() ?? '';
      phase = 'renegotiate';
      clearTimeout(timer);
      timer = setTimeout(() => finish({ outcome: 'inconclusive', reason: `renegotiation neither completed nor refused within ${ep.readMs} ms` }), ep.readMs);
      const started = socket.renegotiate({ rejectUnauthorized: false }, (err) => {
        if (err) finish({ outcome: 'refused', how: `renegotiation failed: ${err.message}`, protocol });
        else finish({ outcome: 'accepted', protocol });
      });
      if (started === false) finish({ outcome: 'inconclusive', reason: 'node:tls could not start a renegotiation' });
    });
    socket.on('data', () => undefined);
    socket.once('error', (e: NodeJS.ErrnoException) => {
      if (phase === 'connect')
        finish({ outcome: 'inconclusive', reason: `node:tls could not complete a TLS 1.0-1.2 handshake to ask for one: ${e.code ?? e.message}` });
      else finish({ outcome: 'refused', how: `server ended the renegotiation with ${e.code ?? e.message.split(':').slice(-2, -1)[0] ?? e.message}`, protocol });
    });
    socket.once('close', () => {
      if (phase === 'renegotiate') finish({ outcome: 'refused', how: 'server closed the connection on the renegotiation', protocol });
      else finish({ outcome: 'inconclusive', reason: 'node:tls could not complete a TLS 1.0-1.2 handshake to ask for one: connection closed' });
    });
  });
}
