import { readFileSync } from 'node:fs';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { identifyService } from '../../probes/net/identify.js';
import { readSshOffer } from '../../probes/ssh/ssh-offer.js';
import { probeCertificate } from '../../probes/tls/certificate.js';
import { converse } from '../../probes/tls/connection.js';
import { offerHello } from '../../probes/tls/hello.js';
import { readRawCertificates } from '../../probes/tls/raw-certificate.js';
import { parseTlsAnswer } from '../../probes/tls/server-hello.js';
import { probeTrust } from '../../probes/tls/trust.js';
import { makeTlsPki } from '../lab/tls-certs.js';
import { kexinitOf, startScriptedSshd } from '../ssh/kexinit-bytes.js';
import { serverHelloRecord } from './wire-bytes.js';

// CHECKS.md: a bug of ours is an internal error (exit 4), never a verdict. A parser that throws a
// TypeError (injected here by wrapping the real module) must reject the probe's promise, so runCheck
// reports CheckCrashed; garbage from the target stays inconclusive.
const inject = vi.hoisted(() => ({ on: false }));
const boom = () => {
  throw new TypeError('injected bug');
};
vi.mock('../../probes/tls/server-name.js', async (orig) => {
  const m = await orig<typeof import('../../probes/tls/server-name.js')>();
  return { ...m, matchServerName: (...a: Parameters<typeof m.matchServerName>) => (inject.on ? boom() : m.matchServerName(...a)) };
});
vi.mock('../../probes/tls/server-hello.js', async (orig) => {
  const m = await orig<typeof import('../../probes/tls/server-hello.js')>();
  return {
    ...m,
    parseTlsAnswer: (...a: Parameters<typeof m.parseTlsAnswer>) => (inject.on ? boom() : m.parseTlsAnswer(...a)),
    parseServerHelloBody: (...a: Parameters<typeof m.parseServerHelloBody>) => (inject.on ? boom() : m.parseServerHelloBody(...a)),
  };
});
vi.mock('../../probes/ssh/ssh-wire.js', async (orig) => {
  const m = await orig<typeof import('../../probes/ssh/ssh-wire.js')>();
  return { ...m, parseKexinit: (...a: Parameters<typeof m.parseKexinit>) => (inject.on ? boom() : m.parseKexinit(...a)) };
});

const servers: { close(cb: () => void): unknown }[] = [];
const listen = async (server: TcpServer): Promise<number> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return (server.address() as { port: number }).port;
};
const ep = (port: number) => ({ address: '127.0.0.1', port, sni: 'shop.test', connectMs: 1000, readMs: 1500 });
const withBug = async <T>(p: () => Promise<T>): Promise<T> => {
  inject.on = true;
  try {
    return await p();
  } finally {
    inject.on = false;
  }
};

let tlsPort = 0;
let garbagePort = 0;
let helloPort = 0;
let caPem = '';

