import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import { certificateFacts } from '../../probes/tls/certificate.js';
import { signatureOf } from '../../probes/tls/certificate-signature.js';
import { matchServerName } from '../../probes/tls/server-name.js';
import { certificateProblems } from '../../suites/tls/certificate-problems.js';
import { run } from '../lab/exec.js';

// Certificates of every shape the openssl CLI makes, parsed and judged without a server.
const dir = mkdtempSync(join(tmpdir(), 'mp-certshapes-'));

/** A self-signed certificate: `key` as openssl req -newkey takes it, subject in -subj form, extensions as -addext lines. */
async function selfSigned(name: string, o: { key?: string[]; subject: string; ext?: string[]; extra?: string[] }): Promise<X509Certificate> {
  const out = join(dir, `${name}.pem`);
  await run('openssl', [
    'req',
    '-x509',
    ...(o.key ?? ['-newkey', 'rsa:2048']),
    '-nodes',
    '-days',
    '90',
    '-utf8',
    '-subj',
    o.subject,
    ...(o.ext ?? []).flatMap((e) => ['-addext', e]),
    ...(o.extra ?? []),
    '-keyout',
    join(dir, `${name}.key`),
    '-out',
    out,
  ]);
  return new X509Certificate(readFileSync(out));
}

/** What node:tls.checkServerIdentity says, given the peer-certificate fields it reads. */
function nodeSays(host: string, x: X509Certificate): string | undefined {
  const cn = /^CN=(.*)$/m.exec(x.subject ?? '')?.[1];
  const peer = { subject: cn ? { CN: cn } : {}, subjectaltname: x.subjectAltName } as unknown as PeerCertificate;
  return checkServerIdentity(host, peer)?.message;
}

const certs: Record<string, X509Certificate> = {};

