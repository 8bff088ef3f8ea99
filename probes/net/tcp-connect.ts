import { Socket } from 'node:net';

/** nmap's connect-scan states. */
export type PortState = 'open' | 'closed' | 'filtered';

/** How connect() ended, mapped as nmap's connect scan maps it (scan_engine_connect.cc). */
export type ConnectReason = 'syn-ack' | 'reset' | 'no-response' | 'unreachable';

export type ConnectOutcome =
  | { readonly state: PortState; readonly reason: ConnectReason; readonly errno?: string; readonly rttMs?: number }
  /** A local failure (out of sockets or ports): says nothing about the target, so retried. */
  | { readonly state: 'error'; readonly reason: 'local-error'; readonly errno: string };

/** errno of a failed connect() → what it says about the port. Anything else is a local error. */
const ERRNO_STATE: Readonly<Record<string, { state: PortState; reason: ConnectReason }>> = {
  ECONNREFUSED: { state: 'closed', reason: 'reset' },
  ETIMEDOUT: { state: 'filtered', reason: 'no-response' },
  // ICMP unreachable (host, net, admin-prohibited) arrives as one of these.
  EHOSTUNREACH: { state: 'filtered', reason: 'unreachable' },
  ENETUNREACH: { state: 'filtered', reason: 'unreachable' },
  EHOSTDOWN: { state: 'filtered', reason: 'unreachable' },
  ENETDOWN: { state: 'filtered', reason: 'unreachable' },
  EACCES: { state: 'filtered', reason: 'unreachable' },
  EPERM: { state: 'filtered', reason: 'unreachable' },
};

/**
 * One connect() with its own timeout. An open port is closed with RST at once (linger 0,
 * as nmap does), so the service sees no half-finished session, unless `keep` takes the
 * connected socket over (returns true): it then owns it, and must hang up itself.
 */
export function tcpConnect(address: string, port: number, timeoutMs: number, keep?: (socket: Socket) => boolean): Promise<ConnectOutcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = new Socket();
    let settled = false;
    const settle = (outcome: ConnectOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      // Timers run before I/O callbacks in Node's loop: give an answer already queued
      // (a SYN-ACK that beat the timer during a busy tick) one I/O turn before saying "filtered".
      setImmediate(() => {
        if (settled) return;
        socket.destroy();
        settle({ state: 'filtered', reason: 'no-response' });
      });
    }, timeoutMs);
    socket.once('connect', () => {
      const rttMs = performance.now() - started;
      if (!keep?.(socket)) socket.resetAndDestroy();
      settle({ state: 'open', reason: 'syn-ack', rttMs });
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (settled) return; // a late error after RST/destroy says nothing new
      const errno = e.code ?? 'UNKNOWN';
      const mapped = ERRNO_STATE[errno];
      socket.destroy();
      if (!mapped) return settle({ state: 'error', reason: 'local-error', errno });
      settle(mapped.state === 'closed' ? { ...mapped, errno, rttMs: performance.now() - started } : { ...mapped, errno });
    });
    socket.connect({ host: address, port });
  });
}
