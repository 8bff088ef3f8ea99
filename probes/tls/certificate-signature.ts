import { Malformed } from './bytes.js';
import { SIGNATURE_ALGORITHMS } from './signature-algorithms.js';

/** One DER element: tag byte, and where its contents lie in the buffer. */
interface Tlv {
  readonly tag: number;
  readonly start: number;
  readonly end: number;
}

function tlvAt(der: Buffer, at: number, limit = der.length): Tlv {
  if (at + 2 > limit) throw new Malformed('DER element truncated');
  const tag = der[at]!;
  let len = der[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > limit) throw new Malformed('DER length unreadable');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[start + i]!;
    start += n;
  }
  if (start + len > limit) throw new Malformed('DER element overruns its container');
  return { tag, start, end: start + len };
}

/** The children of a constructed element. */
function children(der: Buffer, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const t = tlvAt(der, at, parent.end);
    out.push(t);
    at = t.end;
  }
  return out;
}

function oidOf(der: Buffer, t: Tlv): string {
  if (t.tag !== 0x06) throw new Malformed('OBJECT IDENTIFIER expected');
  const b = der.subarray(t.start, t.end);
  const arcs: number[] = [];
  let v = 0;
  for (const byte of b) {
    v = v * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      if (!arcs.length) arcs.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else arcs.push(v);
      v = 0;
    }
  }
  return arcs.join('.');
}

const HASHES: Readonly<Record<string, string>> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.4': 'SHA-224',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

const RSASSA_PSS = '1.2.840.113549.1.1.10';

/**
 * The certificate's signatureAlgorithm (RFC 5280 §4.1.1.2) and the hash it signs with. For
 * RSASSA-PSS the hash sits in the parameters, SHA-1 when absent (RFC 4055 §3.1).
 */
export function signatureOf(der: Buffer): { name: string; hash: string } {
  const cert = tlvAt(der, 0);
  const [, algId] = children(der, cert);
  if (algId?.tag !== 0x30) throw new Malformed('certificate has no signatureAlgorithm');
  const [oidTlv, params] = children(der, algId);
  if (!oidTlv) throw new Malformed('signatureAlgorithm has no OID');
  const oid = oidOf(der, oidTlv);
  if (oid !== RSASSA_PSS) return SIGNATURE_ALGORITHMS[oid] ?? { name: oid, hash: 'unknown' };
  // RSASSA-PSS-params ::= SEQUENCE { hashAlgorithm [0] AlgorithmIdentifier DEFAULT sha1, ... }
  const hashField = params && params.tag === 0x30 ? children(der, params).find((c) => c.tag === 0xa0) : undefined;
  const hashAlg = hashField ? children(der, hashField)[0] : undefined;
  const hashOidTlv = hashAlg ? children(der, hashAlg)[0] : undefined;
  const hash = hashOidTlv ? (HASHES[oidOf(der, hashOidTlv)] ?? oidOf(der, hashOidTlv)) : 'SHA-1';
  return { name: `RSASSA-PSS with ${hash}`, hash };
}
