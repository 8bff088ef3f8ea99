/** SSH transport wire formats (RFC 4253) needed to read a server's offer: identification line, binary packet, KEXINIT. */

export interface SshIdentification {
  /** The whole line without CR LF, e.g. "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3". */
  readonly line: string;
  readonly protoVersion: string;
  readonly software: string;
  readonly comments?: string;
  /** Lines the server sent before its identification (RFC 4253 §4.2 allows them). */
  readonly preamble: readonly string[];
}

const MAX_IDENT_LINE = 255;

/** Finds the identification line; returns it and the bytes after it, or undefined if not (yet) complete. */
export function parseIdentification(b: Buffer): { ident: SshIdentification; rest: Buffer } | undefined {
  const preamble: string[] = [];
  let at = 0;
  while (at < b.length) {
    const nl = b.indexOf(0x0a, at);
    if (nl < 0) return undefined;
    const line = b.subarray(at, nl).toString('latin1').replace(/\r$/, '');
    at = nl + 1;
    if (!line.startsWith('SSH-')) {
      preamble.push(line.slice(0, MAX_IDENT_LINE));
      continue;
    }
    const m = /^SSH-(\d+\.\d+)-([^ ]+)(?: (.*))?$/.exec(line.slice(0, MAX_IDENT_LINE));
    if (!m) return undefined;
    const ident: SshIdentification = { line, protoVersion: m[1]!, software: m[2]!, ...(m[3] ? { comments: m[3] } : {}), preamble };
    return { ident, rest: b.subarray(at) };
  }
  return undefined;
}

/** Largest packet we accept: a KEXINIT is a few kB; anything far larger is not SSH. */
const MAX_PACKET = 35_000;

/** One unencrypted binary packet: uint32 length, byte padding length, payload, padding. */
export function parseBinaryPacket(b: Buffer): { payload: Buffer; size: number } | 'incomplete' | 'invalid' {
  if (b.length < 5) return 'incomplete';
  const length = b.readUInt32BE(0);
  const padding = b[4]!;
  if (length < 5 || length > MAX_PACKET || padding < 4 || padding >= length) return 'invalid';
  if (b.length < 4 + length) return 'incomplete';
  return { payload: b.subarray(5, 4 + length - padding), size: 4 + length };
}

export const SSH_MSG_KEXINIT = 20;

/** The server's algorithm offer, in its own preference order. */
export interface Kexinit {
  readonly cookie: string;
  readonly kex: readonly string[];
  readonly hostKey: readonly string[];
  readonly cipherC2S: readonly string[];
  readonly cipherS2C: readonly string[];
  readonly macC2S: readonly string[];
  readonly macS2C: readonly string[];
  readonly compressionC2S: readonly string[];
  readonly compressionS2C: readonly string[];
  readonly languagesC2S: readonly string[];
  readonly languagesS2C: readonly string[];
  readonly firstKexPacketFollows: boolean;
}

/** Parses a KEXINIT payload (message 20); throws with the reason on malformed input. */
export function parseKexinit(payload: Buffer): Kexinit {
  if (payload[0] !== SSH_MSG_KEXINIT) throw new Error(`expected KEXINIT (20), got message ${payload[0]}`);
  if (payload.length < 17 + 10 * 4 + 5) throw new Error('KEXINIT too short');
  let at = 17;
  const nameList = (): string[] => {
    if (at + 4 > payload.length) throw new Error('KEXINIT truncated');
    const len = payload.readUInt32BE(at);
    at += 4;
    if (at + len > payload.length) throw new Error('KEXINIT name-list overruns the packet');
    const text = payload.subarray(at, at + len).toString('latin1');
    at += len;
    if (/[^\x21-\x7e]/.test(text)) throw new Error('KEXINIT name-list holds non-printable bytes');
    return text ? text.split(',') : [];
  };
  const lists = Array.from({ length: 10 }, nameList);
  if (at + 5 > payload.length) throw new Error('KEXINIT truncated');
  const [kex, hostKey, cipherC2S, cipherS2C, macC2S, macS2C, compressionC2S, compressionS2C, languagesC2S, languagesS2C] = lists as [
    string[],
    string[],
    string[],
    string[],
    string[],
    string[],
    string[],
    string[],
    string[],
    string[],
  ];
  return {
    cookie: payload.subarray(1, 17).toString('hex'),
    kex,
    hostKey,
    cipherC2S,
    cipherS2C,
    macC2S,
    macS2C,
    compressionC2S,
    compressionS2C,
    languagesC2S,
    languagesS2C,
    firstKexPacketFollows: payload[at] !== 0,
  };
}
