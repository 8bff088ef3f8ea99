import type { Recognised } from '../identity.js';

/** SSLRequest: length 8, code 80877103. A server answers one byte, 'S' or 'N'. */
export const PG_SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

export function recognisePostgres(b: Buffer): Recognised | undefined {
  if (b.length !== 1 || (b[0] !== 0x53 && b[0] !== 0x4e)) return undefined;
  const tls = b[0] === 0x53;
  return { service: 'postgresql', kind: 'database', access: 'unknown', detail: `SSLRequest answered '${tls ? 'S' : 'N'}' (${tls ? 'TLS offered' : 'no TLS'})` };
}
