import type { CheckContext } from '../../core/check.js';
import { defineFactFamily } from '../../core/fact.js';
import { bareHost } from '../../core/host-name.js';
import { probeTrust, type TrustProbe } from '../../probes/tls/trust.js';

/**
 * Whether a browser would accept the certificate of the HTTPS origin that sent `url`'s answer:
 * the same address (the target's override, else the host) and SNI the HTTP client used.
 * Once per origin per target.
 *
 * Which header verdicts depend on it, judged as a browser does:
 * - HDR-06, yes. RFC 6797 §8.1 processes an STS field only when "there are no underlying
 *   secure transport errors"; Chromium's ProcessStrictTransportSecurityHeader returns early on
 *   any certificate error. A long max-age behind a failing certificate protects no one.
 * - HDR-01..05 and HDR-09, no. A browser that renders the page (a user clicking through the
 *   warning) still applies X-Frame-Options, nosniff, Referrer-Policy and CSP, and cookie
 *   attributes are what the server sets; an untrusted certificate is TLS-04's finding.
 * - TLS-07, no: the plain-HTTP redirect is sent before any TLS; where it leads is TLS-04's.
 */
export const originTrust: (ctx: CheckContext, url: URL) => Promise<TrustProbe> = defineFactFamily(
  'certificate trust of',
  (url: URL) => url.host,
  (ctx, url) => {
    const port = Number(url.port || 443);
    const host = bareHost(url);
    return probeTrust(
      { address: ctx.target.address ?? host, port, sni: host, connectMs: ctx.target.timeouts.connectMs, readMs: ctx.target.timeouts.requestMs },
      host,
      ctx.target.ca,
    );
  },
);
