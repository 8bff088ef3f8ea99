import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateArea } from '../../core/evaluate.js';
import { makeTarget } from '../../core/targets.js';
import { tlsChecks } from '../../suites/tls/checks.js';
import { createLabHost, type LabHost } from '../lab/netns.js';
import { type LeafSpec, makeTlsPki, type TlsPki } from '../lab/tls-certs.js';
import { CHECKLIST_TLS, startSServer, startTlsNginx } from '../lab/tls-servers.js';

// TLS-04 against nginx serving one flawed certificate per port; the good one passes.
const HOST = 'shop.test';
const MANY_NAMES = (n: number) => Array.from({ length: n }, (_, i) => `host-${i}.${HOST}`);
const CASES: Record<number, { spec: LeafSpec; expect: RegExp }> = {
  8440: {
    spec: { names: [HOST] },
    expect: /^pass: certificate CN=shop\.test trusted, matches shop\.test, \d+ days left, RSA 2048 bits, sha256WithRSAEncryption$/,
  },
  8441: { spec: { names: [HOST], days: -1 }, expect: /^fail: certificate problems: .*leaf expired on \d{4}-\d\d-\d\d/ },
  8442: { spec: { names: [HOST], selfSigned: true }, expect: /^fail: certificate problems: chain not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)$/ },
  8443: { spec: { names: ['other.test'] }, expect: /^fail: certificate problems: name shop\.test does not match/ },
  8444: { spec: { names: [HOST], key: 'rsa:1024' }, expect: /^fail: certificate problems: leaf key RSA 1024 bits \(< 2048\)$/ },
  8445: { spec: { names: [HOST], digest: 'sha1' }, expect: /^fail: certificate problems: leaf signed with sha1WithRSAEncryption$/ },
  8446: { spec: { names: [HOST], days: 10 }, expect: /^fail: certificate problems: leaf expires in \d days/ },
  // Certificates as they come: empty subject with a critical SAN (RFC 5280 §4.1.2.6), unusual keys, long chains, many names.
  8447: {
    spec: { names: [HOST], subject: '/' },
    expect: /^pass: certificate with empty subject, SAN DNS:shop\.test trusted, matches shop\.test, \d+ days left, RSA 2048 bits/,
  },
  8448: {
    spec: { names: [HOST], key: 'ed25519' },
    expect: /^pass: certificate CN=shop\.test trusted, matches shop\.test, \d+ days left, ED25519 256 bits, sha256WithRSAEncryption$/,
  },
  8449: { spec: { names: [HOST], intermediates: 10 }, expect: /^pass: certificate CN=shop\.test trusted, matches shop\.test/ },
  8450: { spec: { names: [...MANY_NAMES(3000), HOST] }, expect: /^pass: certificate CN=host-0\.shop\.test trusted, matches shop\.test/ },
  8451: { spec: { names: [HOST], key: 'ec:P-521' }, expect: /^pass: certificate CN=shop\.test trusted, matches shop\.test, \d+ days left, EC 521 bits/ },
  8452: { spec: { names: [HOST], key: 'rsa-pss' }, expect: /^pass: certificate CN=shop\.test trusted, matches shop\.test, \d+ days left, RSA-PSS 2048 bits/ },
  // RFC 6125 §6.4.4: a SAN is present, so the CN that names the host does not count.
  8453: {
    spec: { names: ['other.test'], subject: `/CN=${HOST}` },
    expect:
      /^fail: certificate problems: name shop\.test does not match \(shop\.test is not among the certificate's DNS SANs \(DNS:other\.test\); its CN matches, but a CN is ignored/,
  },
  // More names than node:tls takes in one Certificate message (OpenSSL's 100 kB max_cert_list): the raw TLS 1.2 handshake shows why.
  8454: {
    spec: { names: [HOST, ...MANY_NAMES(10000)] },
    expect:
      /^fail: certificate problems seen in the raw TLS 1\.2 handshake \(TLS_\w+\), where node:tls could not complete a handshake \(ERR_SSL_EXCESSIVE_MESSAGE_SIZE\): Certificate message of \d{6} bytes, over the 102400 OpenSSL-based clients accept \(max_cert_list\)$/,
  },
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
    await startSServer(host, 8460, await pki.issue('dsa', { names: [HOST], key: 'dsa:2048' }), ['-tls1_2', '-cipher', 'DHE-DSS-AES128-GCM-SHA256:@SECLEVEL=0']);
  });
  afterAll(async () => host?.destroy());

  const check = async (port: number, caFile?: string) => {
    const t = makeTarget({
      name: `cert-${port}`,
      url: `https://${HOST}:${port}/`,
      address: host.address,
      ...(caFile ? { caFile } : {}),
      timeouts: { connectMs: 2000, requestMs: 5000 },
    });
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

  it('keeps the whole chain of ten intermediates and counts every SAN of a 3001-name leaf', async () => {
    const chain = (await check(8449, pki.caFile)).v.evidence[0]!.facts.chain as { issuer: string }[];
    // Leaf, ten intermediates, and the lab root node:tls verified them against.
    expect(chain).toHaveLength(12);
    expect(chain.map((c) => c.issuer)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `CN=p8449 intermediate ${10 - i}`),
      'CN=mageprobe TLS lab CA',
      'CN=mageprobe TLS lab CA',
    ]);
    const [leaf] = (await check(8450, pki.caFile)).v.evidence[0]!.facts.chain as { subjectAltNameCount: number; subjectAltName: string }[];
    expect(leaf!.subjectAltNameCount).toBe(3001);
    expect(leaf!.subjectAltName).toMatch(/, … 2901 more$/);
  });

  it('fails a DSA leaf served by openssl s_server (TLS 1.2, DHE-DSS): judged, not thrown', async () => {
    const { text } = await check(8460, pki.caFile);
    expect(text).toBe('fail: certificate problems: leaf key DSA: TLS 1.3 has no DSA signature scheme (RFC 8446 §4.2.3) and browsers removed DSA');
  });

  it('fails a lab-CA certificate when the target names no caFile (system roots only)', async () => {
    const { text } = await check(8440);
    expect(text).toMatch(/^fail: certificate problems: chain not trusted \(UNABLE_TO_(VERIFY_LEAF_SIGNATURE|GET_ISSUER_CERT_LOCALLY)\)$/);
  });
});
