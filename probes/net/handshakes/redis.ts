import { linear } from '../../../core/linear-regex.js';
import type { Recognised } from '../identity.js';

/** PING then INFO, inline commands: INFO answering means anyone can read and write the cache. */
export const REDIS_PING_INFO = Buffer.from('PING\r\nINFO server\r\n');

// Replies are server text: LinearRegex (RE2, linear time) on the capped reply.
const TWO_ERRORS = linear(/^-[^\r\n]*\r\n-[^\r\n]*\r\n/);
const PONG_BULK = linear(/^\+PONG\r\n\$(\d+)\r\n/);
const ANY_VERSION = linear(/(?:valkey|redis)_version:([\w.]+)/);
const VALKEY_VERSION = linear(/valkey_version:([\w.]+)/);
const VALKEY_NAME = linear(/server_name:valkey/);
const PONG_THEN_REFUSED = linear(/^\+PONG\r\n-(NOAUTH|NOPERM)/);

/** Complete when both replies are in: two error lines, or +PONG and the whole INFO bulk string. */
export function redisComplete(b: Buffer): boolean {
  const s = b.toString('latin1');
  if (TWO_ERRORS.test(s)) return true;
  if (s.startsWith('-DENIED') && s.endsWith('\r\n')) return true;
  const bulk = PONG_BULK.exec(s);
  return bulk ? s.length >= bulk[0].length + Number(bulk[1]) + 2 : false;
}

export function recogniseRedis(b: Buffer): Recognised | undefined {
  const s = b.toString('latin1');
  const version = ANY_VERSION.exec(s);
  const valkey = VALKEY_VERSION.exec(s) ?? (VALKEY_NAME.test(s) ? version : null);
  const product = valkey ? `Valkey ${valkey[1]}` : version ? `Redis ${version[1]}` : undefined;
  const service = valkey ? 'valkey' : 'redis';
  if (s.startsWith('+PONG') && version) {
    return {
      service,
      kind: 'cache',
      ...(product ? { product } : {}),
      access: 'unauthenticated',
      detail: `PING answered +PONG and INFO answered without credentials (${product})`,
    };
  }
  if (s.startsWith('-NOAUTH') || s.startsWith('-WRONGPASS')) {
    return { service, kind: 'cache', access: 'auth-required', detail: `PING answered ${s.split('\r\n')[0]}` };
  }
  if (s.startsWith('-DENIED Redis is running in protected mode')) {
    return { service, kind: 'cache', access: 'refused', detail: 'protected mode: refuses non-loopback clients without a password' };
  }
  if (PONG_THEN_REFUSED.test(s)) {
    return { service, kind: 'cache', access: 'auth-required', detail: `PING answered but INFO refused: ${s.split('\r\n')[1]}` };
  }
  return undefined;
}
