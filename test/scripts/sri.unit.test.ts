import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { integrityMatches, parseIntegrity } from '../../probes/browser/sri.js';

const body = Buffer.from('window.PspPay = {};\n');
const b64 = (alg: string, b: Buffer = body) => createHash(alg).update(b).digest('base64');

describe('SRI metadata as Chromium applies it (W3C SRI §3.3)', () => {
  it('keeps only sha256/384/512 tokens, options and all', () => {
    expect(parseIntegrity(`md5-abc sha1-def  sha384-${b64('sha384')}?ct=x garbage`)).toEqual([{ algorithm: 'sha384', digest: b64('sha384') }]);
    expect(parseIntegrity('md5-abc sha1-def nonsense')).toEqual([]);
    expect(parseIntegrity('')).toEqual([]);
  });

  it('matches only when a strongest-algorithm digest equals the body received', () => {
    expect(integrityMatches(`sha384-${b64('sha384')}`, body)).toBe(true);
    expect(integrityMatches(`sha384-${b64('sha384', Buffer.from('other'))}`, body)).toBe(false);
    // The weaker sha256 matches, but the strongest (sha512) governs and does not.
    expect(integrityMatches(`sha256-${b64('sha256')} sha512-${b64('sha512', Buffer.from('other'))}`, body)).toBe(false);
    // Either of two strongest tokens may match.
    expect(integrityMatches(`sha256-${b64('sha256', Buffer.from('x'))} sha256-${b64('sha256')}`, body)).toBe(true);
    // base64url form of the same digest.
    expect(integrityMatches(`sha256-${b64('sha256').replace(/\+/g, '-').replace(/\//g, '_')}`, body)).toBe(true);
  });

  it('says undefined (no check at all) for an attribute with no valid metadata', () => {
    expect(integrityMatches('md5-Zm9v sha1-YmFy not-a-hash', body)).toBeUndefined();
  });
});
