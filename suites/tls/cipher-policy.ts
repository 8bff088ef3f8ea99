import { isTls13Suite, TLS_SUITES } from '../../catalogue/cipher-suites.js';

/**
 * The checklist's `ssl_ciphers` (ECDHE-ECDSA/RSA AES-GCM, ECDHE ChaCha20-Poly1305,
 * DHE-RSA AES-GCM) in IANA names, plus every TLS 1.3 suite (all AEAD with ephemeral keys).
 */
export const CHECKLIST_SUITES: readonly string[] = [
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384',
];

// TLS 1.3's integrity-only suites (RFC 9150) encrypt nothing: never part of the default.
const TLS13_DEFAULT = TLS_SUITES.filter((s) => isTls13Suite(s) && !s.flags.nullCipher).map((s) => s.name);

/** The suites a target allows: its policy's list when given (it replaces the default), else the checklist's. */
export function allowedSuites(policy: readonly string[] | undefined): ReadonlySet<string> {
  return new Set(policy ?? [...CHECKLIST_SUITES, ...TLS13_DEFAULT]);
}
