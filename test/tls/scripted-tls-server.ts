import { createServer, type Server, type Socket } from 'node:net';
import { serverHelloRecord, alertRecord } from './wire-bytes.js';

/**
 * Loopback servers that speak just enough TLS to stand for hosts no real stack imitates:
 * - 'reset': resets the connection after every ClientHello (a port that is not really TLS);
 * - 'hello-then-close': answers a TLS 1.2 ClientHello offering `suite` with a ServerHello
 *   and hangs up, so raw hellos see a ServerHello but node:tls never completes a handshake.
 *   Other versions get protocol_version, other suites handshake_failure, SSLv2 a close.
 */
export type Script = { readonly mode: 'reset' } | { readonly mode: 'hello-then-close'; readonly suite: number; readonly renegotiationInfo: boolean };

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
  return serverHelloRecord({ version: 0x0303, suite: script.suite, extensions });
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
