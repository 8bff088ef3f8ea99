import { linear } from '../../../core/linear-regex.js';
import type { Recognised } from '../identity.js';

// Greetings are server text: LinearRegex (RE2, linear time). The version pattern was
// \d+[\w.+~-]*$ (two quantifiers over digits): quadratic on a long digit run under V8.
const SERVER_VERSION = linear(/^\d+\.\d+\.\d+[\w.+~-]*$/);
const MARIADB = linear(/mariadb/i);
const SQLSTATE_PREFIX = linear(/^#\w{5}/);
const REFUSAL_TEXT = linear(/mysql|mariadb|not allowed to connect|connections|blocked/i);
const NON_SPACE = linear(/\S/);

// Errors a server sends instead of the greeting: still MySQL, but it turned us away.
const REFUSALS: Readonly<Record<number, string>> = {
  1130: 'host not allowed to connect',
  1129: 'host blocked after connection errors',
  1040: 'too many connections',
};

/**
 * MySQL/MariaDB speak first: a packet (3-byte length, sequence 0) holding either the
 * handshake v10 greeting (0x0a, version, NUL) or an error packet (0xff, code, message).
 */
export function recogniseMysqlGreeting(b: Buffer): Recognised | undefined {
  if (b.length < 5) return undefined;
  const len = b.readUIntLE(0, 3);
  if (b[3] !== 0 || len < 2 || len > 4096 || b.length < 4 + len) return undefined;
  const payload = b.subarray(4, 4 + len);
  if (payload[0] === 0x0a) {
    const nul = payload.indexOf(0, 1);
    const version = payload.subarray(1, nul).toString('latin1');
    if (nul < 0 || !SERVER_VERSION.test(version)) return undefined;
    const product = MARIADB.test(version) ? `MariaDB ${version}` : `MySQL ${version}`;
    return { service: 'mysql', kind: 'database', product, access: 'auth-required', detail: `handshake v10 greeting, server version ${version}` };
  }
  if (payload[0] === 0xff && len >= 3) {
    const code = payload.readUInt16LE(1);
    const raw = payload.subarray(3).toString('utf8');
    const message = SQLSTATE_PREFIX.replaceAll(raw, '');
    if (!REFUSAL_TEXT.test(message)) return undefined;
    return {
      service: 'mysql',
      kind: 'database',
      access: 'refused',
      detail: `error packet ${code} instead of a greeting (${REFUSALS[code] ?? 'error'}): ${message.slice(0, 120)}`,
    };
  }
  return undefined;
}

/** X Protocol (33060): Mysqlx.Connection.CapabilitiesGet, answered by CONN_CAPABILITIES or ERROR. */
export const MYSQLX_CAPABILITIES_GET = Buffer.from([0x01, 0, 0, 0, 0x01]);

export function recogniseMysqlx(b: Buffer): Recognised | undefined {
  if (b.length < 5) return undefined;
  const len = b.readUInt32LE(0);
  const type = b[4];
  // An echo of our 1-byte CapabilitiesGet also reads as type 1: real replies carry a payload.
  if (len < 2 || len > 65536) return undefined;
  if (type === 2)
    return { service: 'mysqlx', kind: 'database', product: 'MySQL X Protocol', access: 'auth-required', detail: 'X Protocol CONN_CAPABILITIES answer' };
  if (type === 1 && NON_SPACE.test(b.subarray(5).toString('latin1'))) {
    return { service: 'mysqlx', kind: 'database', product: 'MySQL X Protocol', access: 'auth-required', detail: 'X Protocol ERROR answer to CapabilitiesGet' };
  }
  return undefined;
}

export const mysqlxComplete = (b: Buffer) => b.length >= 4 && b.length >= 4 + b.readUInt32LE(0);
