import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateAlgorithm } from '../../catalogue/ssh-algorithms.js';
import { evaluateArea } from '../../core/evaluate.js';
import { makeTarget } from '../../core/targets.js';
import { sshChecks } from '../../suites/ssh/checks.js';
import { kexinitOf, startScriptedSshd } from './kexinit-bytes.js';

// SSH-03 against loopback servers sending offers no real sshd makes: nothing the table rates,
// an empty KEXINIT, unrated names next to rated ones, and obsolete names the table learnt.
const IDENT = 'SSH-2.0-Scripted_1.0';
const SOUND = { kex: ['curve25519-sha256'], hostKey: ['ssh-ed25519'], cipher: ['aes256-gcm@openssh.com'], mac: ['hmac-sha2-256-etm@openssh.com'] };
const OFFERS = {
  unratedOnly: kexinitOf({ kex: ['frobnicate-kex@example.com'], hostKey: ['x-sign-weird'], cipher: ['rot13-ctr'], mac: ['crc32-mac'] }),
  empty: kexinitOf({ kex: [], hostKey: [], cipher: [], mac: [] }),
  markersOnly: kexinitOf({ ...SOUND, kex: ['ext-info-s', 'kex-strict-s-v00@openssh.com'] }),
  partlyUnrated: kexinitOf({ ...SOUND, cipher: ['aes256-gcm@openssh.com', 'rot13-ctr'] }),
  obsolete: kexinitOf({
    ...SOUND,
    hostKey: ['ssh-ed25519', 'x509v3-sign-dss'],
    cipher: ['aes256-gcm@openssh.com', 'des-cbc'],
    mac: ['hmac-sha2-256-etm@openssh.com', 'umac-32@openssh.com'],
  }),
  sound: kexinitOf(SOUND),
};

describe('SSH-03 on scripted offers', () => {
  const servers: Record<string, { port: number; close(): Promise<void> }> = {};
  beforeAll(async () => {
    for (const [name, k] of Object.entries(OFFERS)) servers[name] = await startScriptedSshd(IDENT, k);
  });
  afterAll(async () => {
    await Promise.all(Object.values(servers).map((s) => s.close()));
  });

  const ssh03 = async (name: keyof typeof OFFERS) => {
    const t = makeTarget({
      name,
      url: 'https://shop.test/',
      address: '127.0.0.1',
      ssh: { port: servers[name]!.port },
      timeouts: { connectMs: 1000, requestMs: 2000 },
    });
    const v = (await evaluateArea(sshChecks, t, (id) => id === 'SSH-03')).get('SSH-03')!;
    return { v, text: `${v.outcome}: ${v.message}` };
  };

  it('an offer of only unrated algorithms is inconclusive and names each one', async () => {
    const { v, text } = await ssh03('unratedOnly');
    expect(text).toBe(
      'inconclusive: no SSH algorithm the rating table knows in kex: only unrated frobnicate-kex@example.com; hostKey: only unrated x-sign-weird; cipher: only unrated rot13-ctr; mac: only unrated crc32-mac',
    );
    expect(v.evidence[0]!.facts.unrated).toEqual(['kex frobnicate-kex@example.com', 'hostKey x-sign-weird', 'cipher rot13-ctr', 'mac crc32-mac']);
  });

  it('an empty KEXINIT is inconclusive, never a pass', async () => {
    const { text } = await ssh03('empty');
    expect(text).toBe(
      'inconclusive: no SSH algorithm the rating table knows in kex: none offered; hostKey: none offered; cipher: none offered; mac: none offered',
    );
  });

  it('a key exchange list of extension markers alone leaves key exchange unjudged', async () => {
    expect((await ssh03('markersOnly')).text).toBe(
      'inconclusive: no SSH algorithm the rating table knows in kex: only extension markers ext-info-s, kex-strict-s-v00@openssh.com',
    );
  });

  it('passes a sound offer but lists what it could not rate', async () => {
    expect((await ssh03('sound')).text).toBe('pass: no weak SSH algorithm offered (4 strong, 0 acceptable); no Terrapin-affected mode offered');
    const { v, text } = await ssh03('partlyUnrated');
    expect(text).toBe('pass: no weak SSH algorithm offered (4 strong, 0 acceptable); no Terrapin-affected mode offered; not in the rating table: rot13-ctr');
    expect(v.evidence[0]!.facts.unrated).toEqual(['cipher rot13-ctr']);
  });

  it('fails the obsolete algorithms the table now knows (des-cbc, x509v3-sign-dss, umac-32)', async () => {
    const { text } = await ssh03('obsolete');
    expect(text).toMatch(/^fail: weak SSH algorithms offered: /);
    for (const s of ['x509v3-sign-dss (DSA', 'des-cbc (single DES', 'umac-32@openssh.com (tag of 64 bits or fewer)']) expect(text).toContain(s);
  });
});

describe('rating table', () => {
  it('rates GSS-API key exchange by family, whatever the mechanism suffix', () => {
    expect(rateAlgorithm('kex', 'gss-group14-sha1-toWM5Slw5Ew8Mqkay+al2g==')?.rating).toBe('weak');
    expect(rateAlgorithm('kex', 'gss-group1-sha1-eipGX3TCiQSrx573bT1o1Q==')?.why).toMatch(/1024-bit/);
    expect(rateAlgorithm('kex', 'gss-curve25519-sha256-toWM5Slw5Ew8Mqkay+al2g==')?.rating).toBe('strong');
    expect(rateAlgorithm('kex', 'gss-group14-sha1')).toBeUndefined();
  });
});
