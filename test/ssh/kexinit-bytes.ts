import { createServer, type Socket } from 'node:net';
import type { Kexinit } from '../../probes/ssh/ssh-wire.js';

/** Encodes a KEXINIT payload (RFC 4253 §7.1), to derive variants of a captured one or make new ones. */
export function encodeKexinit(k: Kexinit): Buffer {
  const list = (l: readonly string[]) => {
    const s = Buffer.from(l.join(','), 'latin1');
    const n = Buffer.alloc(4);
    n.writeUInt32BE(s.length);
    return Buffer.concat([n, s]);
  };
  const lists = [k.kex, k.hostKey, k.cipherC2S, k.cipherS2C, k.macC2S, k.macS2C, k.compressionC2S, k.compressionS2C, k.languagesC2S, k.languagesS2C];
  return Buffer.concat([Buffer.from([20]), Buffer.from(k.cookie, 'hex'), ...lists.map(list), Buffer.from([0, 0, 0, 0, 0])]);
}

/** Frames a payload as an unencrypted binary packet with 4+ bytes of padding to a multiple of 8. */
export function frame(payload: Buffer): Buffer {
  let padding = 8 - ((payload.length + 5) % 8);
  if (padding < 4) padding += 8;
  const head = Buffer.alloc(5);
  head.writeUInt32BE(payload.length + padding + 1);
  head[4] = padding;
  return Buffer.concat([head, payload, Buffer.alloc(padding)]);
}

/** A KEXINIT with the same lists both ways. */
export function kexinitOf(o: { kex: string[]; hostKey: string[]; cipher: string[]; mac: string[] }): Kexinit {
  return {
    cookie: '00112233445566778899aabbccddeeff',
    kex: o.kex,
    hostKey: o.hostKey,
    cipherC2S: o.cipher,
    cipherS2C: o.cipher,
    macC2S: o.mac,
    macS2C: o.mac,
    compressionC2S: ['none'],
    compressionS2C: ['none'],
    languagesC2S: [],
    languagesS2C: [],
    firstKexPacketFollows: false,
  };
}

/**
 * A loopback server that sends an identification line and one KEXINIT, then waits for the
 * client to hang up: an SSH offer no real sshd can be configured to make.
 */
export async function startScriptedSshd(ident: string, kexinit: Kexinit): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
    s.write(Buffer.concat([Buffer.from(`${ident}\r\n`), frame(encodeKexinit(kexinit))]));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
