import type { Check } from '../../core/check.js';
import { fail, inconclusive, pass } from '../../core/verdict.js';
import type { Protocol } from '../../probes/tls/protocol.js';
import { addressOf, PROTOCOL_LABEL, scanEvidence, tlsScan } from './facts.js';
import { undecidedScan } from './undecided-scan.js';

// RFC 5077 tickets live in pre-1.3 ServerHellos; TLS 1.3's NewSessionTicket is a different, PFS-friendly mechanism.
const PRE_TLS13: readonly Protocol[] = ['TLSv1.2', 'TLSv1.1', 'TLSv1.0', 'SSLv3'];

/** TLS-05: no session_ticket extension in a TLS 1.2 (or older) ServerHello to a hello that asked for one. */
export const noSessionTickets: Check = {
  id: 'TLS-05',
  async run(ctx) {
    const scan = await tlsScan(ctx);
    const undecided = undecidedScan(ctx.target, scan);
    if (undecided) return undecided;
    const ev = [scanEvidence(ctx.target, scan, `ServerHello extensions from ${addressOf(ctx.target)} (hello offered an empty session_ticket)`)] as const;
    const answered = PRE_TLS13.filter((p) => scan.protocols[p].hello);
    const issuing = answered.filter((p) => scan.protocols[p].hello!.sessionTicket);
    if (issuing.length)
      return fail(`session_ticket extension in the ${issuing.map((p) => PROTOCOL_LABEL[p]).join(', ')} ServerHello (RFC 5077 tickets issued)`, ev);
    if (answered.length) return pass(`no session_ticket extension in the ${answered.map((p) => PROTOCOL_LABEL[p]).join(', ')} ServerHello`, ev);
    if (scan.protocols['TLSv1.3'].status === 'accepted') return pass('only TLS 1.3 accepted: no RFC 5077 session tickets possible', ev);
    return inconclusive('no ServerHello to judge', ev);
  },
};
