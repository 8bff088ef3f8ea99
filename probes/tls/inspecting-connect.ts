import { isIP } from 'node:net';
import { connect, createSecureContext, rootCertificates, type SecureContext, type SecureContextOptions, type TLSSocket } from 'node:tls';
import type { TlsEndpoint } from './connection.js';

/** Secure-context settings a probe may lower (to see any certificate at all). */
export type ContextSettings = Pick<SecureContextOptions, 'minVersion' | 'ciphers'>;

/**
 * Node's bundled Mozilla roots plus the target's CA file, and nothing else: not
 * createSecureContext()'s default store, which also trusts NODE_EXTRA_CA_CERTS (a CI runner's
 * intercepting proxy CA) and, under --use-openssl-ca, the scanner's system store, which no
 * customer's browser shares. Each (CA file, settings) gets its context built once and shared by
 * every connection that asks for the same: a context holds trust, never one target's session.
 */
const contexts = new Map<string, SecureContext>();
/** Distinct CA files × settings in one scan are few; the oldest is dropped past this. */
const MAX_CONTEXTS = 32;

const BUILD = process.config.variables as Record<string, unknown>;
/** Whether Node's stores of roots read the system's certificates too, not only its bundled roots. */
const USES_SYSTEM_STORE =
  [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => /--use-(openssl|system)-ca/.test(a)) ||
  // A Node built to use OpenSSL's store by default, or to load a system CA path into every store
  // (some distributions' builds), reads the system's.
  Boolean(BUILD.openssl_use_def_ca_store) ||
  Boolean(BUILD.openssl_system_ca_path);

/**
 * Whether the first addCACert on a context of the default store gives that context a store of its
 * own holding exactly Node's bundled roots: its roots were parsed once per process, so the copy
 * costs ~1 ms where `ca: [...rootCertificates]` has OpenSSL parse ~140 PEM roots again (~25 ms
 * per context). Node 20 copies with NewRootCertStore() (src/crypto/crypto_context.cc), which
 * holds the bundled roots only: NODE_EXTRA_CA_CERTS goes into the shared default store alone
 * (UseExtraCaCerts), so the copy never trusts it — test/tls/trust.test.ts checks exactly that.
 * Other majors are not relied on: newer ones rework how stores are built and let the process
 * change its default CA set (NODE_USE_SYSTEM_CA, tls.setDefaultCACertificates), so a copy could
 * hold CAs only the scanner trusts, where a client's anchors are its browser's (RFC 5280
 * §6.1.1(d)). There the roots are parsed once per context, as before.
 */
const COPY_IS_BUNDLED_ONLY = !USES_SYSTEM_STORE && process.versions.node.split('.')[0] === '20';

function contextFor(extraCa: string | undefined, settings: ContextSettings): SecureContext {
  const key = JSON.stringify([extraCa ?? '', settings.minVersion ?? '', settings.ciphers ?? '']);
  let context = contexts.get(key);
  if (!context) {
    if (COPY_IS_BUNDLED_ONLY) {
      context = createSecureContext(settings);
      // The copy is made at the first certificate added: a bundled root (already in the copy)
      // makes it whether or not the CA file holds a readable certificate, so the shared default
      // store is never the one used.
      context.context.addCACert(rootCertificates[0]);
      if (extraCa) context.context.addCACert(extraCa);
    } else {
      context = createSecureContext({ ...settings, ca: extraCa ? [...rootCertificates, extraCa] : [...rootCertificates] });
    }
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
