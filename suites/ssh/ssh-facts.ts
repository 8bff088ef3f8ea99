import { defineFact } from '../../core/fact.js';
import { evidence, type Evidence } from '../../core/evidence.js';
import { listAuthMethods, type AuthMethodsResult } from '../../probes/ssh/ssh-auth-methods.js';
import { readSshOffer, type SshOffer } from '../../probes/ssh/ssh-offer.js';

const READ_MS = 5_000;

/**
 * At most two connections per scan reach sshd (one raw for the offer, one ssh2 for the
 * auth methods), so fail2ban and MaxStartups are not provoked.
 */
export const sshOfferOf = defineFact('SSH offer', (ctx): Promise<SshOffer> => {
  const t = ctx.target;
  return readSshOffer(t.address ?? t.host, t.ssh.port, t.timeouts.connectMs, Math.min(READ_MS, t.timeouts.requestMs));
});

export const authMethodsOf = defineFact('SSH auth methods', (ctx): Promise<AuthMethodsResult> => {
  const t = ctx.target;
  return listAuthMethods(t.address ?? t.host, t.ssh.port, t.timeouts.connectMs + 2 * READ_MS);
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

export function offerEvidence(o: SshOffer): Evidence {
  return evidence(
    `${describeReach(o)}${o.ident ? `: ${o.ident.line}` : ''}`,
    { reach: o.reach, ...(o.ident ? { identification: o.ident.line, preamble: o.ident.preamble } : {}), ...(o.problem ? { problem: o.problem } : {}) },
    endpoint(o),
    new Date(o.at),
  );
}

/** Why SSH-02/03 have nothing to judge, or undefined when SSH answered. */
export function unreachable(o: SshOffer): string | undefined {
  return o.reach.state === 'open' ? undefined : `SSH not reachable: ${describeReach(o)}`;
}
