import { type Evidence, evidence } from '../../core/evidence.js';
import { defineFact } from '../../core/fact.js';
import { type AuthMethodsResult, listAuthMethods } from '../../probes/ssh/ssh-auth-methods.js';
import { OFFER_READ_MS, offerReadMs, openReach, readSshOffer, type SshOffer, type SshReach } from '../../probes/ssh/ssh-offer.js';
import { portShut, sshOfferSeen } from '../network/exposure-fact.js';

/**
 * The SSH area opens at most two connections to sshd (one raw for the offer, one ssh2 for the
 * auth methods), so fail2ban and MaxStartups are not provoked. When NET runs too, the raw one is
 * NET's own: the port scan's connection, kept open for service identification, which reads on
 * to the KEXINIT, so sshd (which forks and re-executes itself per connection) sees two from the
 * whole scan. Only an offer NET's connection could not carry whole (the connection was not kept,
 * the KEXINIT did not come) costs SSH a connection of its own, as without NET.
 */
export const sshOfferOf = defineFact('SSH offer', async (ctx): Promise<SshOfferFact> => {
  const t = ctx.target;
  const address = t.address ?? t.host;
  // The run's port scan already decided a shut port: knocking again would only wait out the same silence.
  const shut = await portShut(ctx, t.ssh.port);
  if (shut) return { address, port: t.ssh.port, at: shut.at, reach: reachOf(shut), decidedByPortScan: true };
  const seen = await sshOfferSeen(ctx, t.ssh.port);
  if (seen) {
    const { scanned, identity, offer } = seen;
    const reach = openReach(scanned.rttMs, scanned.tries);
    // The greeting's own connection: on a port a request probe is tried first (sshd on 443), that probe had the scan's.
    const connection = identity.sshOfferOnScanConnection ? 'port scan and service identification (NET)' : 'service identification (NET)';
    return { address: seen.address, port: t.ssh.port, reach, ...offer, decidedByPortScan: true, sharedWith: connection };
  }
  return readSshOffer(address, t.ssh.port, t.timeouts.connectMs, offerReadMs(t));
});

/**
 * The offer, or only the reachability when the port scan found the port shut. `sharedWith`:
 * the offer was read on a connection NET opened, and what else it served.
 */
export type SshOfferFact = SshOffer & {
  readonly decidedByPortScan?: true;
  readonly sharedWith?: 'port scan and service identification (NET)' | 'service identification (NET)';
};

function reachOf(r: NonNullable<Awaited<ReturnType<typeof portShut>>>): SshReach {
  if (r.state === 'closed') return { state: 'closed', reason: 'reset', errno: r.errno ?? 'ECONNREFUSED', tries: r.tries };
  return { state: 'filtered', reason: r.reason === 'unreachable' ? 'unreachable' : 'no-response', ...(r.errno ? { errno: r.errno } : {}), tries: r.tries };
}

export const authMethodsOf = defineFact('SSH auth methods', (ctx): Promise<AuthMethodsResult> => {
  const t = ctx.target;
  return listAuthMethods(t.address ?? t.host, t.ssh.port, t.timeouts.connectMs + 2 * OFFER_READ_MS);
});

export const endpoint = (o: SshOffer) => `${o.address}:${o.port}`;

/** How the port answered connect(), in words. */
export function describeReach(o: SshOffer): string {
  const r = o.reach;
  switch (r.state) {
    case 'open':
      return `TCP ${o.port} open`;
    case 'closed':
      return `TCP ${o.port} closed (connection reset, ${r.errno})`;
    case 'filtered':
      return r.reason === 'unreachable'
        ? `TCP ${o.port} filtered (${r.errno}: ICMP unreachable)`
        : `TCP ${o.port} filtered (no answer to ${r.tries} connection attempts)`;
  }
}

export function offerEvidence(o: SshOfferFact): Evidence {
  return evidence(
    `${describeReach(o)}${o.ident ? `: ${o.ident.line}` : ''}`,
    {
      reach: o.reach,
      ...(o.decidedByPortScan ? { decidedBy: 'the port scan of this run (NET)' } : {}),
      ...(o.sharedWith ? { connection: `one connection for this offer and the ${o.sharedWith}` } : {}),
      ...(o.ident ? { identification: o.ident.line, preamble: o.ident.preamble } : {}),
      ...(o.problem ? { problem: o.problem } : {}),
    },
    endpoint(o),
    new Date(o.at),
  );
}

/** Why SSH-02/03 have nothing to judge, or undefined when SSH answered. */
export function unreachable(o: SshOffer): string | undefined {
  return o.reach.state === 'open' ? undefined : `SSH not reachable: ${describeReach(o)}`;
}
