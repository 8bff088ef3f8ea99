import { readFileSync } from 'node:fs';
import { createServer as createTcpServer, type Socket, type Server as TcpServer } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../core/engine.js';
import { makeTarget } from '../../core/targets.js';
import { exposureOf, portScanOf } from '../../suites/network/exposure-fact.js';
import { tlsScan } from '../../suites/tls/facts.js';
import { makeLabCertificate } from '../lab/pki.js';

// A target whose checks are ended (done, budget spent, a signal) sends nothing more: a port
// scan or TLS enumeration still in flight opens no new connection. Loopback servers count what
// they accept.

const servers: (TcpServer | TlsServer)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function listening<S extends TcpServer | TlsServer>(server: S): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as { port: number }).port;
}

describe('a stopped engine sends nothing more', () => {
  it('destroy() aborts ctx.stopped', async () => {
    const engine = createEngine(makeTarget({ name: 'shop', url: 'https://shop.test/' }));
    expect(engine.stopped.aborted).toBe(false);
    await engine.destroy();
    expect(engine.stopped.aborted).toBe(true);
  });

  it('a port scan in flight connects to no further port, and resets what it kept', async () => {
    const accepted: Socket[] = [];
    const ports: number[] = [];
    let stop: () => void = () => undefined;
    // The target is stopped the moment the first of its twelve open ports is connected to.
    const onConnection = (s: Socket) => {
      accepted.push(s.on('error', () => undefined));
      if (accepted.length === 1) stop();
    };
    for (let i = 0; i < 12; i++) ports.push(await listening(createTcpServer(onConnection)));
    // One connection at a time after the two web ports (pilots, together).
    const target = makeTarget({
      name: 'shop',
      url: `https://shop.test:${ports[0]}/`,
      http: { port: ports[1]! },
      address: '127.0.0.1',
      ports: { scan: ports, concurrency: 1 },
    });
    const engine = createEngine(target);
    stop = () => void engine.destroy();
    await expect(portScanOf(engine)).rejects.toThrow();
    await pause(100);
    // What was in flight may land (the pilots, one more); all twelve without the stop.
    expect(accepted.length).toBeLessThanOrEqual(4);
    expect(accepted.every((s) => s.destroyed)).toBe(true);
  });

  it('service identification in flight opens no further connection (a silent port: no probe after the stop)', async () => {
    let connections = 0;
    const port = await listening(createTcpServer((s) => void s.on('error', () => undefined)));
    servers.at(-1)!.on('connection', () => connections++);
    // The silent port is its only port; identification listens 0.5 s for a greeting, then would try ~10 probes at once.
    const target = makeTarget({
      name: 'shop',
      url: `https://shop.test:${port}/`,
      http: { port },
      address: '127.0.0.1',
      ports: { scan: [port] },
      timeouts: { connectMs: 500 },
    });
    const engine = createEngine(target);
    const exposure = exposureOf(engine);
    while (connections < 1) await pause(1);
    await pause(100);
    const atStop = connections;
    await engine.destroy();
    await exposure.catch(() => undefined);
    await pause(1_000);
    expect(connections).toBe(atStop);
  });

  it('a TLS enumeration in flight sends no further ClientHello', async () => {
    const cert = await makeLabCertificate(['shop.test']);
    let connections = 0;
    const tls = createTlsServer({ key: readFileSync(cert.keyFile), cert: readFileSync(cert.certFile) }, (s) => s.end());
    tls.on('connection', () => connections++);
    const port = await listening(tls);
    const engine = createEngine(makeTarget({ name: 'shop', url: `https://shop.test:${port}/`, address: '127.0.0.1' }));
    const scan = tlsScan(engine);
    while (connections < 2) await pause(1);
    await engine.destroy();
    const atStop = connections;
    await expect(scan).rejects.toThrow();
    await pause(200);
    // Handshakes already in flight may land (4 at once); none is started after the stop.
    expect(connections - atStop).toBeLessThanOrEqual(4);
    expect(connections).toBeLessThan(20);
  });
});
