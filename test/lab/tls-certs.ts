import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './exec.js';

/** Key kinds the TLS tests need: strong RSA/EC, a 1024-bit RSA key for TLS-04's weak-key case, and unusual ones. */
export type LabKey = 'rsa:2048' | 'rsa:1024' | 'ec:P-256' | 'ec:P-521' | 'ec:brainpoolP256r1' | 'ed25519' | 'ed448' | 'rsa-pss' | 'dsa:2048';

export interface LeafSpec {
  /** DNS names (subjectAltName; the first is also the CN unless `subject` is given). */
  readonly names: readonly string[];
  /** IP addresses added to the subjectAltName. */
  readonly ips?: readonly string[];
  /** openssl -subj form ("/" for an empty subject, then the SAN is marked critical, RFC 5280 §4.2.1.6). */
  readonly subject?: string;
  readonly key?: LabKey;
  /** Validity from now; -1 makes a certificate that expired yesterday. */
  readonly days?: number;
  readonly digest?: 'sha256' | 'sha1';
  /** Self-signed instead of issued by the lab CA. */
  readonly selfSigned?: boolean;
  /** Intermediate CAs between the lab CA and the leaf; the served file holds leaf, then intermediates. */
  readonly intermediates?: number;
}

export interface LabLeaf {
  readonly certFile: string;
  readonly keyFile: string;
}

/** A lab CA (RSA 2048, SHA-256) that issues leaves made with the openssl CLI. */
export interface TlsPki {
  readonly dir: string;
  readonly caFile: string;
  readonly caPem: string;
  issue(name: string, spec: LeafSpec): Promise<LabLeaf>;
}

async function keyArgs(k: LabKey, dir: string): Promise<string[]> {
  if (k.startsWith('ec:')) return ['-newkey', 'ec', '-pkeyopt', `ec_paramgen_curve:${k.slice(3)}`];
  if (k === 'rsa-pss') return ['-newkey', 'rsa-pss', '-pkeyopt', 'rsa_keygen_bits:2048'];
  if (k === 'dsa:2048') {
    const params = join(dir, 'dsa2048.params');
    await run('openssl', ['dsaparam', '-out', params, '2048']);
    return ['-newkey', `dsa:${params}`];
  }
  return ['-newkey', k];
}

const CA_EXT = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n';

export async function makeTlsPki(): Promise<TlsPki> {
  const dir = mkdtempSync(join(tmpdir(), 'mp-tlspki-'));
  const f = (n: string) => join(dir, n);
  await run('openssl', [
    'req',
    '-x509',
    ...(await keyArgs('rsa:2048', dir)),
    '-nodes',
    '-days',
    '3650',
    '-sha256',
    '-subj',
    '/CN=mageprobe TLS lab CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
  ]);
  /** Signs `csr` with the issuer's key into `out`. */
  const sign = (csr: string, issuer: { cert: string; key: string }, out: string, ext: string, days: number, digest: string) =>
    // A random serial each: leaves are issued in parallel, and a shared serial file races.
    run('openssl', [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      issuer.cert,
      '-CAkey',
      issuer.key,
      '-set_serial',
      `0x${randomBytes(16).toString('hex')}`,
      '-days',
      String(days),
      `-${digest}`,
      '-extfile',
      ext,
      '-out',
      out,
    ]);
  return {
    dir,
    caFile: f('ca.pem'),
    caPem: readFileSync(f('ca.pem'), 'utf8'),
    async issue(name, spec) {
      let issuer = { cert: f('ca.pem'), key: f('ca.key') };
      const chain: string[] = [];
      writeFileSync(f(`${name}.ca.ext`), CA_EXT);
      for (let i = 1; i <= (spec.intermediates ?? 0); i++) {
        const [key, csr, cert] = [f(`${name}.i${i}.key`), f(`${name}.i${i}.csr`), f(`${name}.i${i}.pem`)];
        await run('openssl', [
          'req',
          '-new',
          ...(await keyArgs('rsa:2048', dir)),
          '-nodes',
          '-subj',
          `/CN=${name} intermediate ${i}`,
          '-keyout',
          key,
          '-out',
          csr,
        ]);
        await sign(csr, issuer, cert, f(`${name}.ca.ext`), 3650, 'sha256');
        chain.unshift(readFileSync(cert, 'utf8'));
        issuer = { cert, key };
      }
      const key = f(`${name}.key`);
      const cert = f(`${name}.pem`);
      const csr = f(`${name}.csr`);
      const ext = f(`${name}.ext`);
      const subject = spec.subject ?? `/CN=${spec.names[0]}`;
      const san = [...spec.names.map((n) => `DNS:${n}`), ...(spec.ips ?? []).map((ip) => `IP:${ip}`)].join(',');
      writeFileSync(ext, `subjectAltName=${subject === '/' ? 'critical,' : ''}${san}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`);
      await run('openssl', ['req', '-new', ...(await keyArgs(spec.key ?? 'rsa:2048', dir)), '-nodes', '-utf8', '-subj', subject, '-keyout', key, '-out', csr]);
      const days = spec.days ?? 365;
      const digest = spec.digest ?? 'sha256';
      if (spec.selfSigned)
        await run('openssl', ['x509', '-req', '-in', csr, '-signkey', key, '-days', String(days), `-${digest}`, '-extfile', ext, '-out', cert]);
      else await sign(csr, issuer, cert, ext, days, digest);
      // nginx serves the file as the chain: leaf first, then each intermediate towards the root.
      if (chain.length) writeFileSync(cert, [readFileSync(cert, 'utf8'), ...chain].join(''));
      return { certFile: cert, keyFile: key };
    },
  };
}
