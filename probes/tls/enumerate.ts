import pLimit from 'p-limit';
import { type CipherSuite, isTls13Suite, SSLV2_KINDS, suiteName, TLS_SUITES } from '../../catalogue/cipher-suites.js';
import type { HelloOffer, RecordProtocol } from './client-hello.js';
import type { TlsEndpoint } from './connection.js';
import { type HelloResult, offerHello, offerSslv2 } from './hello.js';
import { COMPRESSION_NAMES, extensionName, hex4, PROTOCOLS, type Protocol } from './protocol.js';
import type { ServerHello } from './server-hello.js';

/** Most suites one hello offers: large hellos trip old servers. */
export const CHUNK = 64;

/** A ServerHello's facts, as evidence records them. */
export interface HelloFacts {
  readonly version: string;
  readonly suite: string;
  readonly compression: string;
  readonly extensions: readonly string[];
  readonly sessionTicket: boolean;
  readonly renegotiationInfo: boolean;
  readonly downgradeSentinel?: string;
}

export interface ProtocolScan {
  readonly protocol: Protocol;
  /** accepted: some suite negotiated at this version; refused: every hello refused; else inconclusive. */
  readonly status: 'accepted' | 'refused' | 'inconclusive';
  /** Accepted suites (IANA names), in the order found. */
  readonly accepted: readonly string[];
  readonly acceptedCodes: readonly number[];
  /** Distinct ways the hellos were refused ("fatal alert protocol_version"). */
  readonly refusals: readonly string[];
  /** Hellos that stayed undecided after one retry; when set, `accepted` may be incomplete. */
  readonly errors: readonly string[];
  /** True when the server picks by its own order, false when it follows the client's; unknown below two suites. */
  readonly serverOrder?: boolean;
  /** The server's preferred suite when it enforces its order (or the only one accepted). */
  readonly preferred?: string;
  /** The first accepted ServerHello. */
  readonly hello?: HelloFacts;
  readonly handshakes: number;
}

export interface TlsScan {
  readonly address: string;
  readonly port: number;
  readonly sni?: string;
  /** False when not one TCP connection could be made. */
  readonly reachable: boolean;
  readonly unreachableReason?: string;
  readonly protocols: Readonly<Record<Protocol, ProtocolScan>>;
  /** Deflate offered in a hello of the highest pre-1.3 version accepted. */
  readonly compression?: { readonly protocol: Protocol; readonly outcome: 'accepted' | 'refused' | 'inconclusive'; readonly answer: string };
  readonly handshakes: number;
  readonly elapsedMs: number;
}

