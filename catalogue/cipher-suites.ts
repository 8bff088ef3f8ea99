import { SSLV2_KIND_ROWS, type SuiteRow, TLS_SUITE_ROWS } from './cipher-suites.data.js';

/** One cipher suite (or SSLv2 cipher kind) with the properties a policy judges. */
export interface CipherSuite {
  /** Two-byte codepoint (TLS, SSLv3) or three-byte kind (SSLv2). */
  readonly code: number;
  /** IANA name (SSL_CK_* for SSLv2; the OpenSSL name where IANA has none). */
  readonly name: string;
  readonly openssl: string | null;
  /** The protocol that introduced it, as OpenSSL spells it (SSLv2, SSLv3, TLSv1, TLSv1.2, TLSv1.3). */
  readonly since: string;
  readonly kx: string;
  readonly au: string;
  readonly enc: string;
  readonly bits: number;
  readonly mac: string;
  readonly flags: SuiteFlags;
}

export interface SuiteFlags {
  readonly forwardSecrecy: boolean;
  readonly aead: boolean;
  readonly export: boolean;
  readonly anonymous: boolean;
  readonly nullCipher: boolean;
  readonly rc4: boolean;
  readonly tripleDes: boolean;
  readonly cbc: boolean;
}

// Ephemeral key exchanges (OpenSSL spelling: ECDH = ECDHE, DH = DHE; TLS 1.3 suites say "any").
const EPHEMERAL_KX = new Set(['ECDH', 'DH', 'DH(512)', 'DH(1024)', 'DHEPSK', 'ECDHEPSK', 'CECPQ1', 'any']);
// Stream and AEAD ciphers; every other block cipher here runs in CBC mode (GOST is a CNT stream).
const NOT_CBC = new Set(['None', 'RC4', 'ChaCha20', 'GOST', 'AESGCM', 'AESCCM', 'AESCCM8', 'ARIAGCM', 'CamelliaGCM', 'SM4GCM', 'SM4CCM']);

function fromRow([code, iana, openssl, since, kx, au, enc, bits, mac, exportGrade]: SuiteRow): CipherSuite {
  return {
    code,
    name: iana === '-' ? (openssl ?? `0x${code.toString(16)}`) : iana,
    openssl,
    since,
    kx,
    au,
    enc,
    bits,
    mac,
    flags: {
      forwardSecrecy: EPHEMERAL_KX.has(kx),
      aead: mac === 'AEAD',
      export: exportGrade === true,
      anonymous: au === 'None',
      nullCipher: enc === 'None',
      rc4: enc === 'RC4',
      tripleDes: enc === '3DES',
      cbc: !NOT_CBC.has(enc),
    },
  };
}

export const TLS_SUITES: readonly CipherSuite[] = TLS_SUITE_ROWS.map(fromRow);
export const SSLV2_KINDS: readonly CipherSuite[] = SSLV2_KIND_ROWS.map(fromRow);

const byCode = new Map(TLS_SUITES.map((s) => [s.code, s]));
const v2ByCode = new Map(SSLV2_KINDS.map((s) => [s.code, s]));
const byName = new Map<string, CipherSuite>();
for (const s of TLS_SUITES) {
  byName.set(s.name, s);
  if (s.openssl && !byName.has(s.openssl)) byName.set(s.openssl, s);
}

export const suiteByCode = (code: number): CipherSuite | undefined => byCode.get(code);
export const sslv2KindByCode = (code: number): CipherSuite | undefined => v2ByCode.get(code);
/** By IANA name, or OpenSSL name as a fallback (policies are written in IANA names). */
export const suiteByName = (name: string): CipherSuite | undefined => byName.get(name);

/** Name for display: the catalogue's, or the raw codepoint for one not in the table. */
export const suiteName = (code: number): string => byCode.get(code)?.name ?? `0x${code.toString(16).padStart(4, '0').toUpperCase()}`;

/** TLS 1.3 suites (RFC 8446 and later); they are offered only in TLS 1.3 hellos. */
export const isTls13Suite = (s: CipherSuite): boolean => s.since === 'TLSv1.3';
