import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SSLV2_KINDS, sslv2KindByCode, suiteByCode, suiteByName, TLS_SUITES } from '../../catalogue/cipher-suites.js';
import { buildClientHello } from '../../probes/tls/client-hello.js';
import { judgeServerHello, judgeSslv2, offerHello, offerSslv2 } from '../../probes/tls/hello.js';
import { DOWNGRADE_TLS12, HRR_RANDOM } from '../../probes/tls/protocol.js';
import { parseTlsAnswer, retryRequestOf } from '../../probes/tls/server-hello.js';
import { buildSslv2ClientHello, parseSslv2Answer } from '../../probes/tls/sslv2.js';
import { alertRecord, serverHelloRecord, sslv2ServerHello } from './wire-bytes.js';

// Answers no local server can give (SSLv2, SSLv3, RC4, EXPORT), built per the RFC layouts.
const RC4_MD5 = 0x0004;
const EXP_RC4_MD5 = 0x0003;
const SSL_CK_RC4_128_WITH_MD5 = 0x010080;
const SSL_CK_RC4_128_EXPORT40_WITH_MD5 = 0x020080;

describe('cipher-suite catalogue', () => {
  it('holds the IANA and legacy suites with derived flags', () => {
    expect(TLS_SUITES.length).toBeGreaterThan(350);
    expect(SSLV2_KINDS.length).toBe(13);
    expect(new Set(TLS_SUITES.map((s) => s.code)).size).toBe(TLS_SUITES.length);
    expect(suiteByCode(0xc02f)).toMatchObject({
      name: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      openssl: 'ECDHE-RSA-AES128-GCM-SHA256',
      bits: 128,
      flags: { forwardSecrecy: true, aead: true, cbc: false },
    });
    expect(suiteByCode(RC4_MD5)!.flags).toMatchObject({ rc4: true, forwardSecrecy: false, aead: false });
    expect(suiteByCode(EXP_RC4_MD5)!.flags).toMatchObject({ export: true, rc4: true });
    expect(suiteByCode(0x000a)!.flags).toMatchObject({ tripleDes: true, cbc: true });
    expect(suiteByCode(0x0018)!.flags.anonymous).toBe(true);
    expect(suiteByCode(0x0002)!.flags.nullCipher).toBe(true);
    expect(suiteByName('ECDHE-ECDSA-CHACHA20-POLY1305')?.code).toBe(0xcca9);
    expect(sslv2KindByCode(SSL_CK_RC4_128_EXPORT40_WITH_MD5)).toMatchObject({ name: 'SSL_CK_RC4_128_EXPORT40_WITH_MD5', flags: { export: true } });
  });
});

describe('ClientHello builder', () => {
  it('pads to 512 bytes, sends SNI for names only, and keeps the offer', () => {
    const hello = buildClientHello({ version: 'TLSv1.2', suites: [0xc02f, 0x002f], sni: 'shop.test' });
    expect(hello[0]).toBe(22);
    expect(hello.length - 5).toBeGreaterThanOrEqual(512);
    expect(hello.includes(Buffer.from('shop.test'))).toBe(true);
    expect(hello.readUInt16BE(9)).toBe(0x0303);
    expect(buildClientHello({ version: 'TLSv1.2', suites: [0xc02f], sni: '198.18.1.2' }).includes(Buffer.from('198.18.1.2'))).toBe(false);
  });
  it('offers TLS 1.3 through supported_versions with an X25519 key share', () => {
    const hello = buildClientHello({ version: 'TLSv1.3', suites: [0x1301] });
    expect(hello.readUInt16BE(9)).toBe(0x0303);
    expect(hello.includes(Buffer.from([0x00, 0x2b, 0x00, 0x03, 0x02, 0x03, 0x04]))).toBe(true); // supported_versions: 1.3
    expect(hello.includes(Buffer.from([0x00, 0x33, 0x00, 0x26, 0x00, 0x24, 0x00, 0x1d, 0x00, 0x20]))).toBe(true); // key_share x25519, 32 bytes
  });
  it('builds an SSLv2 CLIENT-HELLO in a two-byte header', () => {
    const h = buildSslv2ClientHello([SSL_CK_RC4_128_WITH_MD5]);
    expect(h[0]! & 0x80).toBe(0x80);
    expect(((h[0]! & 0x7f) << 8) | h[1]!).toBe(h.length - 2);
    expect([...h.subarray(2, 11)]).toEqual([1, 0, 2, 0, 3, 0, 0, 0, 16]);
  });
});

