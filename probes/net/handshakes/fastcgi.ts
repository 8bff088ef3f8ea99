import type { Recognised } from '../identity.js';

const FCGI_VERSION_1 = 1;
const FCGI_GET_VALUES = 9;
const FCGI_GET_VALUES_RESULT = 10;

/** Name-value pair with empty value, as FCGI_GET_VALUES asks. */
const nv = (name: string) => Buffer.concat([Buffer.from([name.length, 0]), Buffer.from(name, 'ascii')]);

/** FCGI_GET_VALUES on the management channel (request id 0): answered before any request, without credentials. */
export function fastcgiGetValues(): Buffer {
  const content = Buffer.concat([nv('FCGI_MAX_CONNS'), nv('FCGI_MAX_REQS'), nv('FCGI_MPXS_CONNS')]);
  const padding = (8 - (content.length % 8)) % 8;
  const header = Buffer.from([FCGI_VERSION_1, FCGI_GET_VALUES, 0, 0, content.length >> 8, content.length & 0xff, padding, 0]);
  return Buffer.concat([header, content, Buffer.alloc(padding)]);
}

export const fastcgiComplete = (b: Buffer) => b.length >= 8 && b.length >= 8 + b.readUInt16BE(4) + (b[6] ?? 0);

export function recogniseFastcgi(b: Buffer): Recognised | undefined {
  if (b.length < 8 || b[0] !== FCGI_VERSION_1 || b[1] !== FCGI_GET_VALUES_RESULT || b.readUInt16BE(2) !== 0) return undefined;
  const len = b.readUInt16BE(4);
  const values = parsePairs(b.subarray(8, 8 + len));
  const shown = Object.entries(values)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return {
    service: 'fastcgi',
    kind: 'runtime',
    product: 'FastCGI (php-fpm)',
    access: 'unauthenticated',
    detail: `FCGI_GET_VALUES_RESULT${shown ? ` (${shown})` : ''}: FastCGI accepts requests from here, which runs any PHP file`,
  };
}

function parsePairs(b: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  const length = () => {
    const first = b[i] ?? 0;
    if (first < 0x80) {
      i += 1;
      return first;
    }
    const n = b.readUInt32BE(i) & 0x7fffffff;
    i += 4;
    return n;
  };
  while (i + 2 <= b.length) {
    const nl = length();
    const vl = length();
    if (i + nl + vl > b.length) break;
    out[b.subarray(i, i + nl).toString('latin1')] = b.subarray(i + nl, i + nl + vl).toString('latin1');
    i += nl + vl;
  }
  return out;
}
