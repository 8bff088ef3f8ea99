import type { Check } from '../../core/check.js';
import { fail, inconclusive, pass } from '../../core/verdict.js';
import type { Protocol } from '../../probes/tls/protocol.js';
import { addressOf, PROTOCOL_LABEL, scanEvidence, tlsScan } from './facts.js';
import { undecidedScan } from './undecided-scan.js';

const REQUIRED: readonly Protocol[] = ['TLSv1.2', 'TLSv1.3'];

/** TLS-02: TLS 1.2 and TLS 1.3 both negotiated. */
export const modernProtocolsOffered: Check = {
  id: 'TLS-02',
  async run(ctx) {
    const scan = await tlsScan(ctx);
    const undecided = undecidedScan(ctx.target, scan);
    if (undecided) return undecided;
    const ev = [scanEvidence(ctx.target, scan, `TLS 1.2 and 1.3 hellos to ${addressOf(ctx.target)}`)] as const;
    const scans = REQUIRED.map((p) => scan.protocols[p]);
    const missing = scans.filter((p) => p.status === 'refused');
    if (missing.length) {
      return fail(`${missing.map((p) => `${PROTOCOL_LABEL[p.protocol]} not offered (${p.refusals.join(' / ')})`).join('; ')}`, ev);
    }
    const open = scans.filter((p) => p.status === 'inconclusive');
    if (open.length) return inconclusive(`no decision for ${open.map((p) => `${PROTOCOL_LABEL[p.protocol]} (${p.errors[0]})`).join(', ')}`, ev);
    return pass(`TLS 1.2 and TLS 1.3 offered (${scans.map((p) => `${PROTOCOL_LABEL[p.protocol]}: ${p.hello?.suite ?? p.accepted[0]}`).join('; ')})`, ev);
  },
};