describe('answer parsers', () => {
  it('accepts an SSLv3 ServerHello with RC4-MD5 and records extensions and compression', () => {
    const rec = serverHelloRecord({ version: 0x0300, suite: RC4_MD5, extensions: [{ type: 0xff01, data: Buffer.from([0]) }] });
    const parsed = parseTlsAnswer(rec)!;
    expect(parsed.answer.kind).toBe('server-hello');
    if (parsed.answer.kind !== 'server-hello') return;
    const r = judgeServerHello({ version: 'SSLv3', suites: [RC4_MD5, 0x000a] }, parsed.answer.hello);
    expect(r).toMatchObject({ outcome: 'accepted', version: 'SSLv3', suite: RC4_MD5 });
  });
  it('accepts a TLS 1.0 EXPORT suite with deflate only when deflate was offered', () => {
    const { answer } = parseTlsAnswer(serverHelloRecord({ version: 0x0301, suite: EXP_RC4_MD5, compression: 1 }))!;
    if (answer.kind !== 'server-hello') throw new Error('no hello');
    expect(judgeServerHello({ version: 'TLSv1.0', suites: [EXP_RC4_MD5], compression: [1] }, answer.hello)).toMatchObject({
      outcome: 'accepted',
      hello: { compression: 1 },
    });
    expect(judgeServerHello({ version: 'TLSv1.0', suites: [EXP_RC4_MD5] }, answer.hello)).toMatchObject({ outcome: 'inconclusive' });
  });
  it('calls a suite or version that was not offered garbage, and a lower version a refusal', () => {
    const { answer } = parseTlsAnswer(serverHelloRecord({ version: 0x0303, suite: 0xc02f }))!;
    if (answer.kind !== 'server-hello') throw new Error('no hello');
    expect(judgeServerHello({ version: 'TLSv1.2', suites: [0x002f] }, answer.hello)).toMatchObject({
      outcome: 'inconclusive',
      reason: expect.stringContaining('not offered'),
    });
    expect(judgeServerHello({ version: 'TLSv1.1', suites: [0xc02f] }, answer.hello)).toMatchObject({
      outcome: 'inconclusive',
      reason: expect.stringContaining('above the offered'),
    });
    const low = parseTlsAnswer(serverHelloRecord({ version: 0x0301, suite: 0x002f }))!.answer;
    if (low.kind !== 'server-hello') throw new Error('no hello');
    expect(judgeServerHello({ version: 'TLSv1.2', suites: [0x002f] }, low.hello)).toMatchObject({ outcome: 'refused', how: 'answered with TLSv1.0 instead' });
  });
  it('notes the TLS 1.3 downgrade sentinel and reads a HelloRetryRequest', () => {
    const random = Buffer.concat([Buffer.alloc(24, 7), DOWNGRADE_TLS12]);
    const { answer } = parseTlsAnswer(serverHelloRecord({ version: 0x0303, suite: 0xc02f, random }))!;
    expect(answer.kind === 'server-hello' && answer.hello.downgradeSentinel).toBe('TLSv1.2');
    const cookie = Buffer.from('c00k1e');
    const hrr = serverHelloRecord({
      version: 0x0303,
      suite: 0x1302,
      random: HRR_RANDOM,
      extensions: [
        { type: 43, data: Buffer.from([3, 4]) },
        { type: 51, data: Buffer.from([0, 0x17]) },
        { type: 44, data: Buffer.concat([Buffer.from([0, cookie.length]), cookie]) },
      ],
    });
    const parsed = parseTlsAnswer(hrr)!.answer;
    if (parsed.kind !== 'server-hello') throw new Error('no hello');
    expect(parsed.hello).toMatchObject({ retryRequest: true, version: 0x0304, suite: 0x1302 });
    expect(retryRequestOf(parsed.hello)).toEqual({ group: 0x17, cookie });
  });
  it('reads alerts, waits for split records, and rejects non-TLS bytes', () => {
    expect(parseTlsAnswer(alertRecord(2, 70))!.answer).toEqual({ kind: 'alert', level: 2, description: 70 });
    const rec = serverHelloRecord({ version: 0x0303, suite: 0x002f });
    expect(parseTlsAnswer(rec.subarray(0, 20))).toBeUndefined();
    expect(() => parseTlsAnswer(Buffer.from('HTTP/1.1 400 Bad Request\r\n'))).toThrow(/not a TLS record/);
  });
  it('accepts an SSLv2 SERVER-HELLO and lists its cipher kinds', () => {
    const bytes = sslv2ServerHello([SSL_CK_RC4_128_WITH_MD5, SSL_CK_RC4_128_EXPORT40_WITH_MD5]);
    expect(parseSslv2Answer(bytes.subarray(0, 10))).toBeUndefined();
    const answer = parseSslv2Answer(bytes)!;
    const offered = SSLV2_KINDS.map((k) => k.code);
    expect(judgeSslv2(offered, answer)).toMatchObject({
      outcome: 'accepted',
      version: 'SSLv2',
      sslv2Kinds: [SSL_CK_RC4_128_WITH_MD5, SSL_CK_RC4_128_EXPORT40_WITH_MD5],
    });
    expect(judgeSslv2([SSL_CK_RC4_128_WITH_MD5], answer)).toMatchObject({ outcome: 'inconclusive' });
    expect(judgeSslv2(offered, parseSslv2Answer(sslv2ServerHello([]))!)).toMatchObject({ outcome: 'refused' });
  });
});

