import { buildClientHello, type HelloOffer, KEY_SHARE_GROUPS } from './client-hello.js';
import { converse, type Step, type TlsEndpoint, type WireEnd } from './connection.js';
import { ALERT_NAMES, hex4, type Protocol, protocolOfWire, WIRE_VERSION } from './protocol.js';
import { parseTlsAnswer, retryRequestOf, type ServerHello, type TlsAnswer } from './server-hello.js';
import { buildSslv2ClientHello, parseSslv2Answer, type Sslv2Answer } from './sslv2.js';

/** One hello's meaning: accepted (version and suite as offered), refused (and how), or undecided. */
export type HelloResult =
  | {
      readonly outcome: 'accepted';
      readonly version: Protocol;
      readonly suite: number;
      /** The ServerHello (TLS/SSLv3); absent for SSLv2. */
      readonly hello?: ServerHello;
      /** SSLv2: every cipher kind the SERVER-HELLO listed. */
      readonly sslv2Kinds?: readonly number[];
      /** TLS 1.3: the server first sent a HelloRetryRequest for this group. */
      readonly retriedForGroup?: number;
    }
  | { readonly outcome: 'refused'; readonly how: string; readonly alert?: string; readonly answeredVersion?: Protocol }
  | { readonly outcome: 'inconclusive'; readonly reason: string }
  | { readonly outcome: 'unreachable'; readonly reason: string };

export const alertName = (d: number): string => ALERT_NAMES[d] ?? `alert ${d}`;

type Received = { readonly final: TlsAnswer; readonly retry?: { readonly group: number } } | { readonly hrrOnly: ServerHello };

/** Sends one hand-built ClientHello (answering an HRR once) and judges the answer against the offer. */
export async function offerHello(ep: TlsEndpoint, offer: HelloOffer): Promise<HelloResult> {
  const withSni: HelloOffer = ep.sni ? { ...offer, sni: ep.sni } : offer;
  let hrr: ServerHello | undefined;
  let hrrEnd = 0;
  const step = (buf: Buffer): Step<Received> => {
    const parsed = parseTlsAnswer(buf, hrrEnd);
    if (!parsed) return { need: true };
    const { answer, end } = parsed;
    if (answer.kind === 'server-hello' && answer.hello.retryRequest) {
      if (hrr) return { done: { final: answer } }; // a second HRR is an error, judged below
      hrr = answer.hello;
      hrrEnd = end;
      const { group, cookie } = retryRequestOf(answer.hello);
      if (group === undefined || !(KEY_SHARE_GROUPS as readonly number[]).includes(group)) return { done: { hrrOnly: answer.hello } };
      return { send: buildClientHello(withSni, cookie ? { group, cookie } : { group }) };
    }
    return { done: hrr ? { final: answer, retry: { group: retryRequestOf(hrr).group! } } : { final: answer } };
  };
  const end = await converse(ep, buildClientHello(withSni), step);
  if (end.kind !== 'answered') return wireFailure(end);
  if ('hrrOnly' in end.value) return judgeServerHello(offer, end.value.hrrOnly);
  const { final, retry } = end.value;
  if (final.kind === 'alert') return refusedByAlert(final.level, final.description);
  if (final.hello.retryRequest) return { outcome: 'inconclusive', reason: 'second HelloRetryRequest' };
  const judged = judgeServerHello(offer, final.hello);
  if (retry && judged.outcome === 'accepted') {
    if (hrr && hrr.suite !== final.hello.suite) return { outcome: 'inconclusive', reason: 'ServerHello suite differs from the HelloRetryRequest' };
    return { ...judged, retriedForGroup: retry.group };
  }
  return judged;
}

function refusedByAlert(level: number, description: number): HelloResult {
  const name = alertName(description);
  return { outcome: 'refused', how: `${level === 2 ? 'fatal' : 'warning'} alert ${name}`, alert: name };
}

