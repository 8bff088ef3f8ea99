import { randomBytes } from 'node:crypto';

/** Builders for server answers per the RFC layouts, for parser tests of answers no local server gives. */
const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);

export function serverHelloRecord(o: {
  version: number;
  suite: number;
  compression?: number;
  random?: Buffer;
  extensions?: { type: number; data: Buffer }[];
  recordVersion?: number;
}): Buffer {
  const exts = o.extensions ? Buffer.concat(o.extensions.map((e) => Buffer.concat([u16(e.type), u16(e.data.length), e.data]))) : undefined;
  const body = Buffer.concat([
    u16(o.version),
    o.random ?? randomBytes(32),
    Buffer.from([0]),
    u16(o.suite),
    Buffer.from([o.compression ?? 0]),
    ...(exts ? [u16(exts.length), exts] : []),
  ]);
  const hs = Buffer.concat([Buffer.from([2, 0, body.length >> 8, body.length & 0xff]), body]);
  return Buffer.concat([Buffer.from([22]), u16(o.recordVersion ?? Math.min(o.version, 0x0303)), u16(hs.length), hs]);
}

export const alertRecord = (level: number, description: number, version = 0x0303): Buffer =>
  Buffer.concat([Buffer.from([21]), u16(version), u16(2), Buffer.from([level, description])]);

/** SSLv2 SERVER-HELLO (two-byte header) listing `kinds`, with a dummy certificate. */
export function sslv2ServerHello(kinds: number[], version = 0x0002): Buffer {
  const cert = randomBytes(40);
  const specs = Buffer.concat(kinds.map((k) => Buffer.from([k >> 16, (k >> 8) & 0xff, k & 0xff])));
  const connId = randomBytes(16);
  const msg = Buffer.concat([Buffer.from([4, 0, 1]), u16(version), u16(cert.length), u16(specs.length), u16(connId.length), cert, specs, connId]);
  return Buffer.concat([u16(0x8000 | msg.length), msg]);
}