// The socket paths on loopback: a scripted server answers every connection the same way.
describe('hello outcomes over a real socket', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));
  const scripted = (onHello: (s: Socket) => void) =>
    new Promise<number>((resolve) => {
      server = createServer((s) => s.once('data', () => onHello(s)));
      server.listen(0, '127.0.0.1', () => resolve((server!.address() as { port: number }).port));
    });
  const ep = (port: number) => ({ address: '127.0.0.1', port, sni: 'shop.test', connectMs: 1000, readMs: 400 });

  it('SSLv2 accepted from a SERVER-HELLO', async () => {
    const port = await scripted((s) => s.end(sslv2ServerHello([SSL_CK_RC4_128_EXPORT40_WITH_MD5])));
    expect(
      await offerSslv2(
        ep(port),
        SSLV2_KINDS.map((k) => k.code),
      ),
    ).toMatchObject({ outcome: 'accepted', suite: SSL_CK_RC4_128_EXPORT40_WITH_MD5 });
  });
  it('SSLv3 RC4 accepted from a ServerHello', async () => {
    const port = await scripted((s) => s.end(serverHelloRecord({ version: 0x0300, suite: RC4_MD5 })));
    expect(await offerHello(ep(port), { version: 'SSLv3', suites: [RC4_MD5] })).toMatchObject({ outcome: 'accepted', version: 'SSLv3', suite: RC4_MD5 });
  });
  it('refused by alert, RST and FIN; inconclusive on silence and garbage', async () => {
    const offer = { version: 'TLSv1.0', suites: [0x002f] } as const;
    let port = await scripted((s) => s.end(alertRecord(2, 40, 0x0301)));
    expect(await offerHello(ep(port), offer)).toEqual({ outcome: 'refused', how: 'fatal alert handshake_failure', alert: 'handshake_failure' });
    server!.close();
    port = await scripted((s) => s.resetAndDestroy());
    expect(await offerHello(ep(port), offer)).toEqual({ outcome: 'refused', how: 'connection reset after ClientHello' });
    server!.close();
    port = await scripted((s) => s.end());
    expect(await offerHello(ep(port), offer)).toEqual({ outcome: 'refused', how: 'connection closed after ClientHello' });
    server!.close();
    port = await scripted(() => undefined);
    expect(await offerHello(ep(port), offer)).toMatchObject({ outcome: 'inconclusive', reason: expect.stringContaining('read timeout') });
    server!.close();
    port = await scripted((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    expect(await offerHello(ep(port), offer)).toMatchObject({ outcome: 'inconclusive', reason: expect.stringContaining('unparseable answer') });
  });
});
