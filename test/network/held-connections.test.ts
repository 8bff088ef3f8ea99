import { createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTarget } from '../../core/targets.js';
import { identifyOpenPorts, scanTargetPorts, type TargetPortScan } from '../../probes/net/exposure.js';
import { HeldConnections } from '../../probes/net/held-connections.js';
import { identifyService } from '../../probes/net/identify.js';
import { SERVICE_PROBES } from '../../probes/net/service-probes.js';
import { scanPorts } from '../../probes/net/tcp-scan.js';
import { CLIENT_IDENT } from '../../probes/ssh/ssh-offer.js';
import { encodeKexinit, frame, kexinitOf } from '../ssh/kexinit-bytes.js';

// Loopback servers that count the connections they accept: the port scan keeps an open port's
// connection for identification, so a greeting service is connected to once, not twice.

interface Counted {
  readonly port: number;
  readonly accepted: number;
  /** How each accepted connection ended, in order: "reset" (RST), "closed" (FIN) or "open". */
  readonly endings: string[];
  close(): Promise<void>;
}

const servers: Counted[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function countingServer(onConnection: (s: Socket, n: number) => void): Promise<Counted> {
  const sockets = new Set<Socket>();
  const endings: string[] = [];
  let accepted = 0;
  const server = createServer((s) => {
    const i = accepted++;
    endings[i] = 'open';
    sockets.add(s);
    s.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNRESET') endings[i] = 'reset';
    });
    s.on('end', () => {
      if (endings[i] === 'open') endings[i] = 'closed';
      s.end();
    });
    s.on('close', () => sockets.delete(s));
    onConnection(s, accepted);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const counted: Counted = {
    port: (server.address() as { port: number }).port,
    get accepted() {
      return accepted;
    },
    endings,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  servers.push(counted);
  return counted;
}

const GREETING = 'SSH-2.0-OpenSSH_9.9 lab\r\n';
const KEXINIT = kexinitOf({ kex: ['curve25519-sha256'], hostKey: ['ssh-ed25519'], cipher: ['aes128-ctr'], mac: ['hmac-sha2-256'] });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const target = makeTarget({ name: 'loop', url: 'https://shop.test/', address: '127.0.0.1', timeouts: { connectMs: 1000 } });

/** The port scan of `ports` keeping open ports' connections, as scanTargetPorts does. */
async function scanHolding(ports: number[], held = new HeldConnections({ limit: 8, holdMs: 5000, capBytes: 16_384 })): Promise<TargetPortScan> {
  const scan = await scanPorts({ address: '127.0.0.1', ports, concurrency: 4, connectMs: 1000, hold: held });
  return { address: '127.0.0.1', scan, webPorts: [], held, close: () => held.releaseAll() };
}

describe('the port scan hands an open connection to identification', () => {
  it('a greeting service is connected to once: the scan decides "open", identification reads the greeting on the same connection', async () => {
    const ssh = await countingServer((s) => s.write(GREETING));
    const portScan = await scanHolding([ssh.port]);
    expect(portScan.scan.results[0]).toMatchObject({ state: 'open', reason: 'syn-ack' });
    expect(portScan.held.ports).toEqual([ssh.port]);
    const x = await identifyOpenPorts(target, portScan);
    expect(x.open[0]!.identity).toMatchObject({ identified: true, service: 'ssh', product: 'OpenSSH_9.9', onScanConnection: true });
    expect(ssh.accepted).toBe(1);
  });

  it('a connection the server ended while held is not handed out: identification connects afresh, as before', async () => {
    const flaky = await countingServer((s, n) => (n === 1 ? s.end() : s.write(GREETING)));
    const portScan = await scanHolding([flaky.port]);
    await pause(100); // the server's FIN arrives while the connection is held
    const x = await identifyOpenPorts(target, portScan);
    expect(x.open[0]!.identity).toMatchObject({ identified: true, service: 'ssh' });
    expect(x.open[0]!.identity).not.toHaveProperty('onScanConnection');
    expect(flaky.accepted).toBe(2);
  });

  it('a held connection nobody takes is reset after holdMs, like the scan resets one at once', async () => {
    const quiet = await countingServer(() => undefined);
    const held = new HeldConnections({ limit: 8, holdMs: 150, capBytes: 1024 });
    await scanHolding([quiet.port], held);
    await pause(50);
    expect(quiet.endings).toEqual(['open']);
    await pause(300);
    expect(quiet.endings).toEqual(['reset']);
    expect(held.take(quiet.port)).toBeUndefined();
  });

  it('past the limit the scan resets at once, and identification leaves nothing held', async () => {
    const a = await countingServer(() => undefined);
    const b = await countingServer(() => undefined);
    const held = new HeldConnections({ limit: 1, holdMs: 5000, capBytes: 1024 });
    const portScan = await scanHolding([a.port, b.port], held);
    expect(held.ports).toHaveLength(1);
    await pause(50);
    expect([...a.endings, ...b.endings].sort()).toEqual(['open', 'reset']);
    portScan.close();
    await pause(50);
    expect([...a.endings, ...b.endings]).toEqual(['reset', 'reset']);
  });
});

describe('a stopped port scan keeps nothing', () => {
  it('after releaseAll, a connection the scan still finds open is reset at once', async () => {
    const late = await countingServer(() => undefined);
    const held = new HeldConnections({ limit: 8, holdMs: 5000, capBytes: 1024 });
    held.releaseAll();
    await scanHolding([late.port], held);
    expect(held.ports).toEqual([]);
    await pause(50);
    expect(late.endings).toEqual(['reset']);
  });
});

describe("the target's limits hold for kept connections", () => {
  it('keeps no more connections than ports.concurrency, the parallel connections a target allows', async () => {
    const a = await countingServer(() => undefined);
    const b = await countingServer(() => undefined);
    // Its web ports (always scanned) are the two servers too: nothing else on loopback is touched.
    const one = makeTarget({
      name: 'loop',
      url: `https://shop.test:${a.port}/`,
      http: { port: b.port },
      address: '127.0.0.1',
      ports: { scan: [a.port, b.port], concurrency: 1 },
    });
    const portScan = await scanTargetPorts(one);
    try {
      expect(portScan.scan.results.filter((r) => r.state === 'open').map((r) => r.port)).toEqual(expect.arrayContaining([a.port, b.port]));
      expect(portScan.held.ports).toHaveLength(1);
      await pause(50);
      expect([...a.endings, ...b.endings].filter((e) => e === 'open')).toHaveLength(1);
    } finally {
      portScan.close();
    }
  });
});

describe('identification reads the SSH offer on the greeting connection when asked', () => {
  const received: Buffer[] = [];
  const sshd = () =>
    countingServer((s) => {
      s.on('data', (d: Buffer) => received.push(d));
      s.write(Buffer.concat([Buffer.from(GREETING), frame(encodeKexinit(KEXINIT))]));
    });
  const opts = (port: number) => ({ address: '127.0.0.1', host: 'shop.test', port, connectMs: 1000, bannerMs: 800, replyMs: 1000 });

  it('with sshOfferMs: identification line and KEXINIT from one connection, our identification line sent', async () => {
    const server = await sshd();
    received.length = 0;
    const portScan = await scanHolding([server.port]);
    const id = await identifyService({ ...opts(server.port), kept: portScan.held.take(server.port)!, sshOfferMs: 1000 });
    expect(id).toMatchObject({ identified: true, service: 'ssh', onScanConnection: true, sshOfferOnScanConnection: true });
    expect(id.identified && id.sshOffer).toMatchObject({
      ident: { line: 'SSH-2.0-OpenSSH_9.9 lab' },
      kexinit: { kex: ['curve25519-sha256'], hostKey: ['ssh-ed25519'] },
    });
    expect(server.accepted).toBe(1);
    await pause(50); // our line crossed loopback before the KEXINIT was read; give the server's read its turn
    expect(Buffer.concat(received).toString('latin1')).toBe(CLIENT_IDENT);
  });

  it('without it: the greeting names the service and nothing more is read', async () => {
    const server = await sshd();
    received.length = 0;
    const id = await identifyService(opts(server.port));
    expect(id).toMatchObject({ identified: true, service: 'ssh' });
    expect(id).not.toHaveProperty('sshOffer');
    expect(id).not.toHaveProperty('onScanConnection');
    await pause(50);
    expect(received).toEqual([]);
  });

  it('an SSH port a request probe is tried on first (sshd on 443): the offer is read on a new connection, and says so', async () => {
    const server = await sshd();
    const portScan = await scanHolding([server.port]);
    // This port as the TLS probe's hint, as 443 is: the hinted ClientHello takes the scan's connection.
    const probes = SERVICE_PROBES.map((p) => (p.phase === 'request' && p.id === 'tls-hello' ? { ...p, ports: [server.port] } : p));
    const id = await identifyService({ ...opts(server.port), probes, kept: portScan.held.take(server.port)!, sshOfferMs: 1000 });
    expect(id).toMatchObject({ identified: true, service: 'ssh', onScanConnection: true });
    expect(id.identified && id.sshOffer?.kexinit).toBeTruthy();
    expect(id).not.toHaveProperty('sshOfferOnScanConnection');
    expect(server.accepted).toBe(2);
  });
});
