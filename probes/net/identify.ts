import { isProgrammingError } from '../../core/internal-error.js';
import { readOfferOn } from '../ssh/ssh-offer.js';
import { Conversation } from './conversation.js';
import { recogniseOverTls } from './handshakes/https.js';
import { excerpt, type Identified, type Recognised, type ServiceIdentity } from './identity.js';
import { SERVICE_PROBES, type ServiceProbe } from './service-probes.js';

export interface IdentifyOptions {
  readonly address: string;
  /** Host name for HTTP Host and TLS SNI. */
  readonly host: string;
  readonly port: number;
  readonly connectMs: number;
  /** How long to wait for a server that speaks first. */
  readonly bannerMs: number;
  /** How long to wait for the answer to a request. */
  readonly replyMs: number;
  /** Bytes kept per connection. */
  readonly capBytes?: number;
  readonly probes?: readonly ServiceProbe[];
  /**
   * The port scan's connection to this port, kept open (held-connections.ts): the first
   * exchange runs on it, a greeting sent meanwhile already waiting, instead of on a new one.
   */
  readonly kept?: Conversation;
  /**
   * When set and the port greets with an SSH identification: send ours and read the server's
   * KEXINIT on that same connection before hanging up (deadline of each read), so the SSH area's
   * offer costs sshd no connection of its own.
   */
  readonly sshOfferMs?: number;
  /** Once aborted (the target's checks ended), no new connection: what is left stays unidentified. */
  readonly signal?: AbortSignal;
}

// Once bytes arrived, this long without more ends a read: greetings and answers come in one burst.
const IDLE_MS = 250;

/**
 * Names the service on an open port from its own handshake: listen for a greeting, then speak
 * the protocols in the table until one is recognised. A port that accepts but never answers
 * anything, or echoes, stays unidentified.
 *
 * On a port whose number hints at a protocol (80 → HTTP, 443 → TLS, 6379 → Redis) that
 * protocol's own request goes first, before the greeting wait: web servers never greet, so
 * listening bannerMs on 80 and 443 first cost two seconds of every scan, while their answer to
 * GET or ClientHello takes one round trip. A server that speaks first still greets when spoken
 * to: an answer a banner probe would take for a greeting (an SSH ident on 80, Redis's -DENIED)
 * names nothing yet, and the silent listen decides as before. One connection at a time, as
 * before: a server with a single worker (php-fpm, pm.max_children = 1) answers each in turn.
 */
export async function identifyService(opts: IdentifyOptions): Promise<ServiceIdentity> {
  const conns = new Connections(opts);
  try {
    const identity = await identifyOn(opts, conns);
    return conns.keptUsed ? { ...identity, onScanConnection: true } : identity;
  } finally {
    conns.dropKept();
  }
}

/** Where identification's connections come from: the scan's kept one first, then new ones. */
class Connections {
  private kept: Conversation | undefined;
  keptUsed = false;

  constructor(private readonly opts: IdentifyOptions) {
    this.kept = opts.kept;
  }

  open(cap: number): Promise<Conversation> {
    this.opts.signal?.throwIfAborted();
    const kept = this.kept;
    this.kept = undefined;
    if (kept && !kept.closed) {
      this.keptUsed = true;
      return Promise.resolve(kept);
    }
    kept?.reset();
    return Conversation.open(this.opts.address, this.opts.port, this.opts.connectMs, cap);
  }

  /** A kept connection no exchange used (none ran) is reset, as the scan would have. */
  dropKept(): void {
    this.kept?.reset();
    this.kept = undefined;
  }
}

