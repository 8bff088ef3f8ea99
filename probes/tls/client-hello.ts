import { createECDH, generateKeyPairSync, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { u8, u16, u24, vec8, vec16 } from './bytes.js';
import { EXT, GROUPS, type Protocol, WIRE_VERSION } from './protocol.js';

export type RecordProtocol = Exclude<Protocol, 'SSLv2'>;

/** What one hand-built ClientHello offers. */
export interface HelloOffer {
  readonly version: RecordProtocol;
  /** Cipher-suite codepoints, in preference order. */
  readonly suites: readonly number[];
  /** Host name for SNI; IP literals are not sent (RFC 6066 3). */
  readonly sni?: string;
  /** Compression methods; null (0) is always added last. */
  readonly compression?: readonly number[];
}

/** A TLS 1.3 key share we can build; the group the server asks for in an HRR must be one of these. */
export const KEY_SHARE_GROUPS = [GROUPS.x25519, GROUPS.secp256r1, GROUPS.secp384r1, GROUPS.secp521r1] as const;

/** Second flight after a HelloRetryRequest (RFC 8446 4.1.4). */
export interface RetryRequest {
  readonly group: number;
  readonly cookie?: Buffer;
}

// Groups offered in supported_groups: every curve and FFDHE group a server may insist on.
const OFFERED_GROUPS = [
  GROUPS.x25519,
  GROUPS.secp256r1,
  GROUPS.secp384r1,
  GROUPS.secp521r1,
  GROUPS.x448,
  GROUPS.ffdhe2048,
  GROUPS.ffdhe3072,
  0x0101 + 1,
  0x0101 + 2, // ffdhe4096, ffdhe6144
  0x0016,
  0x0015,
  0x0014,
  0x0013,
  0x0012,
  0x0011,
  0x0010,
  0x000f,
  0x000e,
  0x000d,
  0x000c,
  0x000b,
  0x000a,
  0x0009,
  0x0008,
  0x0007,
  0x0006,
  0x0005,
  0x0004,
  0x0003,
  0x0002,
  0x0001,
  0x001a,
  0x001b,
  0x001c, // secp/sect/brainpool for old stacks
];

// Signature schemes, modern first, SHA-1 and legacy ones last so old servers find a match.
const SIGNATURE_SCHEMES = [
  0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080a, 0x080b, 0x0401, 0x0501, 0x0601, 0x0303, 0x0301, 0x0302, 0x0402, 0x0502,
  0x0602, 0x0203, 0x0201, 0x0202,
];

const TLS_EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff;
// RFC 7685: hellos of 256..511 bytes hang some F5 load balancers; pad every hello to 512.
const PAD_TO = 512;

const ext = (type: number, body: Buffer): Buffer => Buffer.concat([u16(type), vec16(body)]);

function keyShare(group: number): Buffer {
  if (group === GROUPS.x25519) {
    const { publicKey } = generateKeyPairSync('x25519');
    return publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  }
  const curve = { [GROUPS.secp256r1]: 'prime256v1', [GROUPS.secp384r1]: 'secp384r1', [GROUPS.secp521r1]: 'secp521r1' }[group];
  if (!curve) throw new Error(`no key share for group 0x${group.toString(16)}`);
  return createECDH(curve).generateKeys();
}

/** Extensions for a hello; SSLv3 gets none (the SCSV signals secure renegotiation instead). */
function extensions(offer: HelloOffer, retry?: RetryRequest): Buffer[] {
  if (offer.version === 'SSLv3') return [];
  const list: Buffer[] = [];
  if (offer.sni && !isIP(offer.sni)) {
    const name = Buffer.from(offer.sni, 'ascii');
    list.push(ext(EXT.serverName, vec16(u8(0), vec16(name))));
  }
  list.push(ext(EXT.supportedGroups, vec16(...OFFERED_GROUPS.map(u16))));
  list.push(ext(EXT.ecPointFormats, vec8(u8(0))));
  if (offer.version === 'TLSv1.2' || offer.version === 'TLSv1.3') {
    list.push(ext(EXT.signatureAlgorithms, vec16(...SIGNATURE_SCHEMES.map(u16))));
  }
  list.push(ext(EXT.renegotiationInfo, vec8()));
  // An empty session_ticket asks for an RFC 5077 ticket: the ServerHello echoes it when the server issues them.
  if (offer.version !== 'TLSv1.3') list.push(ext(EXT.sessionTicket, Buffer.alloc(0)));
  list.push(ext(EXT.extendedMasterSecret, Buffer.alloc(0)));
  if (offer.version === 'TLSv1.3') {
    list.push(ext(EXT.supportedVersions, vec8(u16(WIRE_VERSION['TLSv1.3']))));
    list.push(ext(45, vec8(u8(1)))); // psk_key_exchange_modes: psk_dhe_ke
    const group = retry?.group ?? GROUPS.x25519;
    list.push(ext(EXT.keyShare, vec16(u16(group), vec16(keyShare(group)))));
    if (retry?.cookie) list.push(ext(EXT.cookie, vec16(retry.cookie)));
  }
  return list;
}

/** Builds a complete handshake record holding one ClientHello. */
export function buildClientHello(offer: HelloOffer, retry?: RetryRequest): Buffer {
  const tls13 = offer.version === 'TLSv1.3';
  const legacyVersion = tls13 ? WIRE_VERSION['TLSv1.2'] : WIRE_VERSION[offer.version];
  const suites = offer.version === 'SSLv3' ? [...offer.suites, TLS_EMPTY_RENEGOTIATION_INFO_SCSV] : offer.suites;
  const compression = [...(offer.compression ?? []).filter((c) => c !== 0), 0];
  const exts = extensions(offer, retry);
  const head = Buffer.concat([
    u16(legacyVersion),
    randomBytes(32),
    vec8(tls13 ? randomBytes(32) : Buffer.alloc(0)), // TLS 1.3 middlebox compatibility session id
    vec16(...suites.map(u16)),
    vec8(...compression.map(u8)),
  ]);
  if (exts.length) {
    const size = 4 + head.length + 2 + exts.reduce((n, e) => n + e.length, 0);
    if (size < PAD_TO) exts.push(ext(EXT.padding, Buffer.alloc(Math.max(0, PAD_TO - size - 4))));
  }
  const body = exts.length ? Buffer.concat([head, vec16(...exts)]) : head;
  const handshake = Buffer.concat([u8(1), u24(body.length), body]);
  // Record version: 0x0300 for SSLv3, 0x0301 otherwise (what intolerant servers expect).
  const recordVersion = offer.version === 'SSLv3' ? 0x0300 : 0x0301;
  return Buffer.concat([u8(22), u16(recordVersion), u16(handshake.length), handshake]);
}
