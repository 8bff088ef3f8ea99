import { linear } from '../../../core/linear-regex.js';
import type { Recognised } from '../identity.js';

/** `version` then `stats`: STAT lines mean the cache answers anyone. */
export const MEMCACHED_VERSION_STATS = Buffer.from('version\r\nstats\r\n');

// Replies are server text: LinearRegex (RE2, linear time) on the capped reply.
const STATS_END = linear(/\r\nEND\r\n$/);
const ERROR_LINE = linear(/^(CLIENT_)?ERROR[^\r\n]*\r\n/m);
const VERSION_LINE = linear(/^VERSION (\d+\.\d+[\w.-]*)\r\n/);
const STAT_PID = linear(/(^|\r\n)STAT pid \d+\r\n/);
const UNAUTHENTICATED = linear(/^CLIENT_ERROR unauthenticated/m);

export function memcachedComplete(b: Buffer): boolean {
  const s = b.toString('latin1');
  return STATS_END.test(s) || [...ERROR_LINE.matchAll(s)].length >= 2;
}

export function recogniseMemcached(b: Buffer): Recognised | undefined {
  const s = b.toString('latin1');
  const version = VERSION_LINE.exec(s)?.[1];
  const product = version ? `memcached ${version}` : undefined;
  if (STAT_PID.test(s)) {
    return { service: 'memcached', kind: 'cache', ...(product ? { product } : {}), access: 'unauthenticated', detail: 'stats answered without credentials' };
  }
  if (UNAUTHENTICATED.test(s)) {
    return { service: 'memcached', kind: 'cache', access: 'auth-required', detail: 'answered CLIENT_ERROR unauthenticated' };
  }
  if (version)
    return { service: 'memcached', kind: 'cache', ...(product ? { product } : {}), access: 'unknown', detail: `version answered ${version}, stats did not` };
  return undefined;
}
