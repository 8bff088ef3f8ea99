import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NMAP_TOP_1000_TCP } from '../../catalogue/ports-top1000.js';
import { resolvePortSet } from '../../probes/net/port-sets.js';
import { scanPorts } from '../../probes/net/tcp-scan.js';
import { startDaemon } from '../lab/exec.js';
import { createLabHost, type LabHost } from '../lab/netns.js';

// The scanner decides like nmap -sT: connect = open, RST = closed, silence or ICMP unreachable = filtered.
describe('TCP connect scanner', () => {
  let host: LabHost;
  beforeAll(async () => {
    host = await createLabHost();
    const [cmd, args] = host.wrap('node', [
      '-e',
      "const n=require('net');for(const p of [8001,8002,8004,8005])n.createServer(s=>s.destroy()).listen(p,'0.0.0.0');setInterval(()=>{},1e6)",
    ]);
    await startDaemon(cmd, args);
    await host.waitListening(8005);
    // 8002 silently dropped, 8004 refused with ICMP host-unreachable, 8005 refused with a TCP reset by the firewall.
    await host.nft(`flush ruleset
table inet lab {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport 8002 drop
    tcp dport 8004 reject with icmpx type host-unreachable
    tcp dport 8005 reject with tcp reset
  }
}
`);
  });
  afterAll(() => host?.destroy());

  it('classifies open, closed, filtered and unreachable ports, retrying only the silent one', async () => {
    const scan = await scanPorts({ address: host.address, ports: [8001, 8002, 8003, 8004, 8005], concurrency: 4, connectMs: 1000, pilotPorts: [8001] });
    const by = Object.fromEntries(scan.results.map((r) => [r.port, r]));
    expect(by[8001]).toMatchObject({ state: 'open', reason: 'syn-ack', tries: 1 });
    expect(by[8002]).toMatchObject({ state: 'filtered', reason: 'no-response', tries: 2 });
    expect(by[8003]).toMatchObject({ state: 'closed', reason: 'reset', errno: 'ECONNREFUSED' });
    expect(by[8004]).toMatchObject({ state: 'filtered', reason: 'unreachable', errno: 'EHOSTUNREACH', tries: 1 });
    expect(by[8005]).toMatchObject({ state: 'closed', reason: 'reset' });
    expect(scan.counts).toEqual({ open: 1, closed: 2, filtered: 2, error: 0 });
    // The pilot's round trip set the timeout of the rest: the floor, far below connectMs.
    expect(scan.rtt.samples).toBeGreaterThanOrEqual(1);
    expect(scan.rtt.timeoutMs).toBeLessThan(1000);
    expect(scan.attempts).toBe(6);
  });

  it('scans a whole range with bounded concurrency and finds the open port', async () => {
    const ports = Array.from({ length: 2000 }, (_, i) => 7000 + i);
    const scan = await scanPorts({ address: host.address, ports, concurrency: 64, connectMs: 1000 });
    expect(scan.results).toHaveLength(2000);
    expect(scan.results.filter((r) => r.state === 'open').map((r) => r.port)).toEqual([8001]);
    expect(scan.results.filter((r) => r.state === 'filtered').map((r) => r.port)).toEqual([8002, 8004]);
  });
});

describe('port sets', () => {
  it("top1000 is nmap's list plus the Magento backends it misses", () => {
    expect(NMAP_TOP_1000_TCP).toHaveLength(1000);
    expect(new Set(NMAP_TOP_1000_TCP).size).toBe(1000);
    for (const p of [6379, 11211, 5672, 6082]) expect(NMAP_TOP_1000_TCP).not.toContain(p);
    const top = resolvePortSet('top1000');
    for (const p of [80, 443, 22, 3306, 6379, 11211, 5672, 6082]) expect(top).toContain(p);
  });
  it('magento covers the catalogue ports, all is 1-65535, a list is deduplicated', () => {
    const magento = resolvePortSet('magento');
    for (const p of [
      80, 443, 8080, 8443, 22, 3306, 33060, 5432, 1433, 27017, 6379, 11211, 9200, 9300, 9600, 5672, 15672, 6081, 6082, 9000, 1025, 8025, 21, 25, 465, 587, 2082,
      2083, 2086, 2087, 8083, 8880, 10000,
    ]) {
      expect(magento).toContain(p);
    }
    const all = resolvePortSet('all');
    expect([all.length, all[0], all.at(-1)]).toEqual([65535, 1, 65535]);
    expect(resolvePortSet([443, 80, 443])).toEqual([443, 80]);
  });
});
