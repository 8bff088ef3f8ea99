import { isProgrammingError } from '../../core/internal-error.js';
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
  const probes = opts.probes ?? SERVICE_PROBES;
  const cap = opts.capBytes ?? 16_384;
  // In the order tried; "null" is the silent listen.
  const tried: string[] = [];
  const done = (probe: string, r: Recognised): Identified => ({ identified: true, probe, ...r });
  const finish = (o: ProbeOutcome): Identified => done(o.via, o.recognised!);
  const bannerProbes = probes.filter((p) => p.phase === 'banner');
  const isGreeting = (b: Buffer) => bannerProbes.some((p) => p.match(b) !== undefined);
  const request = probes.filter((p): p is RequestProbe => p.phase === 'request');
  const hinted = request.filter((p) => p.ports.includes(opts.port));
  const others = request.filter((p) => !p.ports.includes(opts.port));

  const outcomes: ProbeOutcome[] = [];
  for (const p of hinted) {
    const o = await attempt(opts, cap, p);
    outcomes.push(o);
    tried.push(p.id);
    if (o.recognised && !isGreeting(o.reply)) return finish(o);
  }
  tried.push('null');

  let banner: Buffer;
  let bannerEnd: string;
  try {
    const c = await Conversation.open(opts.address, opts.port, opts.connectMs, cap);
    const r = await c.read({ deadlineMs: opts.bannerMs, idleMs: IDLE_MS, complete: isGreeting }).finally(() => c.close());
    banner = r.data;
    bannerEnd = r.end;
  } catch (e) {
    // A probe's matcher that breaks on the banner is a bug of ours, not a failed connect.
    if (isProgrammingError(e)) throw e;
    // The port already answered a hinted probe recognisably: a failed second connection takes nothing away.
    const recognised = outcomes.find((o) => o.recognised);
    if (recognised) return finish(recognised);
    return { identified: false, detail: `connect failed during identification: ${(e as Error).message}`, probesTried: tried };
  }

  if (banner.length) {
    for (const p of probes) {
      if (p.phase !== 'banner') continue;
      const r = p.match(banner);
      if (r) return done(p.id, r);
    }
    for (const p of probes) {
      if (p.phase !== 'after-banner' || !p.when(banner)) continue;
      tried.push(p.id);
      const seen = await talk(opts, cap, p.send, undefined, true);
      if (seen.reply) {
        const r = p.match(seen.banner, seen.reply);
        if (r) return done(p.id, r);
      }
    }
    return { identified: false, detail: `unrecognised greeting "${excerpt(banner)}"`, probesTried: tried };
  }

  // Silence. A hinted answer that looked like a greeting is all there is to go on.
  const hintedFound = outcomes.find((o) => o.recognised);
  if (hintedFound) return finish(hintedFound);
  // The rest go out together, one connection each, so a port that waits for more bytes than a
  // foreign request holds, or a tarpit, costs one reply timeout, not ten.
  const parallel = await Promise.all(others.map((p) => attempt(opts, cap, p)));
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
async function attempt(opts: IdentifyOptions, cap: number, probe: RequestProbe): Promise<ProbeOutcome> {
  const sent = probe.send(opts.host);
  const reply = (await talk(opts, cap, sent, probe.complete, false)).reply ?? Buffer.alloc(0);
  let recognised = reply.length ? probe.match(reply) : undefined;
  let via = probe.id;
  if (recognised?.service === 'tls') {
    const inner = await recogniseOverTls(opts.address, opts.host, opts.port, opts.replyMs, cap);
    if (inner) [recognised, via] = [inner, `${probe.id}+https-get`];
  }
  const echo = reply.length > 0 && reply.equals(sent.subarray(0, reply.length));
  return { probe, via, reply, echo, ...(recognised ? { recognised } : {}) };
}

/** One exchange on a fresh connection; reply undefined when the connection failed. */
async function talk(
  opts: IdentifyOptions,
  cap: number,
  send: Buffer,
  complete: ((b: Buffer) => boolean) | undefined,
  afterBanner: boolean,
): Promise<{ banner: Buffer; reply?: Buffer }> {
  let c: Conversation;
  try {
    c = await Conversation.open(opts.address, opts.port, opts.connectMs, cap);
  } catch {
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
