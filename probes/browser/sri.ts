import { createHash } from 'node:crypto';

/**
 * Subresource Integrity as Chromium applies it (W3C SRI §3.3.3 "parse metadata", §3.3.4 "get
 * the strongest metadata", §3.3.5 "does response match metadataList"): only sha256/384/512
 * tokens are metadata; unknown algorithms and garbage are ignored, and an attribute with no
 * valid token means no integrity check at all — the browser runs the script unchecked.
 */
const STRENGTH = { sha256: 1, sha384: 2, sha512: 3 } as const;
type Algorithm = keyof typeof STRENGTH;
// alg-digest, then optional "?options" (SRI §3.1 hash-with-options); base64 or base64url digests.
const TOKEN = /^(sha256|sha384|sha512)-([A-Za-z0-9+/_-]+={0,2})(?:\?.*)?$/i;

export interface SriMetadata {
  readonly algorithm: Algorithm;
  readonly digest: string;
}

/** The valid metadata of an integrity attribute; empty when it holds none. */
export function parseIntegrity(value: string): SriMetadata[] {
  return value.split(/[ \t\n\f\r]+/).flatMap((t) => {
    const m = TOKEN.exec(t);
    return m ? [{ algorithm: m[1]!.toLowerCase() as Algorithm, digest: m[2]! }] : [];
  });
}

/** Whether `body` (the bytes received) matches the strongest valid metadata; undefined when there is none. */
export function integrityMatches(value: string, body: Buffer): boolean | undefined {
  const all = parseIntegrity(value);
  if (!all.length) return undefined;
  const best = Math.max(...all.map((m) => STRENGTH[m.algorithm]));
  const digests = new Map<Algorithm, string>();
  const digestOf = (a: Algorithm) => {
    let d = digests.get(a);
    if (d === undefined) {
      d = createHash(a).update(body).digest('base64');
      digests.set(a, d);
    }
    return d;
  };
  // base64url digests compare as their base64 form.
  const normal = (d: string) => d.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  return all.filter((m) => STRENGTH[m.algorithm] === best).some((m) => normal(m.digest) === normal(digestOf(m.algorithm)));
}
