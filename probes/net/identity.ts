import type { ServiceKind } from '../../catalogue/ports.js';
import type { SshHandshake } from '../ssh/ssh-offer.js';

/**
 * Whether the service let us in without credentials, as its handshake showed:
 * - unauthenticated: it answered a data command (Redis INFO, memcached stats, ES GET /, FastCGI)
 * - auth-required: it demanded credentials first (NOAUTH, 401, Varnish 107 challenge, MySQL greeting)
 * - refused: it turned this client away (MySQL "is not allowed to connect", Redis protected mode)
 * - unknown: the handshake does not tell (TLS, PostgreSQL SSLRequest)
 */
export type Access = 'unauthenticated' | 'auth-required' | 'refused' | 'unknown';

/** A service recognised from its own handshake. */
export interface Identified {
  readonly identified: true;
  /** Protocol name: mysql, redis, memcached, elasticsearch, http, tls, ssh… */
  readonly service: string;
  readonly kind: ServiceKind;
  /** Product and version when the handshake names them ("MariaDB 10.11.6", "OpenSSH_9.2p1"). */
  readonly product?: string;
  readonly access: Access;
  /** One line: what in the answer identified it. */
  readonly detail: string;
  /** The probe whose answer matched. */
  readonly probe: string;
  /** The first exchange ran on the port scan's own connection, kept open for it (held-connections.ts). */
  readonly onScanConnection?: true;
  /** What an SSH greeting's connection showed when read on to the KEXINIT for the SSH area (IdentifyOptions.sshOfferMs). */
  readonly sshOffer?: SshHandshake;
  /** That greeting's connection was the port scan's own (a hinted probe may have used that one, and the greeting a new one). */
  readonly sshOfferOnScanConnection?: true;
}

/** Nothing recognisable answered: the port number alone never names a service. */
export interface Unidentified {
  readonly identified: false;
  /** What was seen instead: silence, echo, an unknown banner (excerpt). */
  readonly detail: string;
  readonly probesTried: readonly string[];
  /** As Identified's. */
  readonly onScanConnection?: true;
}

export type ServiceIdentity = Identified | Unidentified;

/** What a recogniser returns: the probe name and identified flag are added by the runner. */
export type Recognised = Omit<Identified, 'identified' | 'probe' | 'onScanConnection' | 'sshOffer' | 'sshOfferOnScanConnection'>;

/** Printable excerpt of raw bytes for evidence (non-printables as \xNN). */
export function excerpt(bytes: Buffer, max = 80): string {
  let out = '';
  for (const b of bytes.subarray(0, max)) {
    out += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : b === 0x0a ? '\\n' : b === 0x0d ? '\\r' : `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return bytes.length > max ? `${out}…` : out;
}
