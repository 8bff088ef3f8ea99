import type { Recognised } from '../identity.js';

/** `version` then `stats`: STAT lines mean the cache answers anyone. */
export const MEMCACHED_VERSION_STATS = Buffer.from('version\r\nstats\r\n');

export function memcachedComplete(b: Buffer): boolean {
  const s = b.toString('latin1');
  return /\r\nEND\r\n$/.test(s) || (s.match(/^(CLIENT_)?ERROR[^\r\n]*\r\n/gm)?.length ?? 0) >= 2;
}

export function recogniseMemcached(b: Buffer): Recognised | undefined {
  const s = b.toString('latin1');
  const version = /^VERSION (\d+\.\d+[\w.-]*)\r\n/.exec(s)?.[1];
  const product = version ? `memcached ${version}` : undefined;
  if (/(^|\r\n)STAT pid \d+\r\n/.test(s)) {
    return { service: 'memcached', kind: 'cache', ...(product ? { product } : {}), access: 'unauthenticated', detail: 'stats answered without credentials' };
  }
  if (/^CLIENT_ERROR unauthenticated/m.test(s)) {
    return { service: 'memcached', kind: 'cache', access: 'auth-required', detail: 'answered CLIENT_ERROR unauthenticated' };
  }
  if (version) return { service: 'memcached', kind: 'cache', ...(product ? { product } : {}), access: 'unknown', detail: `version answered ${version}, stats did not` };
  return undefined;
}
