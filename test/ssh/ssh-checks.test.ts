import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateArea } from '../../core/evaluate.js';
import { makeTarget } from '../../core/targets.js';
import type { Verdict } from '../../core/verdict.js';
import { sshChecks } from '../../suites/ssh/checks.js';
import { createLabHost, dropPorts, type LabHost } from '../lab/netns.js';
import { SSHD_LEGACY, SSHD_MODERN, startSshd } from './sshd-lab.js';

// Three real OpenSSH servers: legacy (passwords, SHA-1/CBC/MD5), modern key-only, and one behind a DROP on port 22.
describe('SSH checks against real sshd', () => {
  let legacy: LabHost, modern: LabHost, dropped: LabHost;
  const stops: (() => void)[] = [];
  beforeAll(async () => {
    [legacy, modern, dropped] = await Promise.all([createLabHost(), createLabHost(), createLabHost()]);
    stops.push(await startSshd(legacy, SSHD_LEGACY), await startSshd(modern, SSHD_MODERN), await startSshd(dropped, SSHD_MODERN));
    await dropped.nft(dropPorts([22]));
  });
  afterAll(async () => {
    for (const stop of stops) stop();
    await Promise.all([legacy, modern, dropped].map((h) => h?.destroy()));
  });

  const scan = (host: LabHost, extra: { ssh?: { allowedFromHere: boolean } } = {}) =>
    evaluateArea(sshChecks, makeTarget({ name: 'lab', url: 'https://shop.test/', address: host.address, timeouts: { connectMs: 800 }, ...extra }));
  const v = (m: Map<string, Verdict>, id: string) => m.get(id)!;

  it('legacy server: reachable, passwords and keyboard-interactive offered, weak algorithms offered', async () => {
    const m = await scan(legacy);
    expect(v(m, 'SSH-01').outcome).toBe('fail');
    expect(v(m, 'SSH-01').message).toContain('SSH-2.0-OpenSSH_9.2p1');
    expect(v(m, 'SSH-02').outcome).toBe('fail');
    expect(v(m, 'SSH-02').message).toMatch(/password and keyboard-interactive/);
    const s3 = v(m, 'SSH-03');
    expect(s3.outcome).toBe('fail');
    for (const weak of [
      'diffie-hellman-group1-sha1',
      'diffie-hellman-group14-sha1',
      '3des-cbc',
      'aes128-cbc',
      'hmac-md5',
      'hmac-sha1',
      'umac-64@openssh.com',
      'ssh-rsa',
    ]) {
      expect(s3.message).toContain(weak);
    }
    // Debian's 9.2p1 has the strict-kex backport: chacha20 and CBC-EtM are offered but Terrapin is mitigated.
    expect(s3.message).toContain('Terrapin mitigated by strict kex');
    expect(s3.evidence[0]!.address).toBe(`${legacy.address}:22`);
  });

  it('modern key-only server: reachable (fails SSH-01), publickey only, no weak algorithm', async () => {
    const m = await scan(modern);
    expect(v(m, 'SSH-01').outcome).toBe('fail');
    expect(v(m, 'SSH-02').outcome).toBe('pass');
    expect(v(m, 'SSH-02').message).toContain('publickey');
    expect(v(m, 'SSH-03').outcome).toBe('pass');
    expect(v(m, 'SSH-03').evidence[0]!.facts.kex).toContain('curve25519-sha256');
  });

  it('a bastion path allowed from here passes SSH-01 with a note', async () => {
    const m = await scan(modern, { ssh: { allowedFromHere: true } });
    expect(v(m, 'SSH-01').outcome).toBe('pass');
    expect(v(m, 'SSH-01').message).toContain('allowedFromHere');
  });

  it('port 22 dropped: SSH-01 passes as filtered, SSH-02/03 not applicable', async () => {
    const m = await scan(dropped);
    expect(v(m, 'SSH-01').outcome).toBe('pass');
    expect(v(m, 'SSH-01').message).toMatch(/filtered \(no answer to 2 connection attempts\)/);
    expect(v(m, 'SSH-02').outcome).toBe('not-applicable');
    expect(v(m, 'SSH-03').outcome).toBe('not-applicable');
  });

  it('nothing listening: SSH-01 passes as closed (reset)', async () => {
    const m = await evaluateArea(sshChecks, makeTarget({ name: 'lab', url: 'https://shop.test/', address: modern.address, ssh: { port: 2222 } }));
    expect(v(m, 'SSH-01').outcome).toBe('pass');
    expect(v(m, 'SSH-01').message).toContain('closed (connection reset');
    expect(v(m, 'SSH-02').outcome).toBe('not-applicable');
  });
});
