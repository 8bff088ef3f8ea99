import { isIP } from 'node:net';
import type { Recognised } from '../identity.js';

// A TLS 1.2 ClientHello broad enough for any server since 2010; 1.3-only servers answer with an alert, which proves TLS too.
const SUITES = [0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc009, 0xc013, 0xc00a, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035, 0x000a];
const GROUPS = [0x001d, 0x0017, 0x0018];
const SIG_ALGS = [0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601, 0x0201];

const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const vec16 = (b: Buffer) => Buffer.concat([u16(b.length), b]);
const ext = (type: number, body: Buffer) => Buffer.concat([u16(type), vec16(body)]);

export function tlsClientHello(host: string): Buffer {
  const exts: Buffer[] = [
    ext(0x000a, vec16(Buffer.concat(GROUPS.map(u16)))),
    ext(0x000b, Buffer.from([1, 0])),
    ext(0x000d, vec16(Buffer.concat(SIG_ALGS.map(u16)))),
    ext(0xff01, Buffer.from([0])),
  ];
  if (host && !isIP(host)) {
    const name = Buffer.from(host, 'ascii');
    exts.unshift(ext(0x0000, vec16(Buffer.concat([Buffer.from([0]), vec16(name)]))));
  }
  const body = Buffer.concat([
    u16(0x0303),
    Buffer.alloc(32, 0x5a), // client random: fixed, this hello is never completed
    Buffer.from([0]),
    vec16(Buffer.concat(SUITES.map(u16))),
    Buffer.from([1, 0]),
    vec16(Buffer.concat(exts)),
  ]);
  const handshake = Buffer.concat([Buffer.from([0x01, 0, body.length >> 8, body.length & 0xff]), body]);
  return Buffer.concat([Buffer.from([0x16, 0x03, 0x01]), u16(handshake.length), handshake]);
}

export const tlsComplete = (b: Buffer) => b.length >= 6;

const VERSIONS: Readonly<Record<number, string>> = { 0x0300: 'SSL 3.0', 0x0301: 'TLS 1.0', 0x0302: 'TLS 1.1', 0x0303: 'TLS 1.2', 0x0304: 'TLS 1.3' };

/** A ServerHello (handshake type 2) or an alert record; an echoed ClientHello (type 1) is neither. */
export function recogniseTls(b: Buffer): Recognised | undefined {
  if (b.length < 6 || b[1] !== 0x03 || (b[2] ?? 9) > 0x04) return undefined;
  const recordLen = b.readUInt16BE(3);
  if (b[0] === 0x16 && b[5] === 0x02 && recordLen >= 38) {
    const version = b.length >= 11 ? VERSIONS[b.readUInt16BE(9)] : undefined;
    return { service: 'tls', kind: 'tls', access: 'unknown', detail: `TLS ServerHello${version ? ` (${version})` : ''}` };
  }
  if (b[0] === 0x15 && recordLen === 2) {
    return { service: 'tls', kind: 'tls', access: 'unknown', detail: `TLS alert ${b[6] ?? '?'} in answer to a ClientHello` };
  }
  return undefined;
}
