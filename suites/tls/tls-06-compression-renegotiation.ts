import type { Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import { fail, inconclusive, pass } from '../../core/verdict.js';
import type { Protocol } from '../../probes/tls/protocol.js';
import { addressOf, PROTOCOL_LABEL, renegotiation, scanEvidence, tlsScan } from './facts.js';
import { undecidedScan } from './undecided-scan.js';

const PRE_TLS13: readonly Protocol[] = ['TLSv1.2', 'TLSv1.1', 'TLSv1.0', 'SSLv3'];

/**
 * TLS-06: no compression, renegotiation_info in every pre-1.3 ServerHello, client-initiated
 * renegotiation refused. The first two are read from the raw ServerHellos (RFC 5746 §3.6,
 * RFC 3749); only the third needs a completed node:tls handshake, so when that handshake
 * cannot be made the verdict says what the raw hellos did establish and what is left open.
 */
export const compressionAndRenegotiation: Check = {
  id: 'TLS-06',
  async run(ctx) {
    const scan = await tlsScan(ctx);
    const undecided = undecidedScan(ctx.target, scan);
    if (undecided) return undecided;
    const answered = PRE_TLS13.filter((p) => scan.protocols[p].hello);
    if (!answered.length) {
      const ev = [scanEvidence(ctx.target, scan, `hellos to ${addressOf(ctx.target)}`)] as const;
      if (scan.protocols['TLSv1.3'].status === 'accepted') return pass('only TLS 1.3 accepted: it has neither compression nor renegotiation', ev);
      return inconclusive('no SSLv3 or TLS ServerHello to judge (only an SSLv2 SERVER-HELLO)', ev);
    }
    const reneg = await renegotiation(ctx);
    const names = (ps: readonly Protocol[]) => ps.map((p) => PROTOCOL_LABEL[p]).join(', ');
    const insecure = answered.filter((p) => !scan.protocols[p].hello!.renegotiationInfo);
    const problems: string[] = [];
    const established: string[] = [];
    const open: string[] = [];
    const c = scan.compression;
    if (c?.outcome === 'accepted') problems.push(`${PROTOCOL_LABEL[c.protocol]} compression accepted (${c.answer})`);
    else if (c?.outcome === 'refused') established.push(`no compression (${c.answer} to a deflate offer)`);
    else open.push(`compression (${c?.answer ?? 'deflate offer not sent'})`);
    if (insecure.length) problems.push(`no renegotiation_info in the ${names(insecure)} ServerHello (no secure renegotiation)`);
    else established.push(`secure renegotiation (renegotiation_info in the ${names(answered)} ServerHello)`);
    if (reneg.outcome === 'accepted') problems.push(`client-initiated renegotiation accepted on ${reneg.protocol}`);
    else if (reneg.outcome === 'refused') established.push(`client-initiated renegotiation refused (${reneg.how})`);
    else open.push(`client-initiated renegotiation (${reneg.reason})`);
    const ev = [
      scanEvidence(ctx.target, scan, `hellos to ${addressOf(ctx.target)} (deflate offered; renegotiation_info offered)`, {
        compression: c ?? null,
        established,
        undetermined: open,
      }),
      evidence(`client-initiated renegotiation on ${addressOf(ctx.target)}`, { ...reneg }, addressOf(ctx.target)),
    ] as const;
    if (problems.length) return fail(problems.join('; '), ev);
    if (open.length) return inconclusive(`undetermined: ${open.join('; ')}; established: ${established.join(', ')}`, ev);
    return pass(established.join(', '), ev);
  },
};
