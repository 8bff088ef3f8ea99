/**
 * SSH algorithm ratings (SSH-03), one table for key exchange, host key, cipher and MAC.
 * weak = SSH-03 fails when offered; acceptable = sound but not first choice; strong = current
 * best practice; marker = a pseudo-algorithm that signals an extension, not a choice.
 * Names not in the table are reported as "unrated", never silently passed as strong.
 */
export type AlgorithmCategory = 'kex' | 'hostKey' | 'cipher' | 'mac';
export type AlgorithmRating = 'strong' | 'acceptable' | 'weak' | 'marker';

export interface AlgorithmRatingEntry {
  readonly category: AlgorithmCategory;
  readonly name: string;
  readonly rating: AlgorithmRating;
  readonly why: string;
}

const r = (category: AlgorithmCategory, rating: AlgorithmRating, why: string, ...names: string[]): AlgorithmRatingEntry[] =>
  names.map((name) => ({ category, name, rating, why }));

export const SSH_ALGORITHM_RATINGS: readonly AlgorithmRatingEntry[] = [
  // Key exchange
  ...r('kex', 'weak', '1024-bit Oakley group 2 (Logjam-range) with SHA-1', 'diffie-hellman-group1-sha1'),
  ...r('kex', 'weak', 'SHA-1 exchange hash', 'diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha1', 'gss-group1-sha1-toWM5Slw5Ew8Mqkay+al2g==', 'gss-group14-sha1-toWM5Slw5Ew8Mqkay+al2g==', 'gss-gex-sha1-toWM5Slw5Ew8Mqkay+al2g=='),
  ...r('kex', 'weak', 'RSA key exchange with SHA-1', 'rsa1024-sha1'),
  ...r('kex', 'acceptable', 'NIST P-curve ECDH: sound, but curves of unclear provenance', 'ecdh-sha2-nistp256', 'ecdh-sha2-nistp384', 'ecdh-sha2-nistp521'),
  ...r('kex', 'acceptable', '2048-bit finite-field DH with SHA-2', 'diffie-hellman-group14-sha256', 'rsa2048-sha256'),
  ...r('kex', 'acceptable', 'group exchange with SHA-2: strength depends on the server moduli file', 'diffie-hellman-group-exchange-sha256'),
  ...r('kex', 'strong', '3072-bit or larger finite-field DH with SHA-512', 'diffie-hellman-group15-sha512', 'diffie-hellman-group16-sha512', 'diffie-hellman-group17-sha512', 'diffie-hellman-group18-sha512'),
  ...r('kex', 'strong', 'X25519 ECDH with SHA-256', 'curve25519-sha256', 'curve25519-sha256@libssh.org'),
  ...r('kex', 'strong', 'hybrid post-quantum key exchange', 'sntrup761x25519-sha512@openssh.com', 'sntrup761x25519-sha512', 'mlkem768x25519-sha256'),
  ...r('kex', 'marker', 'strict key exchange (Terrapin countermeasure)', 'kex-strict-s-v00@openssh.com', 'kex-strict-c-v00@openssh.com'),
  ...r('kex', 'marker', 'extension negotiation (RFC 8308)', 'ext-info-s', 'ext-info-c'),
  // Host keys
  ...r('hostKey', 'weak', 'RSA signature with SHA-1', 'ssh-rsa', 'ssh-rsa-cert-v01@openssh.com'),
  ...r('hostKey', 'weak', 'DSA: 1024-bit key with SHA-1, removed from OpenSSH', 'ssh-dss', 'ssh-dss-cert-v01@openssh.com'),
  ...r('hostKey', 'acceptable', 'ECDSA on NIST curves: needs a flawless nonce source', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'ecdsa-sha2-nistp256-cert-v01@openssh.com', 'ecdsa-sha2-nistp384-cert-v01@openssh.com', 'ecdsa-sha2-nistp521-cert-v01@openssh.com', 'sk-ecdsa-sha2-nistp256@openssh.com', 'sk-ecdsa-sha2-nistp256-cert-v01@openssh.com', 'webauthn-sk-ecdsa-sha2-nistp256@openssh.com'),
  ...r('hostKey', 'strong', 'RSA signature with SHA-2 (RFC 8332)', 'rsa-sha2-256', 'rsa-sha2-512', 'rsa-sha2-256-cert-v01@openssh.com', 'rsa-sha2-512-cert-v01@openssh.com'),
  ...r('hostKey', 'strong', 'Ed25519', 'ssh-ed25519', 'ssh-ed25519-cert-v01@openssh.com', 'sk-ssh-ed25519@openssh.com', 'sk-ssh-ed25519-cert-v01@openssh.com'),
  // Ciphers
  ...r('cipher', 'weak', 'CBC mode: plaintext-recovery attacks on SSH (CVE-2008-5161)', 'aes128-cbc', 'aes192-cbc', 'aes256-cbc', 'rijndael-cbc@lysator.liu.se', 'blowfish-cbc', 'cast128-cbc', 'twofish-cbc', 'twofish128-cbc', 'twofish256-cbc'),
  ...r('cipher', 'weak', '3DES: 64-bit block (Sweet32), CBC mode', '3des-cbc', '3des-ctr'),
  ...r('cipher', 'weak', 'RC4 keystream biases', 'arcfour', 'arcfour128', 'arcfour256'),
  ...r('cipher', 'weak', 'no encryption', 'none'),
  ...r('cipher', 'acceptable', 'AES in CTR mode: sound when paired with an ETM MAC', 'aes128-ctr', 'aes192-ctr', 'aes256-ctr'),
  ...r('cipher', 'strong', 'AEAD', 'aes128-gcm@openssh.com', 'aes256-gcm@openssh.com', 'chacha20-poly1305@openssh.com', 'aes128-gcm', 'aes256-gcm'),
  // MACs
  ...r('mac', 'weak', 'MD5', 'hmac-md5', 'hmac-md5-96', 'hmac-md5-etm@openssh.com', 'hmac-md5-96-etm@openssh.com'),
  ...r('mac', 'weak', 'SHA-1', 'hmac-sha1', 'hmac-sha1-etm@openssh.com'),
  ...r('mac', 'weak', 'SHA-1 truncated to 96 bits', 'hmac-sha1-96', 'hmac-sha1-96-etm@openssh.com'),
  ...r('mac', 'weak', '64-bit tag', 'umac-64@openssh.com', 'umac-64-etm@openssh.com'),
  ...r('mac', 'weak', 'RIPEMD-160, removed from OpenSSH', 'hmac-ripemd160', 'hmac-ripemd160@openssh.com', 'hmac-ripemd160-etm@openssh.com'),
  ...r('mac', 'weak', 'no integrity protection', 'none'),
  ...r('mac', 'acceptable', 'encrypt-and-MAC (tag over plaintext) with a sound hash', 'hmac-sha2-256', 'hmac-sha2-512', 'umac-128@openssh.com'),
  ...r('mac', 'strong', 'encrypt-then-MAC with a sound hash', 'hmac-sha2-256-etm@openssh.com', 'hmac-sha2-512-etm@openssh.com', 'umac-128-etm@openssh.com'),
];

const byKey = new Map(SSH_ALGORITHM_RATINGS.map((e) => [`${e.category}:${e.name}`, e]));

export function rateAlgorithm(category: AlgorithmCategory, name: string): AlgorithmRatingEntry | undefined {
  return byKey.get(`${category}:${name}`);
}

/** Strict key exchange marker a server offers when it has the Terrapin countermeasure (OpenSSH 9.6+ and backports). */
export const STRICT_KEX_SERVER = 'kex-strict-s-v00@openssh.com';
