import type { Target } from '../../core/target.js';
import { inconclusive, type Verdict } from '../../core/verdict.js';
import type { TlsScan } from '../../probes/tls/enumerate.js';
import { PROTOCOLS } from '../../probes/tls/protocol.js';
import { addressOf, scanEvidence } from './facts.js';

export const unreachable = (scan: TlsScan) => inconclusive(`HTTPS port ${scan.address}:${scan.port} not reachable: ${scan.unreachableReason}`);

/** True when some hello got a ServerHello (or SSLv2 SERVER-HELLO) that accepted it. */
export const sawServerHello = (scan: TlsScan): boolean => PROTOCOLS.some((p) => scan.protocols[p].status === 'accepted');

/**
 * The verdict when a scan has nothing to judge, else undefined. A port that resets, closes
 * or alerts on every hello has shown no TLS server at all: its "refusals" prove nothing, so
 * TLS-01..03, -05 and -06 stay inconclusive until one ServerHello was seen.
 */
export function undecidedScan(t: Target, scan: TlsScan): Verdict | undefined {
  if (!scan.reachable) return unreachable(scan);
  if (sawServerHello(scan)) return undefined;
  const answers = [...new Set(PROTOCOLS.flatMap((p) => [...scan.protocols[p].refusals, ...scan.protocols[p].errors]))];
  return inconclusive(`no ServerHello to any of ${scan.handshakes} hellos, so no TLS handshake to judge (answers: ${answers.join(' / ') || 'none'})`, [
    scanEvidence(t, scan, `hellos to ${addressOf(t)}`),
  ]);
}
