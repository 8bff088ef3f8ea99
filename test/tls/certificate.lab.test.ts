import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateArea } from '../../core/evaluate.js';
import { makeTarget } from '../../core/targets.js';
import { tlsChecks } from '../../suites/tls/checks.js';
import { createLabHost, type LabHost } from '../lab/netns.js';
import { makeTlsPki, type LeafSpec, type TlsPki } from '../lab/tls-certs.js';
import { CHECKLIST_TLS, startTlsNginx } from '../lab/tls-servers.js';

// TLS-04 against nginx serving one flawed certificate per port; the good one passes.
const HOST = 'shop.test';
const CASES: Record<number, { spec: LeafSpec; expect: RegExp }> = {
  8440: { spec: { names: [HOST] }, expect: /^pass: certificate CN=shop\.test trusted, matches shop\.test, \d+ days left, RSA 2048 bits, sha256WithRSAEncryption$/ },
  8441: { spec: { names: [HOST], days: -1 }, expect: /^fail: certificate problems: .*leaf expired on \d{4}-\d\d-\d\d/ },
  8442: { spec: { names: [HOST], selfSigned: true }, expect: /^fail: certificate problems: chain not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)$/ },
  8443: { spec: { names: ['other.test'] }, expect: /^fail: certificate problems: name shop\.test does not match/ },
  8444: { spec: { names: [HOST], key: 'rsa:1024' }, expect: /^fail: certificate problems: leaf key RSA 1024 bits \(< 2048\)$/ },
  8445: { spec: { names: [HOST], digest: 'sha1' }, expect: /^fail: certificate problems: leaf signed with sha1WithRSAEncryption$/ },
  8446: { spec: { names: [HOST], days: 10 }, expect: /^fail: certificate problems: leaf expires in \d days/ },
};

describe('TLS-04 certificate', () => {
  let host: LabHost;
  let pki: TlsPki;
  beforeAll(async () => {
    [host, pki] = await Promise.all([createLabHost(), makeTlsPki()]);
    const leaves = await Promise.all(Object.entries(CASES).map(([port, c]) => pki.issue(`p${port}`, c.spec)));
    // SECLEVEL=0: Debian's OpenSSL would refuse to load the 1024-bit and SHA-1 certificates.
    await startTlsNginx(
      host,
      Object.keys(CASES).map((port, i) => ({ port: Number(port), ...CHECKLIST_TLS, ciphers: `${CHECKLIST_TLS.ciphers}:@SECLEVEL=0`, certs: [leaves[i]!] })),
    );
  });
  afterAll(async () => host?.destroy());

  const check = async (port: number, caFile?: string) => {
    const t = makeTarget({ name: `cert-${port}`, url: `https://${HOST}:${port}/`, address: host.address, ...(caFile ? { caFile } : {}), timeouts: { connectMs: 2000, requestMs: 5000 } });
    const v = (await evaluateArea(tlsChecks, t, (id) => id === 'TLS-04')).get('TLS-04')!;
    return { v, text: `${v.outcome}: ${v.message}` };
  };

  for (const [port, c] of Object.entries(CASES)) {
    it(`port ${port}: ${c.expect.source.slice(1, 60)}`, async () => {
      const { v, text } = await check(Number(port), pki.caFile);
      expect(text).toMatch(c.expect);
      expect(v.evidence[0]?.address).toBe(`${host.address}:${port}`);
    });
  }

  it('fails a lab-CA certificate when the target names no caFile (system roots only)', async () => {
    const { text } = await check(8440);
    expect(text).toMatch(/^fail: certificate problems: chain not trusted \(UNABLE_TO_(VERIFY_LEAF_SIGNATURE|GET_ISSUER_CERT_LOCALLY)\)$/);
  });
});
