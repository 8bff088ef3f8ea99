import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeTrust } from '../../probes/tls/trust.js';
import { makeTlsPki, type TlsPki } from '../lab/tls-certs.js';

// HDR-06's trust decision names the host as browsers and TLS-04 do (RFC 6125), not as
// node:tls.checkServerIdentity does, which falls back to the CN when the SANs hold only IPs.
describe('probeTrust on loopback node:tls servers', () => {
  let pki: TlsPki;
  const servers: Server[] = [];
  const ports: Record<string, number> = {};

  beforeAll(async () => {
    pki = await makeTlsPki();
    const leaves = {
      named: await pki.issue('trust-named', { names: ['shop.test'] }),
      ipSanOnlyCnHit: await pki.issue('trust-ip-only', { names: [], ips: ['127.0.0.1'], subject: '/CN=shop.test' }),
    };
    for (const [name, leaf] of Object.entries(leaves)) {
      const server = createServer({ key: readFileSync(leaf.keyFile), cert: readFileSync(leaf.certFile) }, (s) => s.end());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
      ports[name] = (server.address() as { port: number }).port;
    }
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  const trust = (name: string, ca: string | null = pki.caPem) =>
    probeTrust({ address: '127.0.0.1', port: ports[name]!, sni: 'shop.test', connectMs: 1000, readMs: 3000 }, 'shop.test', ca ?? undefined);

  it('trusts a lab-CA certificate whose DNS SAN names the host', async () => {
    expect(await trust('named')).toMatchObject({ outcome: 'trusted', hostName: 'shop.test' });
  });

  it('does not trust a certificate whose SANs hold only an IP, though its CN names the host', async () => {
    const t = await trust('ipSanOnlyCnHit');
    expect(t.outcome).toBe('untrusted');
    expect(t.outcome === 'untrusted' && t.reason).toMatch(
      /^name shop\.test does not match \(shop\.test is not among the certificate's DNS SANs \(none\); its CN matches, but a CN is ignored/,
    );
  });

  it('does not trust a CA the scanner process was given through NODE_EXTRA_CA_CERTS (a CI proxy CA no customer has)', async () => {
    // With and without a CA file of the target's, and under the certificate probe's lowered
    // settings too: each builds its own context, and none may fall back on Node's default store.
    const other = await makeTlsPki();
    const ep = `{ address: '127.0.0.1', port: ${ports.named}, sni: 'shop.test', connectMs: 1000, readMs: 3000 }`;
    const script = [
      "import { probeTrust } from './probes/tls/trust.ts';",
      "import { probeCertificate } from './probes/tls/certificate.ts';",
      `const own = ${JSON.stringify(other.caPem)};`,
      'console.log(JSON.stringify([',
      `  await probeTrust(${ep}, 'shop.test', undefined),`,
      `  await probeTrust(${ep}, 'shop.test', own),`,
      `  await probeCertificate(${ep}, 'shop.test', undefined),`,
      `  await probeCertificate(${ep}, 'shop.test', own),`,
      `  await probeTrust(${ep}, 'shop.test', 'not a certificate'),`,
      ']));',
    ].join('\n');
    const { stdout } = await promisify(execFile)('node', ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: join(import.meta.dirname, '../..'),
      env: { ...process.env, NODE_EXTRA_CA_CERTS: pki.caFile },
    });
    const untrusted = { outcome: 'untrusted', reason: expect.stringMatching(/^chain not trusted/) };
    const unverified = { outcome: 'seen', trusted: false, trustError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' };
    expect(JSON.parse(stdout)).toMatchObject([untrusted, untrusted, unverified, unverified, untrusted]);
  }, 30_000);

  it("trusts by the target's CA file though the scanner process was also given another through NODE_EXTRA_CA_CERTS", async () => {
    const other = await makeTlsPki();
    const script = [
      "import { probeTrust } from './probes/tls/trust.ts';",
      "import { probeCertificate } from './probes/tls/certificate.ts';",
      `const ep = { address: '127.0.0.1', port: ${ports.named}, sni: 'shop.test', connectMs: 1000, readMs: 3000 };`,
      `const ca = ${JSON.stringify(pki.caPem)};`,
      "console.log(JSON.stringify([await probeTrust(ep, 'shop.test', ca), await probeCertificate(ep, 'shop.test', ca)]));",
    ].join('\n');
    const { stdout } = await promisify(execFile)('node', ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: join(import.meta.dirname, '../..'),
      env: { ...process.env, NODE_EXTRA_CA_CERTS: other.caFile },
    });
    expect(JSON.parse(stdout)).toMatchObject([{ outcome: 'trusted' }, { outcome: 'seen', trusted: true }]);
  }, 30_000);

  it("trusts by each probe's own CA file, though TLS contexts are kept between probes", async () => {
    const other = await makeTlsPki();
    expect((await trust('named')).outcome).toBe('trusted');
    expect(await trust('named', other.caPem)).toMatchObject({ outcome: 'untrusted', reason: expect.stringMatching(/^chain not trusted/) });
    expect(await trust('named', null)).toMatchObject({ outcome: 'untrusted', reason: expect.stringMatching(/^chain not trusted/) });
    expect((await trust('named')).outcome).toBe('trusted');
  });
});
