import type { Check } from '../../core/check.js';
import { fail, inconclusive, pass } from '../../core/verdict.js';
import { describeReach, offerEvidence, sshOfferOf } from './ssh-facts.js';

/** SSH-01: sshd does not answer from this vantage point, unless the target says this is a bastion path. */
export const ssh01: Check = {
  id: 'SSH-01',
  async run(ctx) {
    const o = await sshOfferOf(ctx);
    const proof = [offerEvidence(o)] as const;
    if (o.reach.state !== 'open') return pass(`SSH not reachable: ${describeReach(o)}`, proof);
    if (!o.ident) return inconclusive(`TCP ${o.port} accepts connections but sent no SSH identification: ${o.problem ?? 'nothing read'}`, proof);
    if (ctx.target.ssh.allowedFromHere) {
      return pass(`SSH reachable (${o.ident.line}), allowed from this vantage point by the target's ssh.allowedFromHere`, proof);
    }
    return fail(`SSH reachable from this vantage point: ${o.ident.line} on ${o.address}:${o.port}`, proof);
  },
};
