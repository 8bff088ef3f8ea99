import type { Recognised } from '../identity.js';

/** TDS PRELOGIN (packet type 0x12) with VERSION and ENCRYPTION options; a server answers a type 0x04 packet. */
export function tdsPrelogin(): Buffer {
  const options = Buffer.from([0x00, 0, 11, 0, 6, 0x01, 0, 17, 0, 1, 0xff]);
  const data = Buffer.from([0, 0, 0, 0, 0, 0, 0x02]); // version 0, encryption NOT_SUP
  const payload = Buffer.concat([options, data]);
  const header = Buffer.from([0x12, 0x01, 0, 8 + payload.length, 0, 0, 0, 0]);
  return Buffer.concat([header, payload]);
}

export const tdsComplete = (b: Buffer) => b.length >= 8 && b.length >= b.readUInt16BE(2);

export function recogniseMssql(b: Buffer): Recognised | undefined {
  if (b.length < 9 || b[0] !== 0x04 || b.readUInt16BE(2) < 9 || b[8] !== 0x00) return undefined;
  const off = 8 + b.readUInt16BE(9);
  const version = b.length >= off + 4 ? `${b[off]}.${b[off + 1]}.${b.readUInt16BE(off + 2)}` : undefined;
  return {
    service: 'mssql',
    kind: 'database',
    ...(version ? { product: `SQL Server ${version}` } : {}),
    access: 'auth-required',
    detail: 'TDS PRELOGIN answered',
  };
}
