import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Target } from '../../core/target.js';
import { HeldConnections } from './held-connections.js';
import { identifyService } from './identify.js';
import type { ServiceIdentity } from './identity.js';
import { resolvePortSet } from './port-sets.js';
import { type PortScan, pool, scanPorts } from './tcp-scan.js';

export interface OpenPort {
  readonly port: number;
  readonly identity: ServiceIdentity | { readonly identified: false; readonly detail: string; readonly probesTried: readonly [] };
}

/** What the network area judges: the scan, and every open port with the service its handshake showed. */
export interface NetworkExposure {
  /** Address connected to (target.address, or the host name). */
  readonly address: string;
  readonly scan: PortScan;
  readonly open: readonly OpenPort[];
  /** Web ports of the target itself (always scanned, so a silent host is recognisable). */
  readonly webPorts: readonly number[];
}

export interface ExposureOptions {
  /** Ports scanned in addition to the target's set (the ports a check judges). */
  readonly extraPorts?: readonly number[];
  /** Open ports identified at most (a host accepting everything must not cost 65535 handshakes). */
  readonly identifyLimit?: number;
  readonly identifyConcurrency?: number;
  /** Overrides for the scan (bench, tests); default from the target. */
  readonly scan?: Partial<Parameters<typeof scanPorts>[0]>;
  /** The port whose SSH greeting identification reads on to the KEXINIT, for the SSH area, and each read's deadline. */
  readonly sshOffer?: { readonly port: number; readonly readMs: number };
  /** Once aborted, identification opens no new connection. */
  readonly signal?: AbortSignal;
}

/** Open ports identified at most by default. */
const IDENTIFY_LIMIT = 64;
/** Bytes kept per identification connection. */
const IDENTIFY_CAP_BYTES = 16_384;
// A connection the scan keeps for identification and nobody takes within this long is reset:
// identification starts as soon as the scan ends (about a second on a default set), and greeting
// services wait longer for a login (sshd's LoginGraceTime 120 s, MySQL's connect_timeout 10 s).
const HOLD_MS = 5_000;

// How long a silent port is listened to for a greeting, and an answer to a request is awaited.
// nmap -sV waits up to 6 s on its NULL probe (nmap-service-probes: totalwaitms 6000); a port that
// hints at its protocol is asked first (identify.ts), so only unhinted silent ports pay this wait.
// Greeting servers answer within a round trip plus their own start-up (a forked sshd, a MySQL
// reverse lookup): 2 s covers those; a reply gets 3 s, one more for a loaded server's work.
const BANNER_MS = 2_000;
const REPLY_MS = 3_000;

/** Scans the target's port set (plus its web ports) and identifies each open port's service. */
export async function probeNetworkExposure(target: Target, opts: ExposureOptions = {}): Promise<NetworkExposure> {
  return identifyOpenPorts(target, await scanTargetPorts(target, opts), opts);
}

/**
 * The connect scan alone: what SSH and TLS can read a port's reachability from before
 * identification ends, and the open ports' connections it kept for identification.
 */
export type TargetPortScan = Omit<NetworkExposure, 'open'> & {
  readonly held: HeldConnections;
  /** Resets the connections still held (the engine closes a fact that has close() when its target is done). */
  close(): void;
};

export async function scanTargetPorts(target: Target, opts: ExposureOptions = {}): Promise<TargetPortScan> {
  // Resolve once: 65535 connects must not mean 65535 lookups, and evidence names the address used.
  const address = target.address ?? (isIP(target.host) ? target.host : (await lookup(target.host)).address);
  const webPorts = [...new Set([target.httpPort, target.httpsPort])];
  const ports = [...new Set([...resolvePortSet(target.ports.scan), ...webPorts, ...(opts.extraPorts ?? [])])];
  // As many as identification will take, and never more than the target's parallel connections
  // (ports.concurrency): an open port past that is reset as before.
  const limit = Math.min(opts.identifyLimit ?? IDENTIFY_LIMIT, target.ports.concurrency);
  const held = new HeldConnections({ limit, holdMs: HOLD_MS, capBytes: IDENTIFY_CAP_BYTES });
  const scan = await scanPorts({
    address,
    ports,
    concurrency: target.ports.concurrency,
    connectMs: target.timeouts.connectMs,
    pilotPorts: webPorts,
    hold: held,
    ...opts.scan,
  }).catch((e: unknown) => {
    // Stopped (or failed): nobody will take what it kept.
    held.releaseAll();
    throw e;
  });
  return { address, scan, webPorts, held, close: () => held.releaseAll() };
}

/** The open ports identification names, in order: the first `limit`. */
export function portsToIdentify(scan: PortScan, limit = IDENTIFY_LIMIT): number[] {
  return scan.results
    .filter((r) => r.state === 'open')
    .map((r) => r.port)
    .slice(0, limit);
}

/** Identifies the service behind one open port of a scan, on the scan's kept connection when there is one. */
export function identifyPort(target: Target, { address, held }: TargetPortScan, port: number, opts: ExposureOptions = {}): Promise<OpenPort['identity']> {
  const kept = held.take(port);
  return identifyService({
    address,
    host: target.host,
    port,
    connectMs: target.timeouts.connectMs,
    bannerMs: Math.min(BANNER_MS, target.timeouts.connectMs),
    replyMs: Math.min(REPLY_MS, target.timeouts.connectMs),
    capBytes: IDENTIFY_CAP_BYTES,
    ...(kept ? { kept } : {}),
    ...(opts.sshOffer?.port === port ? { sshOfferMs: opts.sshOffer.readMs } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}

/**
 * Identifies the service behind each open port of a scan (`identify`: how one port is, e.g. a
 * memoised fact another area may have asked for first).
 */
export async function identifyOpenPorts(
  target: Target,
  portScan: TargetPortScan,
  opts: ExposureOptions = {},
  identify: (port: number) => Promise<OpenPort['identity']> = (port) => identifyPort(target, portScan, port, opts),
): Promise<NetworkExposure> {
  const { address, scan, webPorts, held } = portScan;
  const openPorts = scan.results.filter((r) => r.state === 'open').map((r) => r.port);
  const limit = opts.identifyLimit ?? IDENTIFY_LIMIT;
  const identities = new Map<number, OpenPort['identity']>();
  try {
    await pool(portsToIdentify(scan, limit), opts.identifyConcurrency ?? 8, async (port) => {
      identities.set(port, await identify(port));
    });
  } finally {
    // Connections kept for ports past the limit (or whose identification failed) go as the scan's would have.
    held.releaseAll();
  }
  const open = openPorts.map((port) => ({
    port,
    identity: identities.get(port) ?? { identified: false as const, detail: `not probed: more than ${limit} open ports`, probesTried: [] as [] },
  }));
  return { address, scan, open, webPorts };
}
