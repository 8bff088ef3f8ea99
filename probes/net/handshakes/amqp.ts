import { linear } from '../../../core/linear-regex.js';
import type { Recognised } from '../identity.js';

/** AMQP 0-9-1 protocol header; a broker answers Connection.Start (or its own header if it speaks another version). */
// Connection.Start fields, read as latin1 text (a LinearRegex: linear time on the capped reply).
const PRODUCT = linear(/product\x53\x00\x00\x00.([\w .-]+)/s);
const VERSION = linear(/version\x53\x00\x00\x00.([\w.-]+)/s);
const MECHANISMS = linear(/(?:^|[^\w])((?:AMQPLAIN|PLAIN|EXTERNAL|ANONYMOUS)(?: (?:AMQPLAIN|PLAIN|EXTERNAL|ANONYMOUS))*)/);

export const AMQP_HEADER = Buffer.from('AMQP\x00\x00\x09\x01', 'latin1');

export const amqpComplete = (b: Buffer) => b.length >= 7 && b.length >= 8 + b.readUInt32BE(3);

export function recogniseAmqp(b: Buffer): Recognised | undefined {
  // Method frame (type 1) on channel 0, class 10 (connection) method 10 (start).
  if (b.length >= 11 && b[0] === 1 && b.readUInt16BE(1) === 0 && b.readUInt16BE(7) === 10 && b.readUInt16BE(9) === 10) {
    const text = b.toString('latin1');
    const product = PRODUCT.exec(text)?.[1];
    const version = VERSION.exec(text)?.[1];
    const mechanisms = MECHANISMS.exec(text)?.[1];
    return {
      service: 'amqp',
      kind: 'queue',
      ...(product ? { product: `${product}${version ? ` ${version}` : ''}` } : {}),
      access: mechanisms?.split(' ').includes('ANONYMOUS') ? 'unauthenticated' : 'auth-required',
      detail: `AMQP Connection.Start${mechanisms ? ` (SASL mechanisms: ${mechanisms})` : ''}`,
    };
  }
  // A different AMQP version: the broker sends its own header back. Ours differs in version bytes, so an echo never matches.
  if (b.length === 8 && b.subarray(0, 4).toString('latin1') === 'AMQP' && !b.equals(AMQP_HEADER)) {
    return { service: 'amqp', kind: 'queue', access: 'unknown', detail: `AMQP broker wants protocol ${[...b.subarray(4)].join('-')}` };
  }
  return undefined;
}