export interface ScanOptions {
  /** Handshakes in flight at once against the host. */
  readonly concurrency?: number;
  /** Restrict the scan to these protocols. */
  readonly protocols?: readonly Protocol[];
  /** Once aborted, no new handshake: the scan rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/** Suites worth offering at a version: TLS 1.3 suites only in TLS 1.3; TLS 1.2-only ones only from TLS 1.2. */
export function candidatesFor(protocol: RecordProtocol): readonly CipherSuite[] {
  if (protocol === 'TLSv1.3') return TLS_SUITES.filter(isTls13Suite);
  if (protocol === 'TLSv1.2') return TLS_SUITES.filter((s) => !isTls13Suite(s));
  return TLS_SUITES.filter((s) => s.since === 'SSLv3' || s.since === 'TLSv1');
}

export function helloFacts(h: ServerHello): HelloFacts {
  return {
    version: hex4(h.version),
    suite: suiteName(h.suite),
    compression: COMPRESSION_NAMES[h.compression] ?? String(h.compression),
    extensions: h.extensions.map((e) => extensionName(e.type)),
    sessionTicket: h.extensions.some((e) => e.type === 35),
    renegotiationInfo: h.extensions.some((e) => e.type === 0xff01),
    ...(h.downgradeSentinel ? { downgradeSentinel: h.downgradeSentinel } : {}),
  };
}

type Handshake = (offer: HelloOffer) => Promise<HelloResult>;

/** Enumerates protocols and suites of one endpoint with bounded concurrency. */
export async function scanTls(ep: TlsEndpoint, opts: ScanOptions = {}): Promise<TlsScan> {
  const started = Date.now();
  const limit = pLimit(opts.concurrency ?? 4);
  let handshakes = 0;
  let unreachable: string | undefined;
  let reached = false;
  // Each hello is retried once when undecided (a lost packet is not a verdict).
  const counted = (send: () => Promise<HelloResult>) => () => {
    opts.signal?.throwIfAborted();
    handshakes++;
    return send();
  };
  const attempt = async (send: () => Promise<HelloResult>): Promise<HelloResult> => {
    let r = await limit(counted(send));
    if (r.outcome === 'inconclusive' || (r.outcome === 'unreachable' && reached)) r = await limit(counted(send));
    if (r.outcome === 'unreachable') unreachable ??= r.reason;
    else reached = true;
    return r;
  };
  const hello: Handshake = (offer) => attempt(() => offerHello(ep, offer));

  // One hello first: when the port is unreachable there is nothing to enumerate.
  // It is also TLS 1.2's first chunk, so it costs nothing extra.
  const first = await hello({
    version: 'TLSv1.2',
    suites: candidatesFor('TLSv1.2')
      .slice(0, CHUNK)
      .map((s) => s.code),
  });
  const wanted = opts.protocols ?? PROTOCOLS;
  if (first.outcome === 'unreachable') {
    const none = Object.fromEntries(PROTOCOLS.map((p) => [p, emptyScan(p, 'inconclusive', [], [first.reason])])) as Record<Protocol, ProtocolScan>;
    return {
      address: ep.address,
      port: ep.port,
      ...(ep.sni ? { sni: ep.sni } : {}),
      reachable: false,
      unreachableReason: first.reason,
      protocols: none,
      handshakes,
      elapsedMs: Date.now() - started,
    };
  }
  const scans = await Promise.all(
    PROTOCOLS.map((p) =>
      wanted.includes(p)
        ? p === 'SSLv2'
          ? scanSslv2(ep, attempt)
          : scanProtocol(p, hello, p === 'TLSv1.2' ? first : undefined)
        : Promise.resolve(emptyScan(p, 'inconclusive', [], ['not scanned'])),
    ),
  );
  const protocols = Object.fromEntries(scans.map((s) => [s.protocol, s])) as Record<Protocol, ProtocolScan>;
  const compression = await probeCompression(protocols, hello);
  return {
    address: ep.address,
    port: ep.port,
    ...(ep.sni ? { sni: ep.sni } : {}),
    reachable: reached,
    ...(reached ? {} : { unreachableReason: unreachable ?? 'no connection' }),
    protocols,
    ...(compression ? { compression } : {}),
    handshakes,
    elapsedMs: Date.now() - started,
  };
}

function emptyScan(protocol: Protocol, status: ProtocolScan['status'], refusals: string[], errors: string[]): ProtocolScan {
  return { protocol, status, accepted: [], acceptedCodes: [], refusals, errors, handshakes: 0 };
}

async function scanSslv2(ep: TlsEndpoint, attempt: (send: () => Promise<HelloResult>) => Promise<HelloResult>): Promise<ProtocolScan> {
  const kinds = SSLV2_KINDS.map((k) => k.code);
  const r = await attempt(() => offerSslv2(ep, kinds));
  if (r.outcome === 'accepted') {
    const codes = r.sslv2Kinds ?? [r.suite];
    const names = codes.map((c) => SSLV2_KINDS.find((k) => k.code === c)?.name ?? `0x${c.toString(16)}`);
    return { protocol: 'SSLv2', status: 'accepted', accepted: names, acceptedCodes: codes, refusals: [], errors: [], handshakes: 1 };
  }
  if (r.outcome === 'refused') return { ...emptyScan('SSLv2', 'refused', [r.how], []), handshakes: 1 };
  return { ...emptyScan('SSLv2', 'inconclusive', [], [r.reason]), handshakes: 1 };
}

/**
 * Offers the version's candidates in chunks; each accepted suite is removed and the chunk
 * offered again until the server refuses it. The first chunk goes alone: when it shows the
 * version is off, the other chunks are not sent; otherwise they run in parallel under the host limit.
 */
async function scanProtocol(protocol: RecordProtocol, hello: Handshake, firstAnswer?: HelloResult): Promise<ProtocolScan> {
  const candidates = candidatesFor(protocol).map((s) => s.code);
  const chunks: number[][] = [];
  for (let i = 0; i < candidates.length; i += CHUNK) chunks.push(candidates.slice(i, i + CHUNK));
  const accepted: number[] = [];
  const refusals = new Set<string>();
  const errors: string[] = [];
  let firstHello: ServerHello | undefined;
  let count = 0;
  const runChunk = async (chunk: readonly number[], given?: HelloResult): Promise<HelloResult> => {
    let left = chunk;
    for (;;) {
      count++;
      const r = given ?? (await hello({ version: protocol, suites: left }));
      given = undefined;
      if (r.outcome !== 'accepted') {
        if (r.outcome === 'refused') refusals.add(r.how);
        else errors.push(r.reason);
        return r;
      }
      accepted.push(r.suite);
      firstHello ??= r.hello;
      const chosen = r.suite;
      left = left.filter((c) => c !== chosen);
      if (!left.length) return r;
    }
  };
  const [head, ...rest] = chunks;
  const end = head ? await runChunk(head, firstAnswer) : undefined;
  // protocol_version, or a ServerHello of a lower version, says the version itself is off.
  const versionOff = end?.outcome === 'refused' && !accepted.length && (end.answeredVersion !== undefined || end.alert === 'protocol_version');
  if (!versionOff) await Promise.all(rest.map((c) => runChunk(c)));
  const order = await serverOrder(protocol, accepted, hello);
  count += order.handshakes;
  const status = accepted.length ? 'accepted' : errors.length ? 'inconclusive' : 'refused';
  // Listed in the catalogue's order, not as parallel chunks happened to finish: a rescan of the same
  // server says the same (scan-to-scan diffs compare messages).
  const listed = candidates.filter((c) => accepted.includes(c));
  return {
    protocol,
    status,
    accepted: listed.map(suiteName),
    acceptedCodes: listed,
    refusals: [...refusals],
    errors,
    ...(order.serverOrder !== undefined ? { serverOrder: order.serverOrder } : {}),
    ...(order.preferred !== undefined ? { preferred: suiteName(order.preferred) } : {}),
    ...(firstHello ? { hello: helloFacts(firstHello) } : {}),
    handshakes: count,
  };
}

/**
 * Offers the accepted suites in reverse of the order they were found in. A server that follows
 * the client picks the first offered; any other pick is the server's own preference. Only when
 * the two coincide does a second, forward-ordered hello decide.
 */
async function serverOrder(
  protocol: RecordProtocol,
  accepted: readonly number[],
  hello: Handshake,
): Promise<{ serverOrder?: boolean; preferred?: number; handshakes: number }> {
  if (accepted.length === 1) return { preferred: accepted[0]!, handshakes: 0 };
  if (accepted.length < 2) return { handshakes: 0 };
  const reversed = [...accepted].reverse().slice(0, CHUNK);
  const a = await hello({ version: protocol, suites: reversed });
  if (a.outcome !== 'accepted') return { handshakes: 1 };
  if (a.suite !== reversed[0]) return { serverOrder: true, preferred: a.suite, handshakes: 1 };
  const forward = [...reversed].reverse();
  const b = await hello({ version: protocol, suites: forward });
  if (b.outcome !== 'accepted') return { handshakes: 2 };
  return b.suite === a.suite ? { serverOrder: true, preferred: a.suite, handshakes: 2 } : { serverOrder: false, handshakes: 2 };
}

/** Offers deflate (RFC 3749) next to null compression at the highest pre-1.3 version accepted. */
async function probeCompression(protocols: Record<Protocol, ProtocolScan>, hello: Handshake): Promise<TlsScan['compression']> {
  const version = (['TLSv1.2', 'TLSv1.1', 'TLSv1.0', 'SSLv3'] as const).find((p) => protocols[p].status === 'accepted');
  if (!version) return undefined;
  const r = await hello({ version, suites: protocols[version].acceptedCodes.slice(0, CHUNK), compression: [1] });
  if (r.outcome !== 'accepted') return { protocol: version, outcome: 'inconclusive', answer: `no ServerHello: ${r.outcome === 'refused' ? r.how : r.reason}` };
  const method = r.hello?.compression ?? 0;
  return { protocol: version, outcome: method !== 0 ? 'accepted' : 'refused', answer: `ServerHello compression ${COMPRESSION_NAMES[method] ?? method}` };
}
