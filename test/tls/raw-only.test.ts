import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateArea } from '../../core/evaluate.js';
import { makeTarget } from '../../core/targets.js';
import type { Verdict } from '../../core/verdict.js';
import { tlsChecks } from '../../suites/tls/checks.js';
import { startScriptedTls } from './scripted-tls-server.js';

// Loopback servers that break TLS on purpose: nothing passes without a ServerHello,
// and what a raw ServerHello shows is judged even when node:tls cannot finish a handshake.
const ECDHE_RSA_AES128_GCM = 0xc02f;
const timeouts = { connectMs: 1_000, requestMs: 2_000 };
const scan = (port: number) => evaluateArea(tlsChecks, makeTarget({ name: `raw-${port}`, url: `https://shop.test:${port}/`, address: '127.0.0.1', timeouts }));
const text = (v: Verdict | undefined) => `${v?.outcome}: ${v?.message}`;

describe('TLS checks on servers node:tls cannot complete a handshake with', () => {
  const servers: Awaited<ReturnType<typeof startScriptedTls>>[] = [];
  let reset: number, secure: number, insecure: number;
  beforeAll(async () => {
    servers.push(
      await startScriptedTls({ mode: 'reset' }),
      await startScriptedTls({ mode: 'hello-then-close', suite: ECDHE_RSA_AES128_GCM, renegotiationInfo: true }),
      await startScriptedTls({ mode: 'hello-then-close', suite: ECDHE_RSA_AES128_GCM, renegotiationInfo: false }),
    );
    [reset, secure, insecure] = servers.map((s) => s.port) as [number, number, number];
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it('a port that resets after every ClientHello decides no TLS check (TLS-01 no longer passes)', async () => {
    const v = await scan(reset);
    for (const id of ['TLS-01', 'TLS-02', 'TLS-03', 'TLS-05', 'TLS-06']) {
      expect(text(v.get(id)), id).toMatch(/^inconclusive: no ServerHello to any of \d+ hellos, so no TLS handshake to judge \(answers: connection reset after ClientHello\)$/);
      expect(v.get(id)!.evidence[0]!.facts['handshakes']).toBeGreaterThan(5);
    }
    expect(text(v.get('TLS-04'))).toMatch(/^inconclusive: node:tls could not complete a handshake \(ECONNRESET\): certificate chain, trust and name undetermined; the raw hellos got no ServerHello either$/);
  });

  it('TLS-06 judges secure renegotiation and compression from the raw ServerHello and names what stays open', async () => {
    const v = await scan(secure);
    expect(text(v.get('TLS-01'))).toMatch(/^pass: SSLv2, SSLv3, TLS 1\.0 and TLS 1\.1 refused/);
    expect(text(v.get('TLS-03'))).toBe('pass: only policy suites accepted: TLS 1.2: TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256');
    expect(text(v.get('TLS-06'))).toMatch(
      /^inconclusive: undetermined: client-initiated renegotiation \(node:tls could not complete a TLS 1\.0-1\.2 handshake to ask for one: \w+\); established: no compression \(ServerHello compression null to a deflate offer\), secure renegotiation \(renegotiation_info in the TLS 1\.2 ServerHello\)$/,
    );
    expect(v.get('TLS-06')!.evidence[0]!.facts['established']).toHaveLength(2);
    expect(text(v.get('TLS-04'))).toMatch(
      /^inconclusive: node:tls could not complete a handshake \(\w+\): certificate chain, trust and name undetermined; the raw hellos got a ServerHello for TLS 1\.2 \(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\), but read nothing after it/,
    );
  });

  it('TLS-06 fails a raw ServerHello without renegotiation_info even when no handshake completes', async () => {
    const v = await scan(insecure);
    expect(text(v.get('TLS-06'))).toBe('fail: no renegotiation_info in the TLS 1.2 ServerHello (no secure renegotiation)');
  });
});