/** Refusals and failures that happen before any parseable answer. */
function wireFailure(end: Exclude<WireEnd<unknown>, { kind: 'answered' }>): HelloResult {
  switch (end.kind) {
    case 'connect-failed':
      return { outcome: 'unreachable', reason: end.reason };
    case 'closed':
      return end.bytes === 0
        ? { outcome: 'refused', how: end.how === 'reset' ? 'connection reset after ClientHello' : 'connection closed after ClientHello' }
        : { outcome: 'inconclusive', reason: `connection ${end.how === 'reset' ? 'reset' : 'closed'} after ${end.bytes} bytes of an incomplete answer` };
    case 'timeout':
      return { outcome: 'inconclusive', reason: `no complete answer within the read timeout (${end.bytes} bytes)` };
    case 'garbage':
      return { outcome: 'inconclusive', reason: `unparseable answer: ${end.detail} (starts ${end.head})` };
  }
}

/** Checks the ServerHello against what was offered: anything not offered is garbage. */
export function judgeServerHello(offer: HelloOffer, hello: ServerHello): HelloResult {
  const offered = WIRE_VERSION[offer.version];
  const answered = protocolOfWire(hello.version);
  if (!answered || answered === 'SSLv2') return { outcome: 'inconclusive', reason: `ServerHello with unknown version ${hex4(hello.version)}` };
  if (hello.version > offered) return { outcome: 'inconclusive', reason: `ServerHello version ${answered} above the offered ${offer.version}` };
  if (offer.version !== 'TLSv1.3' && hello.extensions.some((e) => e.type === 43)) {
    return { outcome: 'inconclusive', reason: 'supported_versions in a ServerHello to a pre-TLS 1.3 hello' };
  }
  if (hello.version < offered) return { outcome: 'refused', how: `answered with ${answered} instead`, answeredVersion: answered };
  if (!offer.suites.includes(hello.suite)) return { outcome: 'inconclusive', reason: `ServerHello chose suite ${hex4(hello.suite)} that was not offered` };
  const compressions = [...(offer.compression ?? []), 0];
  if (!compressions.includes(hello.compression))
    return { outcome: 'inconclusive', reason: `ServerHello chose compression ${hello.compression} that was not offered` };
  return { outcome: 'accepted', version: answered, suite: hello.suite, hello };
}

/** Sends an SSLv2 CLIENT-HELLO offering `kinds`. */
export async function offerSslv2(ep: TlsEndpoint, kinds: readonly number[]): Promise<HelloResult> {
  const step = (buf: Buffer): Step<Sslv2Answer | TlsAnswer> => {
    // A TLS server may answer an SSLv2 hello with a TLS alert or ServerHello.
    if (buf[0] === 0x15 || buf[0] === 0x16) {
      const tls = parseTlsAnswer(buf);
      return tls ? { done: tls.answer } : { need: true };
    }
    const v2 = parseSslv2Answer(buf);
    return v2 ? { done: v2 } : { need: true };
  };
  const end = await converse(ep, buildSslv2ClientHello(kinds), step);
  if (end.kind !== 'answered') return wireFailure(end);
  return judgeSslv2(kinds, end.value);
}

export function judgeSslv2(kinds: readonly number[], answer: Sslv2Answer | TlsAnswer): HelloResult {
  switch (answer.kind) {
    case 'alert':
      return refusedByAlert(answer.level, answer.description);
    case 'server-hello':
      return { outcome: 'refused', how: `answered the SSLv2 hello with a TLS ServerHello ${hex4(answer.hello.version)}` };
    case 'error':
      return { outcome: 'refused', how: `SSLv2 ERROR ${answer.code}` };
    case 'sslv2-hello':
      break;
  }
  if (answer.version !== 0x0002) return { outcome: 'inconclusive', reason: `SSLv2 SERVER-HELLO with version ${hex4(answer.version)}` };
  const stray = answer.cipherKinds.filter((k) => !kinds.includes(k));
  if (stray.length) return { outcome: 'inconclusive', reason: `SSLv2 SERVER-HELLO lists kinds not offered: ${stray.map((k) => k.toString(16)).join(', ')}` };
  const [first] = answer.cipherKinds;
  if (first === undefined) return { outcome: 'refused', how: 'SSLv2 SERVER-HELLO with no common cipher kind' };
  return { outcome: 'accepted', version: 'SSLv2', suite: first, sslv2Kinds: answer.cipherKinds };
}
