import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateArea } from '../../core/evaluate.js';
import { makeTarget } from '../../core/targets.js';
import type { Verdict } from '../../core/verdict.js';
import { networkChecks } from '../../suites/network/checks.js';
import { createLabHost, dropAllExcept, type LabHost } from '../lab/netns.js';
import { LabServers } from './lab-servers.js';

// NET-01..03 against real servers: exposed backends, a cloud-style security group, a tarpit/echo host and a silent host.
describe('network exposure checks', () => {
  let backends: LabHost, sg: LabHost, tarpit: LabHost, silent: LabHost;
  const servers: LabServers[] = [];
  beforeAll(async () => {
    [backends, sg, tarpit, silent] = await Promise.all([createLabHost(), createLabHost(), createLabHost(), createLabHost()]);
    const [b, s, t] = [new LabServers(backends), new LabServers(sg), new LabServers(tarpit)];
    servers.push(b, s, t);
    await Promise.all([
      (async () => {
        await b.nginx();
        await b.redis(6379);
        await b.redis(6380, { password: 'lab-secret' });
        await b.memcached(11211);
        await b.phpFpm(9000);
      })(),
      (async () => {
        await s.nginx();
        await s.redis(3306); // something real behind the drop on a database port
        await sg.nft(dropAllExcept([80, 443]));
      })(),
      (async () => {
        await t.nginx();
        await t.tarpit([3306, 6379, 27017]);
        await t.echo([11211]);
      })(),
      silent.nft(dropAllExcept([])),
    ]);
  });
  afterAll(async () => {
    await Promise.all([backends, sg, tarpit, silent].map((h) => h?.destroy()));
    for (const s of servers) s.cleanup();
  });

  const scan = (host: LabHost) =>
    evaluateArea(networkChecks, makeTarget({ name: 'lab', url: 'https://shop.test/', address: host.address, timeouts: { connectMs: 1000 } }));
  const v = (m: Map<string, Verdict>, id: string) => m.get(id)!;

  it('exposed backends: NET-01 and NET-03 fail naming each service and its access; NET-02 passes', async () => {
    const m = await scan(backends);
    const n1 = v(m, 'NET-01');
    expect(n1.outcome).toBe('fail');
    expect(n1.message).toContain('6379 redis (Redis 7.0.15), UNAUTHENTICATED');
    expect(n1.message).toMatch(/^4 port\(s\) reachable beyond the allowed 80, 443: /);
    expect(n1.message).toContain('6380 redis, auth-required');
    expect(n1.message).toContain('11211 memcached (memcached 1.6.18), UNAUTHENTICATED');
    expect(n1.message).toContain('9000 fastcgi');
    expect(n1.message).not.toMatch(/\b(80|443) /);
    const listed = n1.evidence.map((e) => e.label);
    expect(listed).toContain('TCP 80 open: 80 http (nginx/1.22.1)');
    expect(listed).toContain('TCP 443 open: 443 https (nginx/1.22.1)');
    expect(n1.evidence.find((e) => e.address === `${backends.address}:6379`)?.facts.unauthenticated).toBe(true);

    const n3 = v(m, 'NET-03');
    expect(n3.outcome).toBe('fail');
    expect(n3.message).toMatch(/^backend port\(s\) reachable: 3 without authentication: /);
    expect(n3.message).toContain('9000 fastcgi (FastCGI (php-fpm)), UNAUTHENTICATED');
    expect(n3.message).toContain('also 6380 redis, auth-required');

    expect(v(m, 'NET-02').outcome).toBe('pass');
    expect(v(m, 'NET-02').message).toContain('3306 closed');
  });

  it('security group admitting only 80/443: every check passes, the database port behind it is filtered', async () => {
    const m = await scan(sg);
    expect(v(m, 'NET-01').outcome).toBe('pass');
    expect(v(m, 'NET-01').message).toMatch(/^only allowed ports reachable: 80 http \(nginx\/[\d.]+\); 443 https/);
    expect(v(m, 'NET-02').outcome).toBe('pass');
    expect(v(m, 'NET-02').message).toContain('3306 filtered');
    expect(v(m, 'NET-03').outcome).toBe('pass');
    expect(v(m, 'NET-03').message).toContain('6379 filtered');
  });

  it('tarpit and echo ports stay unidentified, yet reachable database and backend ports still fail', async () => {
    const m = await scan(tarpit);
    const n2 = v(m, 'NET-02');
    expect(n2.outcome).toBe('fail');
    expect(n2.message).toBe('database port(s) reachable: 3306 unidentified; 27017 unidentified');
    const n3 = v(m, 'NET-03');
    expect(n3.outcome).toBe('fail');
    expect(n3.message).toBe('backend port(s) reachable: 6379 unidentified; 11211 unidentified');
    const facts = (port: number) => v(m, 'NET-01').evidence.find((e) => e.address === `${tarpit.address}:${port}`)?.facts;
    expect(facts(3306)?.handshake).toMatch(/accepts connections but answered none of 10 probes/);
    expect(facts(11211)?.handshake).toMatch(/echoes what it is sent/);
    expect(facts(11211)?.service).toBe('unidentified');
  });

  it('an explicit port list is scanned exactly; NET-02 and NET-03 say what they could not judge', async () => {
    const m = await evaluateArea(
      networkChecks,
      makeTarget({ name: 'lab', url: 'https://shop.test/', address: backends.address, ports: { scan: [6379, 8080] }, timeouts: { connectMs: 1000 } }),
    );
    const scanned = v(m, 'NET-01').evidence[0]!.facts as { counts: { open: number; closed: number; filtered: number } };
    expect(scanned.counts.open + scanned.counts.closed + scanned.counts.filtered).toBe(4); // 6379, 8080 and the web ports 80/443
    expect(v(m, 'NET-02').outcome).toBe('not-applicable');
    expect(v(m, 'NET-03').outcome).toBe('fail');
    expect(v(m, 'NET-03').message).toContain('6379 redis');
    expect(v(m, 'NET-03').message).not.toContain('11211');
  });

  it('a host that answers nothing, not even on its web ports, is inconclusive', async () => {
    const m = await scan(silent);
    for (const id of ['NET-01', 'NET-02', 'NET-03']) {
      expect(v(m, id).outcome).toBe('inconclusive');
      expect(v(m, id).message).toMatch(/no port answered .*web ports 80\/443 included/);
    }
  });
});
