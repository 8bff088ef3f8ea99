import { describe, expect, it } from 'vitest';
import { createEngine } from '../../core/engine.js';
import { runCheck } from '../../core/evaluate.js';
import { makeTarget } from '../../core/targets.js';
import type { ProtocolScan, TlsScan } from '../../probes/tls/enumerate.js';
import { PROTOCOLS, type Protocol } from '../../probes/tls/protocol.js';
import { renegotiation, tlsScan } from '../../suites/tls/facts.js';
import { legacyProtocolsRefused } from '../../suites/tls/tls-01-legacy-protocols.js';
import { modernProtocolsOffered } from '../../suites/tls/tls-02-modern-protocols.js';
import { strongCipherSuitesOnly } from '../../suites/tls/tls-03-cipher-suites.js';
import { noSessionTickets } from '../../suites/tls/tls-05-session-tickets.js';
import { compressionAndRenegotiation } from '../../suites/tls/tls-06-compression-renegotiation.js';
import { refusedProtocol } from './recorded-scans.js';

// Judging of scans no local server can produce (SSLv2, SSLv3 RC4, EXPORT, no renegotiation_info).
const target = makeTarget({ name: 'old', url: 'https://shop.test/', address: '198.18.0.2' });
const hello = (version: string, suite: string, renegotiationInfo: boolean) => ({
  version,
  suite,
  compression: 'null',
  extensions: renegotiationInfo ? ['renegotiation_info'] : [],
  sessionTicket: false,
  renegotiationInfo,
});

function scanOf(accepted: Partial<Record<Protocol, Partial<ProtocolScan>>>): TlsScan {
  const protocols = Object.fromEntries(
    PROTOCOLS.map((p) => [p, accepted[p] ? { ...refusedProtocol(p), status: 'accepted', refusals: [], ...accepted[p] } : refusedProtocol(p)]),
  ) as Record<Protocol, ProtocolScan>;
  return {
    address: '198.18.0.2',
    port: 443,
    sni: 'shop.test',
    reachable: true,
    protocols,
    compression: { protocol: 'SSLv3', outcome: 'refused', answer: 'ServerHello compression null' },
    handshakes: 9,
    elapsedMs: 5,
  };
}

const OLD = scanOf({
  SSLv2: { accepted: ['SSL_CK_RC4_128_EXPORT40_WITH_MD5'] },
  SSLv3: { accepted: ['TLS_RSA_WITH_RC4_128_MD5', 'TLS_RSA_EXPORT_WITH_RC4_40_MD5'], hello: hello('0x0300', 'TLS_RSA_WITH_RC4_128_MD5', false) },
});

type Reneg = Awaited<ReturnType<typeof import('../../probes/tls/renegotiation.js').probeClientRenegotiation>>;

async function judge(
  check: Parameters<typeof runCheck>[0],
  scan: TlsScan,
  reneg: Reneg = { outcome: 'refused', how: 'alert no_renegotiation', protocol: 'SSLv3' },
) {
  const ctx = createEngine(target);
  ctx.seed(tlsScan, scan);
  ctx.seed(renegotiation, reneg);
  return runCheck(check, ctx);
}

const TLS12_ONLY = scanOf({
  'TLSv1.2': { accepted: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'], hello: hello('0x0303', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', true) },
});

describe('judging scans of an SSLv2/SSLv3 host', () => {
  it('TLS-01 names SSLv2 and SSLv3', async () => {
    const v = await judge(legacyProtocolsRefused, OLD);
    expect(v.outcome).toBe('fail');
    expect(v.message).toBe('SSLv2 accepted (SERVER-HELLO, SSL_CK_RC4_128_EXPORT40_WITH_MD5); SSLv3 accepted (ServerHello 0x0300, TLS_RSA_WITH_RC4_128_MD5)');
  });
  it('TLS-03 lists the RC4 and EXPORT suites per protocol', async () => {
    const v = await judge(strongCipherSuitesOnly, OLD);
    expect(v.message).toBe('weak suites accepted: SSLv2: SSL_CK_RC4_128_EXPORT40_WITH_MD5; SSLv3: TLS_RSA_WITH_RC4_128_MD5, TLS_RSA_EXPORT_WITH_RC4_40_MD5');
  });
  it('TLS-06 fails a ServerHello without renegotiation_info', async () => {
    const v = await judge(compressionAndRenegotiation, OLD);
    expect(`${v.outcome}: ${v.message}`).toBe('fail: no renegotiation_info in the SSLv3 ServerHello (no secure renegotiation)');
  });
  it('TLS-06 fails deflate compression', async () => {
    const scan = {
      ...scanOf({ 'TLSv1.2': { accepted: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'], hello: hello('0x0303', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', true) } }),
      compression: { protocol: 'TLSv1.2' as const, outcome: 'accepted' as const, answer: 'ServerHello compression deflate' },
    };
    const v = await judge(compressionAndRenegotiation, scan);
    expect(`${v.outcome}: ${v.message}`).toBe('fail: TLS 1.2 compression accepted (ServerHello compression deflate)');
  });
});

describe('judging scans with nothing, or not everything, to judge', () => {
  const { compression: _none, ...allRefused } = { ...scanOf({}), handshakes: 12 };

  it.each([
    ['TLS-01', legacyProtocolsRefused],
    ['TLS-02', modernProtocolsOffered],
    ['TLS-03', strongCipherSuitesOnly],
    ['TLS-05', noSessionTickets],
    ['TLS-06', compressionAndRenegotiation],
  ] as const)('%s is inconclusive when every hello was refused and none got a ServerHello', async (_id, check) => {
    const v = await judge(check, allRefused);
    expect(`${v.outcome}: ${v.message}`).toBe(
      'inconclusive: no ServerHello to any of 12 hellos, so no TLS handshake to judge (answers: fatal alert protocol_version)',
    );
  });

  it('TLS-06 passes on the raw ServerHello plus a refused renegotiation, naming each fact', async () => {
    const v = await judge(compressionAndRenegotiation, TLS12_ONLY, {
      outcome: 'refused',
      how: 'server ended the renegotiation with no_renegotiation',
      protocol: 'TLSv1.2',
    });
    expect(`${v.outcome}: ${v.message}`).toBe(
      'pass: no compression (ServerHello compression null to a deflate offer), secure renegotiation (renegotiation_info in the TLS 1.2 ServerHello), client-initiated renegotiation refused (server ended the renegotiation with no_renegotiation)',
    );
  });

  it('TLS-06 says what stays open when the renegotiation probe and the compression offer got no answer', async () => {
    const scan = {
      ...TLS12_ONLY,
      compression: { protocol: 'TLSv1.2' as const, outcome: 'inconclusive' as const, answer: 'no ServerHello: connection reset after ClientHello' },
    };
    const v = await judge(compressionAndRenegotiation, scan, {
      outcome: 'inconclusive',
      reason: 'node:tls could not complete a TLS 1.0-1.2 handshake to ask for one: ECONNRESET',
    });
    expect(`${v.outcome}: ${v.message}`).toBe(
      'inconclusive: undetermined: compression (no ServerHello: connection reset after ClientHello); client-initiated renegotiation (node:tls could not complete a TLS 1.0-1.2 handshake to ask for one: ECONNRESET); established: secure renegotiation (renegotiation_info in the TLS 1.2 ServerHello)',
    );
  });
});
