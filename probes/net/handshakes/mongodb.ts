import { linear } from '../../../core/linear-regex.js';
import type { Recognised } from '../identity.js';

const OP_MSG = 2013;
const REQUEST_ID = 0x6d70; // "mp": the answer must echo it in responseTo

function bsonHello(): Buffer {
  const el = (type: number, name: string, value: Buffer) => Buffer.concat([Buffer.from([type]), Buffer.from(`${name}\0`, 'latin1'), value]);
  const int32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeInt32LE(n);
    return b;
  };
  const str = (s: string) => Buffer.concat([int32(s.length + 1), Buffer.from(`${s}\0`, 'latin1')]);
  const body = Buffer.concat([el(0x10, 'hello', int32(1)), el(0x02, '$db', str('admin')), Buffer.from([0])]);
  return Buffer.concat([int32(body.length + 4), body]);
}

/** OP_MSG {hello: 1, $db: "admin"}: answered before authentication by every MongoDB since 3.6. */
export function mongoHello(): Buffer {
  const doc = bsonHello();
  const header = Buffer.alloc(16);
  const length = 16 + 4 + 1 + doc.length;
  header.writeInt32LE(length, 0);
  header.writeInt32LE(REQUEST_ID, 4);
  header.writeInt32LE(0, 8);
  header.writeInt32LE(OP_MSG, 12);
  return Buffer.concat([header, Buffer.alloc(4), Buffer.from([0]), doc]);
}

export const mongoComplete = (b: Buffer) => b.length >= 4 && b.length >= b.readInt32LE(0);

// The reply is server text: a LinearRegex (RE2, linear time) on the capped reply.
const HELLO_FIELDS = linear(/maxWireVersion|isWritablePrimary|ismaster/);

export function recogniseMongo(b: Buffer): Recognised | undefined {
  if (b.length < 21 || b.readInt32LE(8) !== REQUEST_ID || (b.readInt32LE(12) !== OP_MSG && b.readInt32LE(12) !== 1)) return undefined;
  const text = b.toString('latin1');
  if (!HELLO_FIELDS.test(text)) return undefined;
  return { service: 'mongodb', kind: 'database', access: 'unknown', detail: 'hello answered (OP_MSG reply with maxWireVersion)' };
}