beforeAll(async () => {
  const dsaParams = join(dir, 'dsa.params');
  await run('openssl', ['dsaparam', '-out', dsaParams, '2048']);
  // 5000 SANs: larger than most CDN certificates (their limit is a few hundred).
  writeFileSync(
    join(dir, 'many.cnf'),
    `[req]\ndistinguished_name=dn\n[dn]\n[ext]\nsubjectAltName=${Array.from({ length: 5000 }, (_, i) => `DNS:n${i}.shop.test`).join(',')}\n`,
  );
  const made = await Promise.all([
    selfSigned('sanMissCnHit', { subject: '/CN=shop.test', ext: ['subjectAltName=DNS:other.test'] }),
    selfSigned('ipSanOnlyCnHit', { subject: '/CN=shop.test', ext: ['subjectAltName=IP:198.18.0.2'] }),
    selfSigned('cnOnly', { subject: '/CN=shop.test' }),
    selfSigned('cnIp', { subject: '/CN=198.18.0.2' }),
    selfSigned('wildcard', { subject: '/O=Shop', ext: ['subjectAltName=DNS:*.shop.test'] }),
    selfSigned('partialWildcard', { subject: '/O=Shop', ext: ['subjectAltName=DNS:w*.shop.test'] }),
    selfSigned('ipSans', { subject: '/O=Shop', ext: ['subjectAltName=DNS:198.18.0.9,IP:198.18.0.2,IP:2001:db8::1'] }),
    selfSigned('emptySubject', { subject: '/', ext: ['subjectAltName=critical,DNS:shop.test'] }),
    selfSigned('ed25519', { key: ['-newkey', 'ed25519'], subject: '/', ext: ['subjectAltName=critical,DNS:shop.test'] }),
    selfSigned('ed448', { key: ['-newkey', 'ed448'], subject: '/CN=shop.test' }),
    selfSigned('rsaPss', { key: ['-newkey', 'rsa-pss', '-pkeyopt', 'rsa_keygen_bits:2048'], subject: '/CN=shop.test' }),
    selfSigned('pssSignature', { subject: '/CN=shop.test', extra: ['-sha384', '-sigopt', 'rsa_padding_mode:pss'] }),
    selfSigned('p521', { key: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:secp521r1'], subject: '/CN=shop.test' }),
    selfSigned('brainpool', { key: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:brainpoolP256r1'], subject: '/CN=shop.test' }),
    selfSigned('p192', { key: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime192v1'], subject: '/CN=shop.test' }),
    selfSigned('dsa', { key: ['-newkey', `dsa:${dsaParams}`], subject: '/CN=shop.test' }),
    // BMPString (UCS-2) names: string_mask MASK:0x800 allows nothing else.
    selfSigned('bmp', { subject: '/CN=Ünïcödé shop/O=Shöp', extra: ['-config', writeConfig('bmp', 'string_mask=MASK:0x800')] }),
    // A private-arc attribute (registered through oid_section so openssl writes it), pseudonym, and a multi-valued RDN.
    selfSigned('oddNames', {
      subject: '/CN=ショップ+serialNumber=42/2.5.4.97=VATDE-123456789/DC=shop/DC=test/privateAttr=private attribute/2.5.4.65=pseudo/emailAddress=a@shop.test',
      extra: ['-config', writeConfig('oids', '', 'oid_section=oids\n[oids]\nprivateAttr=1.3.6.1.4.1.99999.1\n')],
    }),
    selfSigned('many', { subject: '/CN=shop.test', extra: ['-config', join(dir, 'many.cnf'), '-extensions', 'ext'] }),
  ]);
  const names = [
    'sanMissCnHit',
    'ipSanOnlyCnHit',
    'cnOnly',
    'cnIp',
    'wildcard',
    'partialWildcard',
    'ipSans',
    'emptySubject',
    'ed25519',
    'ed448',
    'rsaPss',
    'pssSignature',
    'p521',
    'brainpool',
    'p192',
    'dsa',
    'bmp',
    'oddNames',
    'many',
  ];
  for (const [i, n] of names.entries()) certs[n] = made[i]!;
});

function writeConfig(name: string, reqLine: string, head = ''): string {
  const f = join(dir, `${name}.cnf`);
  writeFileSync(f, `${head}[req]\ndistinguished_name=dn\n${reqLine}\n[dn]\n`);
  return f;
}

describe('server name matching (RFC 6125 §6)', () => {
  const match = (host: string, name: string) => matchServerName(host, certs[name]!);

  it('a SAN that misses fails even when the CN names the host, as node:tls also says', () => {
    const m = match('shop.test', 'sanMissCnHit');
    expect(m).toEqual({
      matched: false,
      reason:
        "shop.test is not among the certificate's DNS SANs (DNS:other.test); its CN matches, but a CN is ignored when the certificate has a subjectAltName (RFC 6125 §6.4.4)",
    });
    expect(nodeSays('shop.test', certs.sanMissCnHit!)).toMatch(/is not in the cert's altnames/);
  });

  it('the CN counts only when there is no SAN at all (stricter than node:tls with an IP-only SAN)', () => {
    expect(match('shop.test', 'cnOnly')).toEqual({ matched: true, by: 'CN=shop.test (no subjectAltName)' });
    expect(match('shop.test', 'ipSanOnlyCnHit')).toMatchObject({
      matched: false,
      reason: expect.stringMatching(/DNS SANs \(none\); its CN matches, but a CN is ignored/),
    });
    expect(nodeSays('shop.test', certs.ipSanOnlyCnHit!)).toBeUndefined(); // node falls back to the CN here
  });

  it('an IP address matches only an iPAddress SAN, never a DNS SAN or the CN', () => {
    expect(match('198.18.0.2', 'ipSans')).toEqual({ matched: true, by: 'IP Address:198.18.0.2' });
    expect(match('[2001:db8::1]', 'ipSans')).toEqual({ matched: true, by: 'IP Address:2001:db8::1' });
    expect(match('198.18.0.9', 'ipSans')).toEqual({
      matched: false,
      reason: "IP 198.18.0.9 is not among the certificate's IP Address SANs (IP Address:198.18.0.2, IP Address:2001:DB8:0:0:0:0:0:1)",
    });
    expect(match('198.18.0.2', 'cnIp')).toMatchObject({ matched: false });
    expect(nodeSays('198.18.0.2', certs.cnIp!)).toMatch(/is not in the cert's list/);
  });

  it('a wildcard covers exactly one whole left-most label', () => {
    expect(match('www.shop.test', 'wildcard')).toEqual({ matched: true, by: 'DNS:*.shop.test' });
    expect(match('shop.test', 'wildcard')).toMatchObject({ matched: false });
    expect(match('a.b.shop.test', 'wildcard')).toMatchObject({ matched: false });
    expect(match('www.shop.test', 'partialWildcard')).toMatchObject({ matched: false });
    expect(nodeSays('www.shop.test', certs.partialWildcard!)).toBeUndefined(); // node accepts partial-label wildcards
  });

  it('an empty subject with a SAN matches by the SAN', () => {
    expect(match('shop.test', 'emptySubject')).toEqual({ matched: true, by: 'DNS:shop.test' });
    expect(match('other.test', 'emptySubject')).toMatchObject({ matched: false });
  });

  it('finds a name among 5000 SANs, and says how many it left out of the reason', () => {
    expect(match('n4999.shop.test', 'many')).toEqual({ matched: true, by: 'DNS:n4999.shop.test' });
    const m = match('shop.test', 'many');
    expect(m.matched ? '' : m.reason).toMatch(/\(DNS:n0\.shop\.test, .*DNS:n19\.shop\.test, … 4980 more\); its CN matches/);
  });
});

describe('certificate facts of unusual shapes', () => {
  const facts = (name: string) => certificateFacts(certs[name]!.raw);
  const problems = (name: string) => certificateProblems(facts(name), 0, new Date());

  it.each([
    ['ed25519', 'ed25519', 256, 'Ed25519', 'SHA-512'],
    ['ed448', 'ed448', 448, 'Ed448', 'SHAKE256'],
    ['rsaPss', 'rsa-pss', 2048, 'RSASSA-PSS with SHA-256', 'SHA-256'],
    ['pssSignature', 'rsa', 2048, 'RSASSA-PSS with SHA-384', 'SHA-384'],
    ['p521', 'ec', 521, 'ecdsa-with-SHA256', 'SHA-256'],
    ['brainpool', 'ec', 256, 'ecdsa-with-SHA256', 'SHA-256'],
    ['dsa', 'dsa', 2048, 'dsa-with-sha256', 'SHA-256'],
  ])('%s: %s key of %i bits, signed %s', (name, keyType, bits, sig, hash) => {
    expect(facts(name)).toMatchObject({ keyType, keyBits: bits, signatureAlgorithm: sig, signatureHash: hash, selfSigned: true });
  });

  it('judges the sound keys clean and the weak or unsupported ones by name', () => {
    for (const name of ['ed25519', 'ed448', 'rsaPss', 'pssSignature', 'p521', 'brainpool']) expect(problems(name), name).toEqual([]);
    expect(problems('p192')).toEqual(['leaf key EC 192 bits (< 256)']);
    expect(problems('dsa')).toEqual(['leaf key DSA: TLS 1.3 has no DSA signature scheme (RFC 8446 §4.2.3) and browsers removed DSA']);
  });

  it('reads an empty subject as empty, keeping the SAN', () => {
    expect(facts('emptySubject')).toMatchObject({ subject: '', issuer: '', subjectAltName: 'DNS:shop.test', subjectAltNameCount: 1 });
  });

  it('decodes BMPString, UTF8String, multi-valued and unusual name attributes', () => {
    expect(facts('bmp').subject).toBe('CN=Ünïcödé shop, O=Shöp');
    // DER sorts the multi-valued RDN's members; an unnamed attribute shows as its OID.
    expect(facts('oddNames').subject).toBe(
      'serialNumber=42 + CN=ショップ, organizationIdentifier=VATDE-123456789, DC=shop, DC=test, 1.3.6.1.4.1.99999.1=private attribute, pseudonym=pseudo, emailAddress=a@shop.test',
    );
  });

  it('keeps 100 of 5000 SANs in evidence and counts them all', () => {
    const f = facts('many');
    expect(f.subjectAltNameCount).toBe(5000);
    expect(f.subjectAltName!.split(', ')).toHaveLength(101);
    expect(f.subjectAltName).toMatch(/^DNS:n0\.shop\.test, .*, DNS:n99\.shop\.test, … 4900 more$/);
  });
});

describe('certificate signature algorithm', () => {
  // Certificate ::= SEQUENCE { tbs, AlgorithmIdentifier, BIT STRING }: only the middle one is read.
  const tlv = (tag: number, ...body: Buffer[]) => {
    const b = Buffer.concat(body);
    return Buffer.concat([Buffer.from([tag, b.length]), b]);
  };
  const PSS_OID = Buffer.from('06092a864886f70d01010a', 'hex');
  const SHA512_ALG = tlv(0x30, Buffer.from('0609608648016503040203', 'hex'));
  const cert = (algId: Buffer) => tlv(0x30, tlv(0x30), algId, tlv(0x03, Buffer.from([0])));

  it('RSASSA-PSS without parameters signs with SHA-1 (RFC 4055 §3.1 default)', () => {
    expect(signatureOf(cert(tlv(0x30, PSS_OID)))).toEqual({ name: 'RSASSA-PSS with SHA-1', hash: 'SHA-1' });
    expect(signatureOf(cert(tlv(0x30, PSS_OID, tlv(0x30))))).toEqual({ name: 'RSASSA-PSS with SHA-1', hash: 'SHA-1' });
  });
  it('RSASSA-PSS names the hash of its parameters', () => {
    expect(signatureOf(cert(tlv(0x30, PSS_OID, tlv(0x30, tlv(0xa0, SHA512_ALG)))))).toEqual({ name: 'RSASSA-PSS with SHA-512', hash: 'SHA-512' });
  });
  it('an unknown algorithm is named by its OID; a truncated certificate is Malformed', () => {
    expect(signatureOf(cert(tlv(0x30, Buffer.from('06032a0304', 'hex'))))).toEqual({ name: '1.2.3.4', hash: 'unknown' });
    expect(() => signatureOf(cert(tlv(0x30, PSS_OID)).subarray(0, 6))).toThrow(/overruns|truncated/);
  });
});
