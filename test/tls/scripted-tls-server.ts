import { createServer, type Server, type Socket } from 'node:net';
import { alertRecord, serverHelloRecord } from './wire-bytes.js';

/**
 * Loopback servers that speak just enough TLS to stand for hosts no real stack imitates:
 * - 'reset': resets the connection after every ClientHello (a port that is not really TLS);
 * - 'hello-then-close': answers a TLS 1.2 ClientHello offering `suite` with a ServerHello
 *   and hangs up, so raw hellos see a ServerHello but node:tls never completes a handshake.
 *   With `certificates`, a Certificate message and ServerHelloDone follow the ServerHello.
 *   Other versions get protocol_version, other suites handshake_failure, SSLv2 a close.
 */
export type Script =
  | { readonly mode: 'reset' }
  | {
      readonly mode: 'hello-then-close';
      readonly suite: number;
      readonly renegotiationInfo: boolean;
      /** DER certificates sent after the ServerHello (with a ServerHelloDone), leaf first. */
      readonly certificates?: readonly Buffer[];
    };

interface ClientHello {
  readonly version: number;
  readonly suites: readonly number[];
}

/** The ClientHello in the first record, or undefined until the record is complete. */
function readClientHello(b: Buffer): ClientHello | 'not-tls' | undefined {
  if (b.length < 5) return undefined;
  if (b[0] !== 22) return 'not-tls';
  const len = b.readUInt16BE(3);
  if (b.length < 5 + len) return undefined;
  const body = b.subarray(9, 5 + len);
  const version = body.readUInt16BE(0);
  let at = 2 + 32;
  at += 1 + body[at]!;
  const suitesLen = body.readUInt16BE(at);
  const suites: number[] = [];
  for (let i = 0; i < suitesLen; i += 2) suites.push(body.readUInt16BE(at + 2 + i));
  return { version, suites };
}

function answer(script: Script, hello: ClientHello): Buffer {
  if (script.mode !== 'hello-then-close') throw new Error('unreachable');
  if (hello.version !== 0x0303) return alertRecord(2, 70, hello.version);
  if (!hello.suites.includes(script.suite)) return alertRecord(2, 40);
  const extensions = script.renegotiationInfo ? [{ type: 0xff01, data: Buffer.from([0]) }] : [];
  const serverHello = serverHelloRecord({ version: 0x0303, suite: script.suite, extensions });
  if (!script.certificates) return serverHello;
  const u24 = (n: number) => Buffer.from([n >> 16, (n >> 8) & 0xff, n & 0xff]);
  const list = Buffer.concat(script.certificates.map((c) => Buffer.concat([u24(c.length), c])));
  const messages = Buffer.concat([Buffer.from([11]), u24(list.length + 3), u24(list.length), list, Buffer.from([14, 0, 0, 0])]);
  // Handshake messages split over records of at most 16 kB (RFC 5246 §6.2.1).
  const records: Buffer[] = [];
  for (let at = 0; at < messages.length; at += 16384) {
    const chunk = messages.subarray(at, at + 16384);
    records.push(Buffer.from([22, 3, 3, chunk.length >> 8, chunk.length & 0xff]), chunk);
  }
  return Buffer.concat([serverHello, ...records]);
}

export async function startScriptedTls(script: Script): Promise<{ port: number; server: Server; close(): Promise<void> }> {
  const server = createServer((socket: Socket) => {
    let got = Buffer.alloc(0);
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      if (script.mode === 'reset') return void socket.resetAndDestroy();
      got = Buffer.concat([got, chunk]);
      const hello = readClientHello(got);
      if (hello === undefined) return;
      if (hello === 'not-tls') return void socket.end();
      socket.end(answer(script, hello));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { port, server, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
