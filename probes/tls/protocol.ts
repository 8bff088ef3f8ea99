/** The protocol versions a probe can offer, oldest first, with their wire codes. */
export const PROTOCOLS = ['SSLv2', 'SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** Record-layer / ServerHello version codes (SSLv2 answers with 0x0002). */
export const WIRE_VERSION: Readonly<Record<Protocol, number>> = {
  SSLv2: 0x0002,
  SSLv3: 0x0300,
  'TLSv1.0': 0x0301,
  'TLSv1.1': 0x0302,
  'TLSv1.2': 0x0303,
  'TLSv1.3': 0x0304,
};

export const protocolOfWire = (v: number): Protocol | undefined => PROTOCOLS.find((p) => WIRE_VERSION[p] === v);

export const hex4 = (n: number): string => `0x${n.toString(16).padStart(4, '0')}`;

/** Alert descriptions (RFC 8446 6.2, RFC 5246 7.2, RFC 6101) by code, for evidence. */
export const ALERT_NAMES: Readonly<Record<number, string>> = {
  0: 'close_notify',
  10: 'unexpected_message',
  20: 'bad_record_mac',
  21: 'decryption_failed',
  22: 'record_overflow',
  30: 'decompression_failure',
  40: 'handshake_failure',
  41: 'no_certificate',
  42: 'bad_certificate',
  43: 'unsupported_certificate',
  44: 'certificate_revoked',
  45: 'certificate_expired',
  46: 'certificate_unknown',
  47: 'illegal_parameter',
  48: 'unknown_ca',
  49: 'access_denied',
  50: 'decode_error',
  51: 'decrypt_error',
  60: 'export_restriction',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  86: 'inappropriate_fallback',
  90: 'user_canceled',
  100: 'no_renegotiation',
  109: 'missing_extension',
  110: 'unsupported_extension',
  112: 'unrecognized_name',
  116: 'certificate_required',
  120: 'no_application_protocol',
};

/** Extension types (IANA ExtensionType registry) named in evidence. */
export const EXT = {
  serverName: 0,
  statusRequest: 5,
  supportedGroups: 10,
  ecPointFormats: 11,
  signatureAlgorithms: 13,
  alpn: 16,
  extendedMasterSecret: 23,
  padding: 21,
  sessionTicket: 35,
  supportedVersions: 43,
  cookie: 44,
  keyShare: 51,
  renegotiationInfo: 0xff01,
} as const;

export const EXTENSION_NAMES: Readonly<Record<number, string>> = {
  0: 'server_name',
  1: 'max_fragment_length',
  5: 'status_request',
  10: 'supported_groups',
  11: 'ec_point_formats',
  13: 'signature_algorithms',
  15: 'heartbeat',
  16: 'application_layer_protocol_negotiation',
  18: 'signed_certificate_timestamp',
  21: 'padding',
  22: 'encrypt_then_mac',
  23: 'extended_master_secret',
  35: 'session_ticket',
  41: 'pre_shared_key',
  43: 'supported_versions',
  44: 'cookie',
  45: 'psk_key_exchange_modes',
  51: 'key_share',
  0xff01: 'renegotiation_info',
};

export const extensionName = (t: number): string => EXTENSION_NAMES[t] ?? `ext_${t}`;

/** Named groups (IANA) offered in supported_groups; x25519 carries the key share. */
export const GROUPS = { x25519: 0x001d, secp256r1: 0x0017, secp384r1: 0x0018, secp521r1: 0x0019, x448: 0x001e, ffdhe2048: 0x0100, ffdhe3072: 0x0101 } as const;

/** Compression methods (RFC 3749). */
export const COMPRESSION_NAMES: Readonly<Record<number, string>> = { 0: 'null', 1: 'deflate', 64: 'lzs' };

/** ServerHello.random of an HRR (RFC 8446 4.1.3): SHA-256 of "HelloRetryRequest". */
export const HRR_RANDOM = Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex');
/** Last 8 bytes of ServerHello.random when a TLS 1.3 server negotiates lower (RFC 8446 4.1.3). */
export const DOWNGRADE_TLS12 = Buffer.from('444f574e47524401', 'hex');
export const DOWNGRADE_TLS11 = Buffer.from('444f574e47524400', 'hex');