beforeAll(async () => {
  const pki = await makeTlsPki();
  caPem = pki.caPem;
  const leaf = await pki.issue('internal-errors', { names: ['shop.test'] });
  tlsPort = await listen(createTlsServer({ key: readFileSync(leaf.keyFile), cert: readFileSync(leaf.certFile) }, (s) => s.end()));
  // Answers any hello with bytes that are no TLS at all.
  garbagePort = await listen(createTcpServer((s) => s.once('data', () => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'))));
  // Answers with a TLS 1.2 ServerHello (and nothing more).
  helloPort = await listen(createTcpServer((s) => s.once('data', () => s.write(serverHelloRecord({ version: 0x0303, suite: 0xc02f })))));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

describe('a bug of ours while reading the answer rejects the probe (an internal error)', () => {
  it('converse rejects with the TypeError its step threw, and files a parser Malformed as garbage', async () => {
    await expect(converse(ep(garbagePort), Buffer.from('hi'), () => boom())).rejects.toThrow(TypeError);
    const end = await converse(ep(garbagePort), Buffer.from('hi'), (b) => (parseTlsAnswer(b) ? { done: true } : { need: true }));
    expect(end).toMatchObject({ kind: 'garbage', detail: expect.stringMatching(/^not a TLS record/) });
  });

  it('offerHello rejects on the bug, and is inconclusive on a garbage answer', async () => {
    await expect(withBug(() => offerHello(ep(helloPort), { version: 'TLSv1.2', suites: [0xc02f] }))).rejects.toThrow('injected bug');
    expect(await offerHello(ep(helloPort), { version: 'TLSv1.2', suites: [0xc02f] })).toMatchObject({ outcome: 'accepted', suite: 0xc02f });
    expect(await offerHello(ep(garbagePort), { version: 'TLSv1.2', suites: [0xc02f] })).toMatchObject({
      outcome: 'inconclusive',
      reason: expect.stringMatching(/^unparseable answer/),
    });
  });

  it('readRawCertificates rejects on the bug, and reads no certificate from garbage', async () => {
    await expect(withBug(() => readRawCertificates(ep(helloPort), 'TLSv1.2', [0xc02f]))).rejects.toThrow(TypeError);
    expect(await readRawCertificates(ep(garbagePort), 'TLSv1.2', [0xc02f])).toMatchObject({
      outcome: 'none',
      reason: expect.stringMatching(/^unreadable answer: not a TLS record/),
    });
  });

  it('probeCertificate and probeTrust reject on the bug, and are inconclusive on garbage', async () => {
    await expect(withBug(() => probeCertificate(ep(tlsPort), 'shop.test', caPem))).rejects.toThrow('injected bug');
    await expect(withBug(() => probeTrust(ep(tlsPort), 'shop.test', caPem))).rejects.toThrow('injected bug');
    expect(await probeCertificate(ep(tlsPort), 'shop.test', caPem)).toMatchObject({ outcome: 'seen', trusted: true });
    expect(await probeTrust(ep(tlsPort), 'shop.test', caPem)).toMatchObject({ outcome: 'trusted' });
    expect(await probeCertificate(ep(garbagePort), 'shop.test', caPem)).toMatchObject({ outcome: 'inconclusive' });
    expect(await probeTrust(ep(garbagePort), 'shop.test', caPem)).toMatchObject({ outcome: 'undecided' });
  });

  it('readSshOffer rejects on a KEXINIT parser bug, and reports garbage as a problem', async () => {
    const sshd = await startScriptedSshd(
      'SSH-2.0-OpenSSH_9.6',
      kexinitOf({ kex: ['curve25519-sha256'], hostKey: ['ssh-ed25519'], cipher: ['aes128-ctr'], mac: ['hmac-sha2-256'] }),
    );
    servers.push({ close: (cb) => void sshd.close().then(cb) });
    await expect(withBug(() => readSshOffer('127.0.0.1', sshd.port, 1000, 1500))).rejects.toThrow(TypeError);
    expect(await readSshOffer('127.0.0.1', sshd.port, 1000, 1500)).toMatchObject({ kexinit: { kex: ['curve25519-sha256'] } });
    const garbage = await readSshOffer('127.0.0.1', garbagePort, 1000, 300);
    expect(garbage.kexinit).toBeUndefined();
    expect(garbage.problem).toBe('no identification within 300 ms (timeout)');
  });

  it('identifyService rejects when a banner matcher breaks, and reports a silent port as unidentified', async () => {
    const greeter = await listen(createTcpServer((s) => s.write('220 hello\r\n')));
    const opts = { address: '127.0.0.1', host: 'shop.test', connectMs: 1000, bannerMs: 300, replyMs: 300 };
    await expect(identifyService({ ...opts, port: greeter, probes: [{ id: 'broken', phase: 'banner', match: () => boom() }] })).rejects.toThrow(TypeError);
    expect(await identifyService({ ...opts, port: greeter, probes: [{ id: 'none', phase: 'banner', match: () => undefined }] })).toMatchObject({
      identified: false,
    });
  });
});
