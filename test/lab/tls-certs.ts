import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './exec.js';

/** Key kinds the TLS tests need: strong RSA/EC, and a 1024-bit RSA key for TLS-04's weak-key case. */
export type LabKey = 'rsa:2048' | 'rsa:1024' | 'ec:P-256';

export interface LeafSpec {
  /** DNS names (subjectAltName; the first is also the CN). */
  readonly names: readonly string[];
  readonly key?: LabKey;
  /** Validity from now; -1 makes a certificate that expired yesterday. */
  readonly days?: number;
  readonly digest?: 'sha256' | 'sha1';
  /** Self-signed instead of issued by the lab CA. */
  readonly selfSigned?: boolean;
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

const keyArgs = (k: LabKey): string[] => (k === 'ec:P-256' ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', k]);

export async function makeTlsPki(): Promise<TlsPki> {
  const dir = mkdtempSync(join(tmpdir(), 'mp-tlspki-'));
  const f = (n: string) => join(dir, n);
  await run('openssl', ['req', '-x509', ...keyArgs('rsa:2048'), '-nodes', '-days', '3650', '-sha256', '-subj', '/CN=mageprobe TLS lab CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-keyout', f('ca.key'), '-out', f('ca.pem')]);
  return {
    dir,
    caFile: f('ca.pem'),
    caPem: readFileSync(f('ca.pem'), 'utf8'),
    async issue(name, spec) {
      const key = f(`${name}.key`);
      const cert = f(`${name}.pem`);
      const csr = f(`${name}.csr`);
      const ext = f(`${name}.ext`);
      writeFileSync(ext, `subjectAltName=${spec.names.map((n) => `DNS:${n}`).join(',')}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`);
      await run('openssl', ['req', '-new', ...keyArgs(spec.key ?? 'rsa:2048'), '-nodes', '-subj', `/CN=${spec.names[0]}`, '-keyout', key, '-out', csr]);
      const signer = spec.selfSigned ? ['-signkey', key] : ['-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial'];
      await run('openssl', ['x509', '-req', '-in', csr, ...signer, '-days', String(spec.days ?? 365), `-${spec.digest ?? 'sha256'}`, '-extfile', ext, '-out', cert]);
      return { certFile: cert, keyFile: key };
    },
  };
}
