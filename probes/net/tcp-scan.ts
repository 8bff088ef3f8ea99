import type { Socket } from 'node:net';
import type { HeldConnections } from './held-connections.js';
import { RttEstimator } from './rtt.js';
import { type ConnectOutcome, type ConnectReason, type PortState, tcpConnect } from './tcp-connect.js';

export interface ScanOptions {
  readonly address: string;
  readonly ports: readonly number[];
  /** Connection attempts in flight at once. */
  readonly concurrency: number;
  /** Ceiling of every attempt's timeout (target.timeouts.connectMs); pilot ports get all of it. */
  readonly connectMs: number;
  /**
   * Ports expected to answer (the target's own web ports): tried first with the full
   * timeout, to learn the round-trip time before the bulk of the scan.
   */
  readonly pilotPorts?: readonly number[];
  /**
   * Extra tries for a port that stayed silent; default 1: nmap -T4 -sT, the anchor we are
   * measured against, sends a silent port's SYN twice (one retransmission) before "filtered".
   */
  readonly retries?: number;
  /**
   * Floor of the adaptive timeout; default 100 ms, nmap -T4's min-rtt-timeout. The round trip is
   * learnt from the web ports, yet another port may be forwarded to a farther machine, and a
   * busy event loop delays our own timers: 50 ms (-T5) would call such an open port filtered.
   * Two tries at 100 ms still decide a default-drop host's 47 ports in about 0.2 s.
   */
  readonly minTimeoutMs?: number;
  /**
   * Timeout while no round trip is known; default 1000 ms, nmap's default initial-rtt-timeout
   * (-T4 starts at 500 but its first round on a default-drop host still waited 1.1 s). Only a
   * host whose web ports stay silent uses it: there nothing has shown how far away it is.
   */
  readonly initialTimeoutMs?: number;
  /**
   * Where an open port's connection goes instead of being reset, for the next talker to that
   * port (service identification); it decides what it keeps. Ports outside `ports` are never held.
   */
  readonly hold?: HeldConnections;
  /** Once aborted, no new connection: the scan rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

export interface PortResult {
  readonly port: number;
  readonly state: PortState | 'error';
  readonly reason: ConnectReason | 'local-error';
  readonly errno?: string;
  readonly rttMs?: number;
  /** connect() attempts made for this port. */
  readonly tries: number;
}

export interface PortScan {
  readonly address: string;
  readonly startedAt: string;
  readonly durationMs: number;
  /** Every scanned port, ascending. */
  readonly results: readonly PortResult[];
  readonly counts: Readonly<Record<PortResult['state'], number>>;
  readonly attempts: number;
  readonly rtt: ReturnType<RttEstimator['snapshot']>;
  readonly settings: { readonly concurrency: number; readonly connectMs: number; readonly retries: number; readonly minTimeoutMs: number };
}

// A local error (EMFILE, EADDRNOTAVAIL) is retried after a pause: it says nothing about the target.
const LOCAL_ERROR_TRIES = 4;
const LOCAL_ERROR_PAUSE_MS = 100;

/**
 * TCP connect scan deciding open / closed / filtered as nmap -sT does. Silent ports get
 * one more try (they may have lost a SYN); the timeout adapts to the measured round trip.
 */
export async function scanPorts(opts: ScanOptions): Promise<PortScan> {
  const started = new Date();
  const t0 = performance.now();
  const retries = opts.retries ?? 1;
  const minTimeoutMs = Math.min(opts.minTimeoutMs ?? 100, opts.connectMs);
  const rtt = new RttEstimator(opts.initialTimeoutMs ?? 1000, minTimeoutMs, opts.connectMs);
  const results = new Map<number, PortResult>();
  let attempts = 0;

  const wanted = [...new Set(opts.ports)];
  const hold = opts.hold;
  const holdable = new Set(wanted);
  const attempt = async (port: number, timeoutMs: number, tries: number): Promise<PortResult> => {
    const keep = hold && holdable.has(port) ? (socket: Socket) => hold.offer(port, socket) : undefined;
    let outcome: ConnectOutcome;
    let localTries = 0;
    do {
      opts.signal?.throwIfAborted();
      attempts++;
      outcome = await tcpConnect(opts.address, port, timeoutMs, keep);
      if (outcome.state !== 'error') break;
      await pause(LOCAL_ERROR_PAUSE_MS);
    } while (++localTries < LOCAL_ERROR_TRIES);
    if (outcome.state !== 'error' && outcome.rttMs !== undefined) rtt.sample(outcome.rttMs);
    return { port, ...outcome, tries };
  };

  const pilots = [...new Set(opts.pilotPorts ?? [])];
  await Promise.all(pilots.map(async (port) => results.set(port, await attempt(port, opts.connectMs, 1))));

  const rest = wanted.filter((p) => !results.has(p));
  await pool(rest, opts.concurrency, async (port) => results.set(port, await attempt(port, rtt.timeoutMs(), 1)));
  for (let round = 1; round <= retries; round++) {
    const silent = [...results.values()].filter((r) => r.state === 'filtered' && r.reason === 'no-response').map((r) => r.port);
    await pool(silent, opts.concurrency, async (port) => results.set(port, await attempt(port, rtt.timeoutMs(), round + 1)));
  }

  // Pilots outside the requested set were only for timing.
  const ordered = wanted.map((p) => results.get(p)!).sort((a, b) => a.port - b.port);
  const counts = { open: 0, closed: 0, filtered: 0, error: 0 };
  for (const r of ordered) counts[r.state]++;
  return {
    address: opts.address,
    startedAt: started.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    results: ordered,
    counts,
    attempts,
    rtt: rtt.snapshot(),
    settings: { concurrency: opts.concurrency, connectMs: opts.connectMs, retries, minTimeoutMs },
  };
}

/**
 * Runs `work` over items with at most `limit` in flight. A fixed set of workers pulling from
 * the list rather than p-limit: a full range would otherwise queue 65535 promises up front.
 */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
