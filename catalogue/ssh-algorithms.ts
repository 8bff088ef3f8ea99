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

// Weak names beyond OpenSSH's own come from the algorithm knowledge of ssh-audit (its
// ssh2_kexdb: every algorithm it fails); the reasons here are ours. A name ending in "-*" is a
// family (GSS-API key exchange names end in a base64 mechanism hash, RFC 4462 §2.3).
// Unlike ssh-audit, NIST P-256/384/521 stay acceptable (CHECKS.md SSH-03 does not name them weak).
export const SSH_ALGORITHM_RATINGS: readonly AlgorithmRatingEntry[] = [
  // Key exchange
  ...r('kex', 'weak', '1024-bit Oakley group 2 (Logjam-range) with SHA-1', 'diffie-hellman-group1-sha1', 'kexAlgoDH1SHA1', 'gss-group1-sha1-*'),
  ...r('kex', 'weak', '1024-bit Oakley group 2 (Logjam-range)', 'diffie-hellman-group1-sha256'),
  ...r('kex', 'weak', 'SHA-1 exchange hash', 'diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha1', 'kexAlgoDH14SHA1', 'gss-group14-sha1-*', 'gss-gex-sha1-*'),
  ...r('kex', 'weak', 'RSA key exchange with SHA-1', 'rsa1024-sha1'),
  ...r('kex', 'weak', 'curve under 256 bits (P-192, P-224, sect163/233)', 'ecdh-sha2-nistp192', 'ecdh-sha2-nistp224', 'ecdh-sha2-nistk163', 'ecdh-sha2-nistk233', 'ecdh-sha2-nistb233',
    'ecdh-sha2-1.2.840.10045.3.1.1', 'ecdh-sha2-1.3.132.0.33', 'ecdh-sha2-1.3.132.0.1', 'ecdh-sha2-1.3.132.0.26', 'ecdh-sha2-1.3.132.0.27',
    'ecdh-sha2-5pPrSUQtIaTjUSt5VZNBjg==', 'ecdh-sha2-VqBg4QRPjxx1EXZdV0GdWQ==', 'ecdh-sha2-4MHB+NBt3AlaSRQ7MnB4cg==', 'ecdh-sha2-zD/b3hu/71952ArpUG4OjQ==', 'ecdh-sha2-qCbG5Cn/jjsZ7nBeR7EnOA=='),
  ...r('kex', 'weak', 'binary-field (Koblitz or random) curve: unproven for SSH, dropped by every mainstream implementation', 'ecdh-sha2-nistk283', 'ecdh-sha2-nistk409', 'ecdh-sha2-nistb409', 'ecdh-sha2-nistt571',
    'ecdh-sha2-1.3.132.0.16', 'ecdh-sha2-1.3.132.0.36', 'ecdh-sha2-1.3.132.0.37', 'ecdh-sha2-1.3.132.0.38',
    'ecdh-sha2-wiRIU8TKjMZ418sMqlqtvQ==', 'ecdh-sha2-m/FtSAmrV4j/Wy6RVUaK7A==', 'ecdh-sha2-D3FefCjYoJ/kfXgAyLddYA==', 'ecdh-sha2-mNVwCXAoS1HGmHpLvBC94w=='),
  ...r('kex', 'weak', 'unproven key exchange (vendor curves, ECMQV, secp256k1 over GSS-API)', 'ecdh-sha2-brainpoolp256r1@genua.de', 'ecdh-sha2-brainpoolp384r1@genua.de', 'ecdh-sha2-brainpoolp521r1@genua.de',
    'ecmqv-sha2', 'm383-sha384@libassh.org', 'm511-sha512@libassh.org', 'gss-13.3.132.0.10-sha256-*'),
  ...r('kex', 'weak', 'SM2 key agreement: national standard, not reviewed for SSH', 'sm2kep-sha2-nistp256'),
  ...r('kex', 'acceptable', 'pre-standard Kyber draft hybrid, superseded by ML-KEM: no weaker than its classical half', 'ecdh-nistp256-kyber-512r3-sha256-d00@openquantumsafe.org', 'ecdh-nistp384-kyber-768r3-sha384-d00@openquantumsafe.org',
    'ecdh-nistp521-kyber-1024r3-sha512-d00@openquantumsafe.org', 'x25519-kyber-512r3-sha256-d00@amazon.com', 'x25519-kyber512-sha512@aws.amazon.com'),
  ...r('kex', 'acceptable', 'withdrawn sntrup4591761 hybrid: no stronger than its X25519 half', 'sntrup4591761x25519-sha512@tinyssh.org'),
  ...r('kex', 'acceptable', 'NIST P-curve ECDH: sound, but curves of unclear provenance', 'ecdh-sha2-nistp256', 'ecdh-sha2-nistp384', 'ecdh-sha2-nistp521', 'kexAlgoECDH256', 'kexAlgoECDH384', 'kexAlgoECDH521',
    'ecdh-sha2-1.2.840.10045.3.1.7', 'ecdh-sha2-1.3.132.0.34', 'ecdh-sha2-1.3.132.0.35', 'ecdh-sha2-9UzNcgwTlEnSCECZa7V1mw==', 'ecdh-sha2-qcFQaMAMGhTziMT0z+Tuzw==', 'ecdh-sha2-h/SsxnLCtRBh7I9ATyeB3A==',
    'gss-nistp256-sha256-*', 'gss-nistp384-sha256-*', 'gss-nistp384-sha384-*', 'gss-nistp521-sha512-*'),
  ...r('kex', 'acceptable', 'ECDH on secp256k1: sound, but outside the SSH standards', 'ecdh-sha2-1.3.132.0.10'),
  ...r('kex', 'acceptable', 'hybrid ML-KEM with a NIST P-curve', 'mlkem768nistp256-sha256', 'mlkem1024nistp384-sha384'),
  ...r('kex', 'acceptable', '2048-bit finite-field DH with SHA-2', 'diffie-hellman-group14-sha256', 'diffie-hellman-group14-sha256@ssh.com', 'diffie-hellman-group14-sha224@ssh.com', 'rsa2048-sha256', 'gss-group14-sha256-*'),
  ...r('kex', 'acceptable', 'group exchange with SHA-2: strength depends on the server moduli file', 'diffie-hellman-group-exchange-sha256', 'diffie-hellman-group-exchange-sha224@ssh.com',
    'diffie-hellman-group-exchange-sha256@ssh.com', 'diffie-hellman-group-exchange-sha384@ssh.com', 'diffie-hellman-group-exchange-sha512@ssh.com', 'gss-gex-sha256-*'),
  ...r('kex', 'strong', '3072-bit or larger finite-field DH with SHA-2', 'diffie-hellman-group15-sha512', 'diffie-hellman-group16-sha512', 'diffie-hellman-group17-sha512', 'diffie-hellman-group18-sha512',
    'diffie-hellman-group15-sha256', 'diffie-hellman-group16-sha256', 'diffie-hellman-group15-sha256@ssh.com', 'diffie-hellman-group15-sha384@ssh.com', 'diffie-hellman-group16-sha384@ssh.com',
    'diffie-hellman-group16-sha512@ssh.com', 'diffie-hellman-group18-sha512@ssh.com', 'diffie-hellman_group17-sha512', 'gss-group15-sha512-*', 'gss-group16-sha512-*', 'gss-group17-sha512-*', 'gss-group18-sha512-*'),
  ...r('kex', 'strong', 'X25519 or X448 ECDH', 'curve25519-sha256', 'curve25519-sha256@libssh.org', 'curve448-sha512', 'curve448-sha512@libssh.org', 'Curve25519SHA256', 'kexAlgoCurve25519SHA256', 'ecdh-sha2-curve25519', 'gss-curve25519-sha256-*', 'gss-curve448-sha512-*'),
  ...r('kex', 'strong', 'hybrid post-quantum key exchange', 'sntrup761x25519-sha512@openssh.com', 'sntrup761x25519-sha512', 'mlkem768x25519-sha256'),
  ...r('kex', 'marker', 'strict key exchange (Terrapin countermeasure)', 'kex-strict-s-v00@openssh.com', 'kex-strict-c-v00@openssh.com'),
  ...r('kex', 'marker', 'extension negotiation (RFC 8308)', 'ext-info-s', 'ext-info-c'),
  ...r('kex', 'marker', "Dropbear's first-kex-packet guess extension", 'kexguess2@matt.ucc.asn.au'),
  // Host keys
  ...r('hostKey', 'weak', 'RSA signature with SHA-1', 'ssh-rsa', 'ssh-rsa-cert-v01@openssh.com', 'ssh-rsa-cert-v00@openssh.com', 'ssh-rsa1', 'x509v3-sign-rsa', 'x509v3-sign-rsa-sha1', 'x509v3-ssh-rsa'),
  ...r('hostKey', 'weak', 'DSA: 1024-bit key with SHA-1, removed from OpenSSH', 'ssh-dss', 'ssh-dss-cert-v01@openssh.com', 'ssh-dss-cert-v00@openssh.com', 'ssh-dsa', 'x509v3-sign-dss', 'x509v3-sign-dss-sha1', 'x509v3-ssh-dss',
    'ssh-dss-sha224@ssh.com', 'ssh-dss-sha256@ssh.com', 'ssh-dss-sha384@ssh.com', 'ssh-dss-sha512@ssh.com',
    'x509v3-sign-dss-sha224@ssh.com', 'x509v3-sign-dss-sha256@ssh.com', 'x509v3-sign-dss-sha384@ssh.com', 'x509v3-sign-dss-sha512@ssh.com'),
  ...r('hostKey', 'weak', 'DSA variant never vetted for SSH (no standard, removed everywhere)', 'dsa2048-sha224@libassh.org', 'dsa2048-sha256@libassh.org', 'dsa3072-sha256@libassh.org'),
  ...r('hostKey', 'weak', 'PGP/SPKI key formats: 1024-bit keys, unmaintained', 'pgp-sign-rsa', 'pgp-sign-dss', 'spki-sign-rsa', 'spki-sign-dss'),
  ...r('hostKey', 'weak', 'ECDSA on a curve under 256 bits', 'ecdsa-sha2-nistp192', 'ecdsa-sha2-nistp224', 'ecdsa-sha2-nistk163', 'ecdsa-sha2-nistk233', 'ecdsa-sha2-nistb233'),
  ...r('hostKey', 'weak', 'unproven signature (binary-field curves, vendor Edwards curves, unknown secp256k1 forms)', 'ecdsa-sha2-nistk283', 'ecdsa-sha2-nistk409', 'ecdsa-sha2-nistb409', 'ecdsa-sha2-nistt571',
    'eddsa-e382-shake256@libassh.org', 'eddsa-e521-shake256@libassh.org', 'ecdsa-sha2-1.3.132.0.10-cert-v01@openssh.com', 'x509v3-ecdsa-sha2-1.3.132.0.10'),
  ...r('hostKey', 'weak', 'GOST signature: national standard, not reviewed for SSH', 'ssh-gost2001', 'ssh-gost2012-256', 'ssh-gost2012-512'),
  ...r('hostKey', 'weak', 'experimental XMSS: stateful, a reused state forges signatures', 'ssh-xmss@openssh.com', 'ssh-xmss-cert-v01@openssh.com'),
  ...r('hostKey', 'weak', 'no host authentication', 'null'),
  ...r('hostKey', 'acceptable', 'ECDSA on NIST curves: needs a flawless nonce source', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'ecdsa-sha2-nistp256-cert-v01@openssh.com', 'ecdsa-sha2-nistp384-cert-v01@openssh.com', 'ecdsa-sha2-nistp521-cert-v01@openssh.com',
    'sk-ecdsa-sha2-nistp256@openssh.com', 'sk-ecdsa-sha2-nistp256-cert-v01@openssh.com', 'webauthn-sk-ecdsa-sha2-nistp256@openssh.com', 'webauthn-sk-ecdsa-sha2-nistp256-cert-v01@openssh.com',
    'x509v3-ecdsa-sha2-nistp256', 'x509v3-ecdsa-sha2-nistp384', 'x509v3-ecdsa-sha2-nistp521'),
  ...r('hostKey', 'acceptable', 'ECDSA on secp256k1 or a non-standard curve naming: needs a flawless nonce source', 'ecdsa-sha2-1.3.132.0.10', 'ecdsa-sha2-curve25519'),
  ...r('hostKey', 'acceptable', 'ML-DSA (FIPS 204): post-quantum, still draft for SSH', 'mldsa-44', 'mldsa-65', 'mldsa-87', 'ssh-mldsa-44', 'ssh-mldsa-65', 'ssh-mldsa-87', 'ssh-mldsa44', 'ssh-mldsa65', 'ssh-mldsa87'),
  ...r('hostKey', 'acceptable', 'RSA signature with SHA-224', 'ssh-rsa-sha224@ssh.com', 'x509v3-sign-rsa-sha224@ssh.com'),
  ...r('hostKey', 'strong', 'RSA signature with SHA-2 (RFC 8332)', 'rsa-sha2-256', 'rsa-sha2-512', 'rsa-sha2-256-cert-v01@openssh.com', 'rsa-sha2-512-cert-v01@openssh.com',
    'ssh-rsa-sha2-256', 'ssh-rsa-sha2-512', 'ssh-rsa-sha256@ssh.com', 'ssh-rsa-sha384@ssh.com', 'ssh-rsa-sha512@ssh.com',
    'x509v3-rsa2048-sha256', 'x509v3-sign-rsa-sha256', 'x509v3-sign-rsa-sha256@ssh.com', 'x509v3-sign-rsa-sha384@ssh.com', 'x509v3-sign-rsa-sha512@ssh.com'),
  ...r('hostKey', 'strong', 'Ed25519 or Ed448', 'ssh-ed25519', 'ssh-ed25519-cert-v01@openssh.com', 'sk-ssh-ed25519@openssh.com', 'sk-ssh-ed25519-cert-v01@openssh.com', 'ssh-ed448', 'ssh-ed448-cert-v01@openssh.com'),
  // Ciphers
  ...r('cipher', 'weak', 'CBC mode: plaintext-recovery attacks on SSH (CVE-2008-5161)', 'aes128-cbc', 'aes192-cbc', 'aes256-cbc', 'rijndael-cbc@lysator.liu.se', 'blowfish-cbc', 'cast128-cbc', 'twofish-cbc', 'twofish128-cbc', 'twofish192-cbc', 'twofish256-cbc',
    'camellia128-cbc', 'camellia192-cbc', 'camellia256-cbc', 'camellia128-cbc@openssh.org', 'camellia192-cbc@openssh.org', 'camellia256-cbc@openssh.org'),
  ...r('cipher', 'weak', 'pre-AES Rijndael naming in CBC mode', 'rijndael128-cbc', 'rijndael192-cbc', 'rijndael256-cbc', 'rijndael-cbc@ssh.com'),
  ...r('cipher', 'weak', 'single DES: 56-bit key, brute-forced since 1998', 'des', 'des-cbc', 'des-cbc@ssh.com', 'des-cbc-ssh1', 'des-cfb', 'des-ecb', 'des-ofb'),
  ...r('cipher', 'weak', '3DES: 64-bit block (Sweet32)', '3des-cbc', '3des-ctr', '3des', '3des-cfb', '3des-ecb', '3des-ofb'),
  ...r('cipher', 'weak', 'Blowfish: 64-bit block (Sweet32)', 'blowfish', 'blowfish-cfb', 'blowfish-ctr', 'blowfish-ecb', 'blowfish-ofb'),
  ...r('cipher', 'weak', 'CAST-128: 64-bit block (Sweet32)', 'cast128-ctr', 'cast128-cfb', 'cast128-ecb', 'cast128-ofb', 'cast128-12-cbc', 'cast128-12-cbc@ssh.com', 'cast128-12-cfb', 'cast128-12-ecb', 'cast128-12-ofb'),
  ...r('cipher', 'weak', 'IDEA: 64-bit block (Sweet32)', 'idea-cbc', 'idea-cfb', 'idea-ctr', 'idea-ecb', 'idea-ofb'),
  ...r('cipher', 'weak', 'ECB, CFB or OFB mode: ECB leaks patterns, CFB/OFB were never vetted for SSH', 'twofish-ecb', 'twofish-cfb', 'twofish-ofb'),
  ...r('cipher', 'weak', 'SEED or Serpent: deprecated, unmaintained ciphers', 'seed-cbc@ssh.com', 'seed-ctr@ssh.com', 'serpent128-cbc', 'serpent192-cbc', 'serpent256-cbc', 'serpent128-ctr', 'serpent192-ctr', 'serpent256-ctr',
    'serpent128-gcm@libassh.org', 'serpent256-gcm@libassh.org'),
  ...r('cipher', 'weak', 'proprietary or national cipher never reviewed for SSH', 'crypticore128@ssh.com', 'grasshopper-ctr128'),
  ...r('cipher', 'weak', 'RC4 keystream biases', 'arcfour', 'arcfour128', 'arcfour256'),
  ...r('cipher', 'weak', 'no encryption', 'none'),
  ...r('cipher', 'acceptable', 'CTR mode of a 128-bit block cipher: sound when paired with an ETM MAC', 'aes128-ctr', 'aes192-ctr', 'aes256-ctr', 'camellia128-ctr', 'camellia192-ctr', 'camellia256-ctr',
    'camellia128-ctr@openssh.org', 'camellia192-ctr@openssh.org', 'camellia256-ctr@openssh.org', 'twofish-ctr', 'twofish128-ctr', 'twofish192-ctr', 'twofish256-ctr'),
  ...r('cipher', 'acceptable', 'AEAD outside the SSH standards (libassh only)', 'aes128-ocb@libassh.org', 'twofish128-gcm@libassh.org', 'twofish256-gcm@libassh.org'),
  ...r('cipher', 'strong', 'AEAD', 'aes128-gcm@openssh.com', 'aes192-gcm@openssh.com', 'aes256-gcm@openssh.com', 'chacha20-poly1305@openssh.com', 'chacha20-poly1305', 'aes128-gcm', 'aes256-gcm',
    'AEAD_AES_128_GCM', 'AEAD_AES_256_GCM', 'AEAD_CAMELLIA_128_GCM', 'AEAD_CAMELLIA_256_GCM'),
  // MACs
  ...r('mac', 'weak', 'MD5', 'hmac-md5', 'hmac-md5-96', 'hmac-md5-etm@openssh.com', 'hmac-md5-96-etm@openssh.com'),
  ...r('mac', 'weak', 'SHA-1', 'hmac-sha1', 'hmac-sha1-etm@openssh.com'),
  ...r('mac', 'weak', 'SHA-1 truncated to 96 bits', 'hmac-sha1-96', 'hmac-sha1-96-etm@openssh.com', 'hmac-sha1-96@openssh.com'),
  ...r('mac', 'weak', 'tag of 64 bits or fewer', 'umac-64@openssh.com', 'umac-64-etm@openssh.com', 'umac-32@openssh.com', 'hmac-sha2-56'),
  ...r('mac', 'weak', 'tag truncated to 96 bits', 'umac-96@openssh.com', 'hmac-sha2-256-96', 'hmac-sha2-512-96', 'hmac-sha2-256-96-etm@openssh.com', 'hmac-sha2-512-96-etm@openssh.com',
    'hmac-sha256-96', 'hmac-sha256-96@ssh.com'),
  ...r('mac', 'weak', 'RIPEMD-160, removed from OpenSSH', 'hmac-ripemd160', 'hmac-ripemd160@openssh.com', 'hmac-ripemd160-etm@openssh.com', 'hmac-ripemd160-96', 'hmac-ripemd'),
  ...r('mac', 'weak', 'a bare hash, not a keyed MAC: no integrity protection', 'md5', 'md5-8', 'sha1', 'sha1-8', 'ripemd160', 'ripemd160-8'),
  ...r('mac', 'weak', 'CBC-MAC or proprietary MAC, unproven for SSH', 'cbcmac-3des', 'cbcmac-aes', 'cbcmac-blowfish', 'cbcmac-des', 'cbcmac-rijndael', 'cbcmac-twofish', 'crypticore-mac@ssh.com'),
  ...r('mac', 'weak', 'no integrity protection', 'none'),
  ...r('mac', 'acceptable', 'encrypt-and-MAC (tag over plaintext) with a sound hash', 'hmac-sha2-256', 'hmac-sha2-512', 'umac-128@openssh.com', 'umac-128', 'hmac-sha2-224', 'hmac-sha2-384',
    'hmac-sha224@ssh.com', 'hmac-sha256', 'hmac-sha256@ssh.com', 'hmac-sha256-2@ssh.com', 'hmac-sha384@ssh.com', 'hmac-sha512', 'hmac-sha512@ssh.com',
    'hmac-sha3-224', 'hmac-sha3-256', 'hmac-sha3-384', 'hmac-sha3-512', 'hmac-whirlpool'),
  ...r('mac', 'strong', 'encrypt-then-MAC with a sound hash', 'hmac-sha2-256-etm@openssh.com', 'hmac-sha2-512-etm@openssh.com', 'umac-128-etm@openssh.com'),
  ...r('mac', 'strong', 'AEAD cipher authenticates (RFC 5647)', 'AEAD_AES_128_GCM', 'AEAD_AES_256_GCM', 'aes128-gcm', 'aes256-gcm', 'chacha20-poly1305@openssh.com'),
];

const byKey = new Map(SSH_ALGORITHM_RATINGS.filter((e) => !e.name.endsWith('-*')).map((e) => [`${e.category}:${e.name}`, e]));
const families = SSH_ALGORITHM_RATINGS.filter((e) => e.name.endsWith('-*'));

/** The table's entry for a name: exact, else the family ("gss-group14-sha1-*") it belongs to. */
export function rateAlgorithm(category: AlgorithmCategory, name: string): AlgorithmRatingEntry | undefined {
  return byKey.get(`${category}:${name}`) ?? families.find((e) => e.category === category && name.startsWith(e.name.slice(0, -1)));
}

/** Strict key exchange marker a server offers when it has the Terrapin countermeasure (OpenSSH 9.6+ and backports). */
export const STRICT_KEX_SERVER = 'kex-strict-s-v00@openssh.com';
