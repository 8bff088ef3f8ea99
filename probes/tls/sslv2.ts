import { randomBytes } from 'node:crypto';
import { Malformed, Reader, u8, u16 } from './bytes.js';

/**
 * SSL 2.0 (draft-hickman-netscape-ssl-00): a CLIENT-HELLO in a two-byte record header,
 * and the SERVER-HELLO or ERROR that answers it.
 */
const MSG_ERROR = 0;
const MSG_CLIENT_HELLO = 1;
const MSG_SERVER_HELLO = 4;
const SSL2_VERSION = 0x0002;

export function buildSslv2ClientHello(kinds: readonly number[]): Buffer {
  const specs = Buffer.concat(kinds.map((k) => Buffer.from([(k >> 16) & 0xff, (k >> 8) & 0xff, k & 0xff])));
  const challenge = randomBytes(16);
  const msg = Buffer.concat([u8(MSG_CLIENT_HELLO), u16(SSL2_VERSION), u16(specs.length), u16(0), u16(challenge.length), specs, challenge]);
  // Two-byte header: high bit set, 15-bit length, no padding.
  return Buffer.concat([u16(0x8000 | msg.length), msg]);
}

export type Sslv2Answer =
  | { readonly kind: 'sslv2-hello'; readonly version: number; readonly cipherKinds: readonly number[]; readonly certificateBytes: number }
  | { readonly kind: 'error'; readonly code: number };

/**
 * Parses the start of a server's answer as SSLv2; returns undefined while more bytes are
 * needed. Throws Malformed on anything that is not SSLv2.
 */
export function parseSslv2Answer(buf: Buffer): Sslv2Answer | undefined {
  if (buf.length < 2) return undefined;
  const first = buf[0]!;
  // Two-byte header has the high bit set; a three-byte header (padding) has it clear.
  const twoByte = (first & 0x80) !== 0;
  const headerLen = twoByte ? 2 : 3;
  if (buf.length < headerLen) return undefined;
  const length = twoByte ? ((first & 0x7f) << 8) | buf[1]! : ((first & 0x3f) << 8) | buf[1]!;
  if (!twoByte && (first & 0x40) !== 0) throw new Malformed('SSLv2 escape record');
  if (buf.length < headerLen + length) return undefined;
  const r = new Reader(buf.subarray(headerLen, headerLen + length));
  const type = r.u8('SSLv2 message type');
  if (type === MSG_ERROR) return { kind: 'error', code: r.u16('SSLv2 error code') };
  if (type !== MSG_SERVER_HELLO) throw new Malformed(`SSLv2 message type ${type} where SERVER-HELLO was expected`);
  r.u8('session-id-hit');
  r.u8('certificate-type');
  const version = r.u16('server-version');
  const certLen = r.u16('certificate-length');
  const specsLen = r.u16('cipher-specs-length');
  const connIdLen = r.u16('connection-id-length');
  if (specsLen % 3 !== 0) throw new Malformed('SSLv2 cipher-specs length not a multiple of 3');
  r.bytes(certLen, 'certificate');
  const specs = r.bytes(specsLen, 'cipher-specs');
  r.bytes(connIdLen, 'connection-id');
  const cipherKinds: number[] = [];
  for (let i = 0; i < specs.length; i += 3) cipherKinds.push((specs[i]! << 16) | (specs[i + 1]! << 8) | specs[i + 2]!);
  return { kind: 'sslv2-hello', version, cipherKinds, certificateBytes: certLen };
}
