import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suiteByName, TLS_SUITES } from '../../catalogue/cipher-suites.js';
import { candidatesFor, scanTls } from '../../probes/tls/enumerate.js';
import { offerHello } from '../../probes/tls/hello.js';
import { run } from '../lab/exec.js';
import { createLabHost, type LabHost } from '../lab/netns.js';
import { makeTlsPki } from '../lab/tls-certs.js';
import { CHECKLIST_TLS, LEGACY_TLS, startSServer, startTlsNginx } from '../lab/tls-servers.js';

// The engine's enumeration against what openssl s_client negotiates with the same servers.
const HOST = 'shop.test';

describe('suite enumeration', () => {
  let host: LabHost;
  const ep = (port: number) => ({ address: host.address, port, sni: HOST, connectMs: 2000, readMs: 5000 });

  beforeAll(async () => {
    const [h, pki] = await Promise.all([createLabHost(), makeTlsPki()]);
    host = h;
    const [rsa, ec] = await Promise.all([pki.issue('rsa', { names: [HOST] }), pki.issue('ec', { names: [HOST], key: 'ec:P-256' })]);
    await startTlsNginx(host, [
      { port: 443, ...LEGACY_TLS, certs: [rsa, ec] },
      { port: 444, ...CHECKLIST_TLS, certs: [rsa, ec], preferServerCiphers: true },
    ]);
    await Promise.all([
      startSServer(host, 8443, rsa, ['-tls1_2', '-cipher', 'ECDHE-RSA-AES256-SHA']),
      // Only P-384 for TLS 1.3: our X25519 share draws a HelloRetryRequest.
      startSServer(host, 8444, rsa, ['-tls1_3', '-groups', 'secp384r1']),
    ]);
  });
  afterAll(async () => host?.destroy());

  /** Suites s_client negotiates, one s_client per suite the local OpenSSL knows. */
  async function sClientAccepts(port: number, flag: '-tls1' | '-tls1_2' | '-tls1_3'): Promise<Set<string>> {
    const list =
      flag === '-tls1_3' ? 'TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256' : '';
    const names =
      flag === '-tls1_3'
        ? list.split(':')
        : (await run('openssl', ['ciphers', 'ALL:COMPLEMENTOFALL:@SECLEVEL=0']))
            .trim()
            .split(':')
            .filter((n) => !n.startsWith('TLS_'));
    const limit = pLimit(4);
    const accepted = new Set<string>();
    await Promise.all(
      names.map((name) =>
        limit(async () => {
          const sel = flag === '-tls1_3' ? ['-ciphersuites', name] : ['-cipher', `${name}:@SECLEVEL=0`];
          const ok = await run('openssl', ['s_client', '-connect', `${host.address}:${port}`, '-servername', HOST, flag, ...sel], { input: '' })
            .then(() => true)
            .catch(() => false);
          if (ok) accepted.add(name);
        }),
      ),
    );
    return accepted;
  }

  const opensslNames = (iana: readonly string[]) => new Set(iana.map((n) => suiteByName(n)?.openssl ?? n));

  it('finds exactly the suites openssl s_client negotiates on the legacy nginx (TLS 1.0, 1.2, 1.3)', async () => {
    const scan = await scanTls(ep(443), { protocols: ['TLSv1.0', 'TLSv1.2', 'TLSv1.3'] });
    const known = new Set((await run('openssl', ['ciphers', 'ALL:COMPLEMENTOFALL:@SECLEVEL=0'])).trim().split(':'));
    for (const [protocol, flag] of [
      ['TLSv1.0', '-tls1'],
      ['TLSv1.2', '-tls1_2'],
      ['TLSv1.3', '-tls1_3'],
    ] as const) {
      const ours = [...opensslNames(scan.protocols[protocol].accepted)].filter((n) => known.has(n) || n.startsWith('TLS_')).sort();
      expect(ours.length).toBeGreaterThan(2);
      expect(ours, protocol).toEqual([...(await sClientAccepts(443, flag))].sort());
    }
    expect(scan.protocols['TLSv1.2'].serverOrder).toBe(false);
    // Chunks run in parallel: the list is in the catalogue's order, whichever finished first.
    for (const protocol of ['TLSv1.0', 'TLSv1.2', 'TLSv1.3'] as const) {
      const order = candidatesFor(protocol).map((s) => s.name);
      const listed = scan.protocols[protocol].accepted;
      expect(listed, protocol).toEqual(order.filter((n) => listed.includes(n)));
    }
    expect(scan.handshakes).toBeGreaterThan(scan.protocols['TLSv1.2'].accepted.length);
    // Several hundred s_client runs: a minute is too short on a shared, loaded machine.
  }, 240_000);

  it('finds the only suite of a single-suite TLS 1.2 server', async () => {
    const scan = await scanTls(ep(8443));
    expect(scan.protocols['TLSv1.2']).toMatchObject({
      status: 'accepted',
      accepted: ['TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA'],
      preferred: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
    });
    for (const p of ['SSLv2', 'SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.3'] as const) expect(scan.protocols[p].status, p).toBe('refused');
  });

  it('sees the server enforce its own order and names its preferred suite', async () => {
    const scan = await scanTls(ep(444), { protocols: ['TLSv1.2'] });
    expect(scan.protocols['TLSv1.2'].serverOrder).toBe(true);
    expect(scan.protocols['TLSv1.2'].preferred).toBe(suiteByName('ECDHE-ECDSA-AES128-GCM-SHA256')?.name);
  });

  it('answers a HelloRetryRequest with the requested group', async () => {
    const tls13 = TLS_SUITES.filter((s) => s.since === 'TLSv1.3').map((s) => s.code);
    const r = await offerHello(ep(8444), { version: 'TLSv1.3', suites: tls13 });
    expect(r).toMatchObject({ outcome: 'accepted', version: 'TLSv1.3', retriedForGroup: 0x0018 });
  });
});
