import { isIP } from 'node:net';
import { connect, createSecureContext, rootCertificates, type SecureContext, type SecureContextOptions, type TLSSocket } from 'node:tls';
import type { TlsEndpoint } from './connection.js';

/** Secure-context settings a probe may lower (to see any certificate at all). */
export type ContextSettings = Pick<SecureContextOptions, 'minVersion' | 'ciphers'>;

/**
 * Node's bundled Mozilla roots plus the target's CA file, and nothing else: not
 * createSecureContext()'s default store, which also trusts NODE_EXTRA_CA_CERTS (a CI runner's
 * intercepting proxy CA) and, under --use-openssl-ca, the scanner's system store, which no
 * customer's browser shares. `ca: [...rootCertificates, extraCa]` has OpenSSL parse ~140 PEM roots
 * (80-100 ms of CPU), so each (CA file, settings) gets its context built once and shared by every
 * connection that asks for the same: a context holds trust, never one target's session.
 */
const contexts = new Map<string, SecureContext>();
/** Distinct CA files × settings in one scan are few; the oldest is dropped past this. */
const MAX_CONTEXTS = 32;

/**
 * Whether Node's default store is exactly its bundled roots: then adding the CA file to a copy of
 * it (~1 ms; the roots are parsed once per process) trusts the same as the list above.
 */
const DEFAULT_STORE_IS_BUNDLED =
  !process.env.NODE_EXTRA_CA_CERTS &&
  ![...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => /--use-(openssl|system)-ca/.test(a)) &&
  // A Node built to use OpenSSL's store by default (some distributions) reads the system's.
  !(process.config.variables as Record<string, unknown>).openssl_use_def_ca_store;

function contextFor(extraCa: string | undefined, settings: ContextSettings): SecureContext {
  if (DEFAULT_STORE_IS_BUNDLED) {
    const context = createSecureContext(settings);
    if (extraCa) context.context.addCACert(extraCa);
    return context;
  }
  const key = JSON.stringify([extraCa ?? '', settings.minVersion ?? '', settings.ciphers ?? '']);
  let context = contexts.get(key);
  if (!context) {
    context = createSecureContext({ ...settings, ca: extraCa ? [...rootCertificates, extraCa] : [...rootCertificates] });
    if (contexts.size >= MAX_CONTEXTS) contexts.delete(contexts.keys().next().value!);
    contexts.set(key, context);
  }
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
