import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateArea } from '../../core/evaluate.js';
import { makeTarget } from '../../core/targets.js';
import type { Verdict } from '../../core/verdict.js';
import { tlsChecks } from '../../suites/tls/checks.js';
import { createLabHost, type LabHost } from '../lab/netns.js';
import { type LabLeaf, makeTlsPki, type TlsPki } from '../lab/tls-certs.js';
import { CHECKLIST_TLS, LEGACY_TLS, startSServer, startTlsNginx } from '../lab/tls-servers.js';

// TLS-01..06 against real servers: each check passes on the hardened host and fails on another.
const HOST = 'shop.test';
const timeouts = { connectMs: 2_000, requestMs: 5_000 };

describe('TLS checks against lab servers', () => {
  let hardened: LabHost;
  let legacy: LabHost;
  let pki: TlsPki;
  let rsa: LabLeaf;
  let ec: LabLeaf;

  beforeAll(async () => {
    [hardened, legacy, pki] = await Promise.all([createLabHost(), createLabHost(), makeTlsPki()]);
    [rsa, ec] = await Promise.all([pki.issue('rsa', { names: [HOST] }), pki.issue('ec', { names: [HOST], key: 'ec:P-256' })]);
    const wrongName = await pki.issue('default', { names: ['default.test'] });
    await Promise.all([
      // The default server has the wrong name: TLS-04 passes only when SNI selects shop.test.
      startTlsNginx(hardened, [
        { port: 443, ...CHECKLIST_TLS, certs: [wrongName], defaultServer: true },
        { port: 443, ...CHECKLIST_TLS, certs: [rsa, ec], serverName: HOST },
      ]),
      startTlsNginx(legacy, [{ port: 443, ...LEGACY_TLS, certs: [rsa, ec] }]),
    ]);
    // TLS 1.2 only, client-initiated renegotiation allowed (OpenSSL 3 refuses it by default).
    await startSServer(legacy, 8443, rsa, ['-tls1_2', '-client_renegotiation']);
  });
  afterAll(async () => {
    await Promise.all([hardened?.destroy(), legacy?.destroy()]);
  });

  const scan = (host: LabHost, port = 443, extra: Record<string, unknown> = {}) =>
    evaluateArea(
      tlsChecks,
      makeTarget({
        name: `lab-${host.index}-${port}`,
        url: `https://${HOST}${port === 443 ? '' : `:${port}`}/`,
        address: host.address,
        caFile: pki.caFile,
        timeouts,
        ...extra,
      }),
    );

  const outcome = (v: Verdict | undefined) => `${v?.outcome}: ${v?.message}`;

  it('passes every check on the checklist-hardened nginx', async () => {
    const v = await scan(hardened);
    for (const id of ['TLS-01', 'TLS-02', 'TLS-03', 'TLS-04', 'TLS-05', 'TLS-06']) expect(outcome(v.get(id))).toMatch(/^pass: /);
    expect(v.get('TLS-01')!.message).toContain('TLS 1.0: fatal alert');
    expect(v.get('TLS-03')!.message).toContain('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256');
    expect(v.get('TLS-03')!.message).toContain('TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256');
    expect(v.get('TLS-04')!.message).toContain('matches shop.test');
    const ev = v.get('TLS-03')!.evidence[0]!;
    expect(ev.address).toBe(`${hardened.address}:443`);
    expect(ev.facts.handshakes).toBeGreaterThan(0);
  });

  it('fails TLS-01, TLS-03 and TLS-05 on the legacy nginx, naming what was accepted', async () => {
    const v = await scan(legacy);
    expect(outcome(v.get('TLS-01'))).toMatch(/^fail: TLS 1\.0 accepted \(ServerHello 0x0301, TLS_\w+\); TLS 1\.1 accepted \(ServerHello 0x0302, TLS_\w+\)$/);
    expect(outcome(v.get('TLS-02'))).toMatch(/^pass: /);
    const weak = v.get('TLS-03')!;
    expect(weak.outcome).toBe('fail');
    for (const s of [
      'TLS 1.0: ',
      'TLS 1.1: ',
      'TLS 1.2: ',
      'TLS_RSA_WITH_AES_128_CBC_SHA',
      'TLS_ECDH_anon_WITH_AES_128_CBC_SHA',
      'TLS_RSA_WITH_AES_256_GCM_SHA384',
    ])
      expect(weak.message).toContain(s);
    expect(weak.message).not.toMatch(/TLS_AES_128_GCM_SHA256|TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256(,|;|$)/);
    expect(outcome(v.get('TLS-05'))).toMatch(/^fail: session_ticket extension in the TLS 1\.2, TLS 1\.1, TLS 1\.0 ServerHello/);
    expect(outcome(v.get('TLS-06'))).toMatch(/^pass: /);
  });

  it('fails TLS-02 and TLS-06 on a TLS 1.2-only server that allows client renegotiation', async () => {
    const v = await scan(legacy, 8443);
    expect(outcome(v.get('TLS-02'))).toMatch(/^fail: TLS 1\.3 not offered/);
    expect(outcome(v.get('TLS-06'))).toMatch(/^fail: client-initiated renegotiation accepted on TLSv1\.2$/);
  });

  it('judges against the target policy when one is given', async () => {
    const v = await scan(hardened, 443, { policy: { cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_AES_128_GCM_SHA256'] } });
    const m = outcome(v.get('TLS-03'));
    expect(m).toMatch(/^fail: weak suites accepted: TLS 1\.2: .*TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384/);
    expect(m).toContain('TLS 1.3: ');
    expect(m).not.toMatch(/[:,] TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256/);
  });

  it('is inconclusive, never pass, when the HTTPS port is closed', async () => {
    const v = await scan(hardened, 4444);
    for (const [id, r] of v) expect(`${id} ${r.outcome}: ${r.message}`).toMatch(/inconclusive: HTTPS port .*4444 not reachable/);
  });
});
