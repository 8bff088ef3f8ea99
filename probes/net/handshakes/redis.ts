import type { Recognised } from '../identity.js';

/** PING then INFO, inline commands: INFO answering means anyone can read and write the cache. */
export const REDIS_PING_INFO = Buffer.from('PING\r\nINFO server\r\n');

/** Complete when both replies are in: two error lines, or +PONG and the whole INFO bulk string. */
export function redisComplete(b: Buffer): boolean {
  const s = b.toString('latin1');
  if (/^-[^\r\n]*\r\n-[^\r\n]*\r\n/.test(s)) return true;
  if (/^-DENIED/.test(s) && s.endsWith('\r\n')) return true;
  const bulk = /^\+PONG\r\n\$(\d+)\r\n/.exec(s);
  return bulk ? s.length >= bulk[0].length + Number(bulk[1]) + 2 : false;
}

export function recogniseRedis(b: Buffer): Recognised | undefined {
  const s = b.toString('latin1');
  const version = /(?:valkey|redis)_version:([\w.]+)/.exec(s);
  const valkey = /valkey_version:([\w.]+)/.exec(s) ?? (/server_name:valkey/.test(s) ? version : null);
  const product = valkey ? `Valkey ${valkey[1]}` : version ? `Redis ${version[1]}` : undefined;
  const service = valkey ? 'valkey' : 'redis';
  if (s.startsWith('+PONG') && version) {
    return { service, kind: 'cache', ...(product ? { product } : {}), access: 'unauthenticated', detail: `PING answered +PONG and INFO answered without credentials (${product})` };
  }
  if (/^-NOAUTH/.test(s) || /^-WRONGPASS/.test(s)) {
    return { service, kind: 'cache', access: 'auth-required', detail: `PING answered ${s.split('\r\n')[0]}` };
  }
  if (/^-DENIED Redis is running in protected mode/.test(s)) {
    return { service, kind: 'cache', access: 'refused', detail: 'protected mode: refuses non-loopback clients without a password' };
  }
  if (s.startsWith('+PONG') && /^\+PONG\r\n-(NOAUTH|NOPERM)/.test(s)) {
    return { service, kind: 'cache', access: 'auth-required', detail: `PING answered but INFO refused: ${s.split('\r\n')[1]}` };
  }
  return undefined;
}
