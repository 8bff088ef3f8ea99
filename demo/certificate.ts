import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

export interface DemoCertificate {
  readonly key: string;
  readonly cert: string;
}

/**
 * A self-signed certificate for the demo store, made at start so nothing secret is
 * committed. `validDays` < 0 makes one that has already expired.
 */
export function selfSignedCertificate(commonName: string, validDays: number): DemoCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `01${Date.now().toString(16)}`;
  const now = Date.now();
  const day = 86_400_000;
  cert.validity.notBefore = new Date(validDays < 0 ? now + (validDays - 365) * day : now - day);
  cert.validity.notAfter = new Date(now + validDays * day);
  const subject = [{ name: 'commonName', value: commonName }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([{ name: 'subjectAltName', altNames: [{ type: 2, value: commonName }] }]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  return { key: keyPem, cert: forge.pki.certificateToPem(cert) };
}
