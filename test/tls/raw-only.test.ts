import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateArea } from '../../core/evaluate.js';
import { makeTarget } from '../../core/targets.js';
import type { Verdict } from '../../core/verdict.js';
import { tlsChecks } from '../../suites/tls/checks.js';
import { makeTlsPki } from '../lab/tls-certs.js';
import { startScriptedTls } from './scripted-tls-server.js';

// Loopback servers that break TLS on purpose: nothing passes without a ServerHello,
// and what a raw ServerHello shows is judged even when node:tls cannot finish a handshake.
const ECDHE_RSA_AES128_GCM = 0xc02f;
const timeouts = { connectMs: 1_000, requestMs: 2_000 };
const scan = (port: number) => evaluateArea(tlsChecks, makeTarget({ name: `raw-${port}`, url: `https://shop.test:${port}/`, address: '127.0.0.1', timeouts }));
const text = (v: Verdict | undefined) => `${v?.outcome}: ${v?.message}`;

describe('TLS checks on servers node:tls cannot complete a handshake with', () => {
  const servers: Awaited<ReturnType<typeof startScriptedTls>>[] = [];
  let reset: number, secure: number, insecure: number, sound: number, expired: number, misnamed: number;
  beforeAll(async () => {
    const pki = await makeTlsPki();
    const der = async (name: string, spec: Parameters<typeof pki.issue>[1]) => new X509Certificate(readFileSync((await pki.issue(name, spec)).certFile)).raw;
    const withCert = async (leaf: Buffer) =>
      startScriptedTls({ mode: 'hello-then-close', suite: ECDHE_RSA_AES128_GCM, renegotiationInfo: true, certificates: [leaf] });
    servers.push(
      await startScriptedTls({ mode: 'reset' }),
      await startScriptedTls({ mode: 'hello-then-close', suite: ECDHE_RSA_AES128_GCM, renegotiationInfo: true }),
      await startScriptedTls({ mode: 'hello-then-close', suite: ECDHE_RSA_AES128_GCM, renegotiationInfo: false }),
      await withCert(await der('sound', { names: ['shop.test'] })),
      await withCert(await der('expired', { names: ['shop.test'], days: -1 })),
      await withCert(await der('misnamed', { names: ['other.test'] })),
    );
    [reset, secure, insecure, sound, expired, misnamed] = servers.map((s) => s.port) as [number, number, number, number, number, number];
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it('a port that resets after every ClientHello decides no TLS check (TLS-01 no longer passes)', async () => {
    const v = await scan(reset);
    for (const id of ['TLS-01', 'TLS-02', 'TLS-03', 'TLS-05', 'TLS-06']) {
      expect(text(v.get(id)), id).toMatch(
        /^inconclusive: no ServerHello to any of \d+ hellos, so no TLS handshake to judge \(answers: connection reset after ClientHello\)$/,
      );
      expect(v.get(id)!.evidence[0]!.facts.handshakes).toBeGreaterThan(5);
    }
    expect(text(v.get('TLS-04'))).toMatch(
      /^inconclusive: node:tls could not complete a handshake \(ECONNRESET\): certificate chain, trust and name undetermined; the raw hellos got no ServerHello either$/,
    );
  });

  it('TLS-06 judges secure renegotiation and compression from the raw ServerHello and names what stays open', async () => {
    const v = await scan(secure);
    expect(text(v.get('TLS-01'))).toMatch(/^pass: SSLv2, SSLv3, TLS 1\.0 and TLS 1\.1 refused/);
    expect(text(v.get('TLS-03'))).toBe('pass: only policy suites accepted: TLS 1.2: TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256');
    expect(text(v.get('TLS-06'))).toMatch(
      /^inconclusive: undetermined: client-initiated renegotiation \(node:tls could not complete a TLS 1\.0-1\.2 handshake to ask for one: \w+\); established: no compression \(ServerHello compression null to a deflate offer\), secure renegotiation \(renegotiation_info in the TLS 1\.2 ServerHello\)$/,
    );
    expect(v.get('TLS-06')!.evidence[0]!.facts.established).toHaveLength(2);
    expect(text(v.get('TLS-04'))).toMatch(
      /^inconclusive: node:tls could not complete a handshake \(\w+\): certificate chain, trust and name undetermined; the raw hellos got a ServerHello for TLS 1\.2 \(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\), but no certificate was read \(connection closed after \d+ bytes, before a Certificate message\)$/,
    );
  });

  it('TLS-06 fails a raw ServerHello without renegotiation_info even when no handshake completes', async () => {
    const v = await scan(insecure);
    expect(text(v.get('TLS-06'))).toBe('fail: no renegotiation_info in the TLS 1.2 ServerHello (no secure renegotiation)');
  });

  it('TLS-04 judges the certificate of the raw TLS 1.2 handshake when node:tls cannot finish: all but trust', async () => {
    expect(text((await scan(sound)).get('TLS-04'))).toMatch(
      /^inconclusive: node:tls could not complete a handshake \(\w+\), so chain trust is undetermined; the raw TLS 1\.2 handshake \(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\) showed certificate CN=shop\.test matching shop\.test, 36\d days left, RSA 2048 bits, sha256WithRSAEncryption, no problem found$/,
    );
    const bad = await scan(expired);
    expect(text(bad.get('TLS-04'))).toMatch(
      /^fail: certificate problems seen in the raw TLS 1\.2 handshake \(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\), where node:tls could not complete a handshake \(\w+\): leaf expired on \d{4}-\d\d-\d\d$/,
    );
    expect(bad.get('TLS-04')!.evidence[0]!.facts.trusted).toBe('undetermined');
    expect(text((await scan(misnamed)).get('TLS-04'))).toMatch(
      /: name shop\.test does not match \(shop\.test is not among the certificate's DNS SANs \(DNS:other\.test\)\)$/,
    );
  });
});
