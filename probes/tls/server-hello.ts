import { Malformed, Reader } from './bytes.js';
import { DOWNGRADE_TLS11, DOWNGRADE_TLS12, EXT, HRR_RANDOM } from './protocol.js';

export interface HelloExtension {
  readonly type: number;
  readonly data: Buffer;
}

/** A ServerHello or HelloRetryRequest as sent; nothing here is decrypted. */
export interface ServerHello {
  readonly retryRequest: boolean;
  readonly legacyVersion: number;
  /** supported_versions' selection when present, else legacy_version. */
  readonly version: number;
  readonly random: Buffer;
  readonly sessionId: Buffer;
  readonly suite: number;
  readonly compression: number;
  readonly extensions: readonly HelloExtension[];
  /** RFC 8446 4.1.3 sentinel in random: a TLS 1.3 server that negotiated lower. */
  readonly downgradeSentinel?: 'TLSv1.2' | 'TLSv1.1';
}

export type TlsAnswer =
  | { readonly kind: 'server-hello'; readonly hello: ServerHello }
  | { readonly kind: 'alert'; readonly level: number; readonly description: number };

const CHANGE_CIPHER_SPEC = 20;
const ALERT = 21;
const HANDSHAKE = 22;
const SERVER_HELLO = 2;

/**
 * Reads TLS records from `from` and returns the first ServerHello/HRR or alert, with the
 * offset after it; undefined while more bytes are needed; Malformed on anything else.
 */
export function parseTlsAnswer(buf: Buffer, from = 0): { answer: TlsAnswer; end: number } | undefined {
  let pos = from;
  const handshake: Buffer[] = [];
  while (pos + 5 <= buf.length) {
    const type = buf[pos]!;
    const major = buf[pos + 1]!;
    const length = buf.readUInt16BE(pos + 3);
    if (major !== 3 || ![CHANGE_CIPHER_SPEC, ALERT, HANDSHAKE].includes(type)) {
      throw new Malformed(`not a TLS record (type ${type}, version ${major}.${buf[pos + 2]})`);
    }
    if (length > 18432) throw new Malformed(`record length ${length} over the limit`);
    if (pos + 5 + length > buf.length) return undefined;
    const payload = buf.subarray(pos + 5, pos + 5 + length);
    pos += 5 + length;
    if (type === CHANGE_CIPHER_SPEC) {
      if (handshake.length) throw new Malformed('ChangeCipherSpec inside a handshake message');
      continue;
    }
    if (type === ALERT) {
      if (handshake.length) throw new Malformed('alert inside a handshake message');
      if (payload.length < 2) throw new Malformed('short alert');
      return { answer: { kind: 'alert', level: payload[0]!, description: payload[1]! }, end: pos };
    }
    handshake.push(payload);
    const joined = Buffer.concat(handshake);
    if (joined.length < 4) continue;
    if (joined[0] !== SERVER_HELLO) throw new Malformed(`handshake message type ${joined[0]} where ServerHello was expected`);
    const msgLen = (joined[1]! << 16) | (joined[2]! << 8) | joined[3]!;
    if (joined.length < 4 + msgLen) continue;
    return { answer: { kind: 'server-hello', hello: parseServerHelloBody(joined.subarray(4, 4 + msgLen)) }, end: pos };
  }
  return undefined;
}

export function parseServerHelloBody(body: Buffer): ServerHello {
  const r = new Reader(body);
  const legacyVersion = r.u16('server_version');
  const random = Buffer.from(r.bytes(32, 'random'));
  const sessionId = Buffer.from(r.vec8('session_id'));
  const suite = r.u16('cipher_suite');
  const compression = r.u8('compression_method');
  const extensions: HelloExtension[] = [];
  if (r.remaining > 0) {
    const er = new Reader(r.vec16('extensions'));
    while (er.remaining > 0) {
      const type = er.u16('extension type');
      extensions.push({ type, data: Buffer.from(er.vec16('extension data')) });
    }
  }
  if (r.remaining !== 0) throw new Malformed(`${r.remaining} stray bytes after ServerHello`);
  const sv = extensions.find((e) => e.type === EXT.supportedVersions);
  if (sv && sv.data.length !== 2) throw new Malformed('supported_versions in ServerHello is not one version');
  const tail = random.subarray(24);
  const downgradeSentinel = tail.equals(DOWNGRADE_TLS12) ? 'TLSv1.2' : tail.equals(DOWNGRADE_TLS11) ? 'TLSv1.1' : undefined;
  return {
    retryRequest: random.equals(HRR_RANDOM),
    legacyVersion,
    version: sv ? sv.data.readUInt16BE(0) : legacyVersion,
    random,
    sessionId,
    suite,
    compression,
    extensions,
    ...(downgradeSentinel ? { downgradeSentinel } : {}),
  };
}

/** The group and cookie an HRR asks for. */
export function retryRequestOf(hello: ServerHello): { group?: number; cookie?: Buffer } {
  const ks = hello.extensions.find((e) => e.type === EXT.keyShare);
  const ck = hello.extensions.find((e) => e.type === EXT.cookie);
  return {
    ...(ks && ks.data.length >= 2 ? { group: ks.data.readUInt16BE(0) } : {}),
    ...(ck && ck.data.length >= 2 ? { cookie: ck.data.subarray(2, 2 + ck.data.readUInt16BE(0)) } : {}),
  };
}
