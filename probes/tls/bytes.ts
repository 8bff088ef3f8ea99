/** Big-endian length-prefixed encoding, the way every TLS structure is laid out. */
export const u8 = (n: number): Buffer => Buffer.from([n & 0xff]);
export const u16 = (n: number): Buffer => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
export const u24 = (n: number): Buffer => Buffer.from([(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);

/** A vector with a 1-, 2- or 3-byte length prefix. */
export const vec8 = (...parts: Buffer[]): Buffer => prefixed(1, Buffer.concat(parts));
export const vec16 = (...parts: Buffer[]): Buffer => prefixed(2, Buffer.concat(parts));

function prefixed(width: 1 | 2 | 3, body: Buffer): Buffer {
  const len = width === 1 ? u8(body.length) : width === 2 ? u16(body.length) : u24(body.length);
  return Buffer.concat([len, body]);
}

/** Thrown on a short or malformed structure: the caller reports the answer as garbage. */
export class Malformed extends Error {}

/** Reads a buffer front to back; every read is bounds-checked. */
export class Reader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}
  get remaining(): number {
    return this.buf.length - this.pos;
  }
  private take(n: number, what: string): Buffer {
    if (this.pos + n > this.buf.length) throw new Malformed(`${what}: need ${n} bytes, ${this.remaining} left`);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  u8(what: string): number {
    return this.take(1, what)[0]!;
  }
  u16(what: string): number {
    return this.take(2, what).readUInt16BE(0);
  }
  u24(what: string): number {
    const b = this.take(3, what);
    return (b[0]! << 16) | (b[1]! << 8) | b[2]!;
  }
  bytes(n: number, what: string): Buffer {
    return this.take(n, what);
  }
  vec8(what: string): Buffer {
    return this.take(this.u8(what), what);
  }
  vec16(what: string): Buffer {
    return this.take(this.u16(what), what);
  }
}
