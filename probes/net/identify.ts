import { Conversation } from './conversation.js';
import { excerpt, type Identified, type Recognised, type ServiceIdentity } from './identity.js';
import { recogniseOverTls } from './handshakes/https.js';
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
  /** Consecutive silent request probes before giving up (a tarpit never speaks). */
  readonly maxSilent?: number;
  readonly probes?: readonly ServiceProbe[];
}

const IDLE_MS = 250;

/**
 * Names the service on an open port from its own handshake: first listen for a greeting,
 * then speak the protocols in the table until one is recognised. A port that accepts but
 * never answers anything, or echoes, stays unidentified.
 */
export async function identifyService(opts: IdentifyOptions): Promise<ServiceIdentity> {
  const probes = opts.probes ?? SERVICE_PROBES;
  const cap = opts.capBytes ?? 16_384;
  const tried: string[] = ['null'];
  const done = (probe: string, r: Recognised): Identified => ({ identified: true, probe, ...r });

  let banner: Buffer;
  let bannerEnd: string;
  try {
    const c = await Conversation.open(opts.address, opts.port, opts.connectMs, cap);
    const bannerProbes = probes.filter((p) => p.phase === 'banner');
    const r = await c.read({ deadlineMs: opts.bannerMs, idleMs: IDLE_MS, complete: (b) => bannerProbes.some((p) => p.match(b)) });
    c.close();
    banner = r.data;
    bannerEnd = r.end;
  } catch (e) {
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

  const ordered = [
    ...probes.filter((p) => p.phase === 'request' && p.ports.includes(opts.port)),
    ...probes.filter((p) => p.phase === 'request' && !p.ports.includes(opts.port)),
  ] as Extract<ServiceProbe, { phase: 'request' }>[];
  const maxSilent = opts.maxSilent ?? 3;
  let silentRun = 0;
  let silent = 0;
  let echoed = 0;
  let answered = 0;
  for (const p of ordered) {
    tried.push(p.id);
    const sent = p.send(opts.host);
    const seen = await talk(opts, cap, sent, p.complete, false);
    if (!seen.reply?.length) {
      silent++;
      if (++silentRun >= maxSilent && answered === 0) break;
      continue;
    }
    silentRun = 0;
    answered++;
    const r = p.match(seen.reply);
    if (r?.service === 'tls') {
      tried.push('https-get');
      const inner = await recogniseOverTls(opts.address, opts.host, opts.port, opts.replyMs, cap);
      return inner ? done('https-get', inner) : done(p.id, r);
    }
    if (r) return done(p.id, r);
    if (seen.reply.equals(sent.subarray(0, seen.reply.length))) echoed++;
  }
  const closedAtOnce = bannerEnd === 'closed' ? 'closed the connection without a greeting; ' : '';
  const what =
    echoed > 0 && echoed === answered
      ? `echoes what it is sent (${echoed} probes)`
      : answered === 0
        ? `accepts connections but answered none of ${silent} probes`
        : `answered ${answered} probes with nothing recognisable`;
  return { identified: false, detail: `${closedAtOnce}${what}`, probesTried: tried };
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