async function identifyOn(opts: IdentifyOptions, conns: Connections): Promise<ServiceIdentity> {
  const probes = opts.probes ?? SERVICE_PROBES;
  const cap = opts.capBytes ?? 16_384;
  // In the order tried; "null" is the silent listen.
  const tried: string[] = [];
  const done = (probe: string, r: Recognised, more: Partial<Identified> = {}): Identified => ({ identified: true, probe, ...r, ...more });
  const finish = (o: ProbeOutcome): Identified => done(o.via, o.recognised!);
  const bannerProbes = probes.filter((p) => p.phase === 'banner');
  const isGreeting = (b: Buffer) => bannerProbes.some((p) => p.match(b) !== undefined);
  const request = probes.filter((p): p is RequestProbe => p.phase === 'request');
  const hinted = request.filter((p) => p.ports.includes(opts.port));
  const others = request.filter((p) => !p.ports.includes(opts.port));

  const outcomes: ProbeOutcome[] = [];
  for (const p of hinted) {
    const o = await attempt(opts, conns, cap, p);
    outcomes.push(o);
    tried.push(p.id);
    if (o.recognised && !isGreeting(o.reply)) return finish(o);
  }
  tried.push('null');

  let banner: Buffer;
  let bannerEnd: string;
  let c: Conversation | undefined;
  try {
    c = await conns.open(cap);
    const r = await c.read({ deadlineMs: opts.bannerMs, idleMs: IDLE_MS, complete: isGreeting });
    banner = r.data;
    bannerEnd = r.end;
  } catch (e) {
    c?.close();
    // A probe's matcher that breaks on the banner is a bug of ours, not a failed connect; a
    // stopped target's identification is nobody's to report.
    if (isProgrammingError(e) || opts.signal?.aborted) throw e;
    // The port already answered a hinted probe recognisably: a failed second connection takes nothing away.
    const recognised = outcomes.find((o) => o.recognised);
    if (recognised) return finish(recognised);
    return { identified: false, detail: `connect failed during identification: ${(e as Error).message}`, probesTried: tried };
  }

  if (banner.length) {
    try {
      for (const p of probes) {
        if (p.phase !== 'banner') continue;
        const r = p.match(banner);
        if (!r) continue;
        // The SSH area's offer, read on while the greeting's connection is still open.
        if (r.service === 'ssh' && opts.sshOfferMs !== undefined) {
          const sshOffer = await readOfferOn(c, opts.sshOfferMs, banner);
          return done(p.id, r, { sshOffer, ...(c === opts.kept ? { sshOfferOnScanConnection: true as const } : {}) });
        }
        return done(p.id, r);
      }
    } finally {
      c.close();
    }
    for (const p of probes) {
      if (p.phase !== 'after-banner' || !p.when(banner)) continue;
      tried.push(p.id);
      const seen = await talk(opts, conns, cap, p.send, undefined, true);
      if (seen.reply) {
        const r = p.match(seen.banner, seen.reply);
        if (r) return done(p.id, r);
      }
    }
    return { identified: false, detail: `unrecognised greeting "${excerpt(banner)}"`, probesTried: tried };
  }
  c.close();

  // Silence. A hinted answer that looked like a greeting is all there is to go on.
  const hintedFound = outcomes.find((o) => o.recognised);
  if (hintedFound) return finish(hintedFound);
  // The rest go out together, one connection each, so a port that waits for more bytes than a
  // foreign request holds, or a tarpit, costs one reply timeout, not ten.
  const parallel = await Promise.all(others.map((p) => attempt(opts, conns, cap, p)));
  outcomes.push(...parallel);
  const found = parallel.find((o) => o.recognised);
  if (found) return finish(found);
  tried.push(...others.map((p) => p.id));
  const answered = outcomes.filter((o) => o.reply.length);
  const echoed = answered.filter((o) => o.echo).length;
  const closedAtOnce = bannerEnd === 'closed' ? 'closed the connection without a greeting; ' : '';
  const what =
    echoed > 0 && echoed === answered.length
      ? `echoes what it is sent (${echoed} probes)`
      : answered.length === 0
        ? `accepts connections but answered none of ${outcomes.length} probes`
        : `answered ${answered.length} of ${outcomes.length} probes with nothing recognisable`;
  return { identified: false, detail: `${closedAtOnce}${what}`, probesTried: tried };
}

type RequestProbe = Extract<ServiceProbe, { phase: 'request' }>;

interface ProbeOutcome {
  readonly probe: RequestProbe;
  /** Probe id, plus "+https-get" when the service was named over TLS. */
  readonly via: string;
  readonly reply: Buffer;
  readonly echo: boolean;
  readonly recognised?: Recognised;
}

/** One request probe on its own connection; a TLS answer is followed by GET / over TLS to name what is behind it. */
async function attempt(opts: IdentifyOptions, conns: Connections, cap: number, probe: RequestProbe): Promise<ProbeOutcome> {
  const sent = probe.send(opts.host);
  const reply = (await talk(opts, conns, cap, sent, probe.complete, false)).reply ?? Buffer.alloc(0);
  let recognised = reply.length ? probe.match(reply) : undefined;
  let via = probe.id;
  if (recognised?.service === 'tls' && !opts.signal?.aborted) {
    const inner = await recogniseOverTls(opts.address, opts.host, opts.port, opts.replyMs, cap);
    if (inner) [recognised, via] = [inner, `${probe.id}+https-get`];
  }
  const echo = reply.length > 0 && reply.equals(sent.subarray(0, reply.length));
  return { probe, via, reply, echo, ...(recognised ? { recognised } : {}) };
}

/** One exchange on a connection of its own; reply undefined when the connection failed. */
async function talk(
  opts: IdentifyOptions,
  conns: Connections,
  cap: number,
  send: Buffer,
  complete: ((b: Buffer) => boolean) | undefined,
  afterBanner: boolean,
): Promise<{ banner: Buffer; reply?: Buffer }> {
  let c: Conversation;
  try {
    c = await conns.open(cap);
  } catch (e) {
    // As the banner's connection: our bug, or a stop, is not a silent port.
    if (isProgrammingError(e) || opts.signal?.aborted) throw e;
    return { banner: Buffer.alloc(0) };
  }
  try {
    const banner = afterBanner ? (await c.read({ deadlineMs: opts.bannerMs, idleMs: IDLE_MS, complete: (b) => b.includes(0x0a) })).data : Buffer.alloc(0);
    c.write(send);
    const reply = await c.read({ deadlineMs: opts.replyMs, idleMs: IDLE_MS, ...(complete ? { complete } : {}) });
    return { banner, reply: reply.data };
  } finally {
    c.close();
  }
}
