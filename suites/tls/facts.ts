import { type Evidence, evidence } from '../../core/evidence.js';
import { defineFact } from '../../core/fact.js';
import type { Target } from '../../core/target.js';
import { type CertificateProbe, probeCertificate } from '../../probes/tls/certificate.js';
import type { TlsEndpoint } from '../../probes/tls/connection.js';
import { scanTls, type TlsScan } from '../../probes/tls/enumerate.js';
import { type RawCertificates, readRawCertificates } from '../../probes/tls/raw-certificate.js';
import { probeClientRenegotiation, type RenegotiationResult } from '../../probes/tls/renegotiation.js';

/** The HTTPS endpoint: the address override (or host), the URL's port, SNI = the store's host. */
export function endpointOf(t: Target): TlsEndpoint {
  return { address: t.address ?? t.host, port: t.httpsPort, sni: t.host, connectMs: t.timeouts.connectMs, readMs: t.timeouts.requestMs };
}

export const addressOf = (t: Target): string => {
  const a = t.address ?? t.host;
  return `${a.includes(':') ? `[${a}]` : a}:${t.httpsPort}`;
};

// A few handshakes at once: fast, without looking like a flood to the host.
const HANDSHAKES_IN_FLIGHT = 4;

/** One enumeration per target, shared by TLS-01, -02, -03, -05 and -06. */
export const tlsScan = defineFact(
  'TLS scan',
  (ctx): Promise<TlsScan> =>
    scanTls(endpointOf(ctx.target), { concurrency: Math.min(HANDSHAKES_IN_FLIGHT, ctx.target.politeness.concurrency), signal: ctx.stopped }),
);

export const certificate = defineFact(
  'TLS certificate',
  (ctx): Promise<CertificateProbe> => probeCertificate(endpointOf(ctx.target), ctx.target.host, ctx.target.ca),
);

/** The chain as sent in the clear, from a hello at the highest pre-1.3 version the scan saw accepted (for when node:tls fails). */
export const rawCertificates = defineFact('TLS certificates as sent in the clear', async (ctx): Promise<RawCertificates> => {
  const scan = await tlsScan(ctx);
  const version = (['TLSv1.2', 'TLSv1.1', 'TLSv1.0', 'SSLv3'] as const).find((p) => scan.protocols[p].status === 'accepted');
  if (!version) return { outcome: 'none', reason: 'no TLS 1.2 or older ServerHello: TLS 1.3 sends the certificate encrypted' };
  return readRawCertificates(endpointOf(ctx.target), version, scan.protocols[version].acceptedCodes.slice(0, 64));
});

export const renegotiation = defineFact('TLS renegotiation', (ctx): Promise<RenegotiationResult> => probeClientRenegotiation(endpointOf(ctx.target)));

/** Evidence of a scan: what was offered and answered, per protocol, with the handshake count. */
export function scanEvidence(t: Target, scan: TlsScan, label: string, extra: Record<string, unknown> = {}): Evidence {
  const protocols = Object.fromEntries(
    Object.values(scan.protocols).map((p) => [
      p.protocol,
      {
        status: p.status,
        ...(p.accepted.length ? { accepted: p.accepted } : {}),
        ...(p.refusals.length ? { refusedWith: p.refusals } : {}),
        ...(p.errors.length ? { errors: p.errors } : {}),
        ...(p.serverOrder !== undefined ? { serverOrder: p.serverOrder } : {}),
        ...(p.preferred ? { preferred: p.preferred } : {}),
        ...(p.hello ? { serverHello: p.hello } : {}),
      },
    ]),
  );
  return evidence(label, { sni: scan.sni, ...extra, protocols, handshakes: scan.handshakes, elapsedMs: scan.elapsedMs }, addressOf(t));
}

/** Display names as the catalogue writes them ("TLS 1.0"). */
export const PROTOCOL_LABEL = {
  SSLv2: 'SSLv2',
  SSLv3: 'SSLv3',
  'TLSv1.0': 'TLS 1.0',
  'TLSv1.1': 'TLS 1.1',
  'TLSv1.2': 'TLS 1.2',
  'TLSv1.3': 'TLS 1.3',
} as const;
