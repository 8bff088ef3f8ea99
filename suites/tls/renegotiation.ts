import type { Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import { fail, inconclusive, pass } from '../../core/verdict.js';
import type { Protocol } from '../../probes/tls/protocol.js';
import { addressOf, PROTOCOL_LABEL, renegotiation, scanEvidence, tlsScan } from './facts.js';
import { unreachable } from './protocols.js';

const PRE_TLS13: readonly Protocol[] = ['TLSv1.2', 'TLSv1.1', 'TLSv1.0', 'SSLv3'];

/** TLS-06: no compression, renegotiation_info in every pre-1.3 ServerHello, client-initiated renegotiation refused. */
export const compressionAndRenegotiation: Check = {
  id: 'TLS-06',
  async run(ctx) {
    const scan = await tlsScan(ctx);
    if (!scan.reachable) return unreachable(scan);
    const answered = PRE_TLS13.filter((p) => scan.protocols[p].hello);
    if (!answered.length) {
      const ev = [scanEvidence(ctx.target, scan, `hellos to ${addressOf(ctx.target)}`)] as const;
      if (scan.protocols['TLSv1.3'].status === 'accepted') return pass('only TLS 1.3 accepted: it has neither compression nor renegotiation', ev);
      return inconclusive('no ServerHello to judge', ev);
    }
    const reneg = await renegotiation(ctx);
    const problems: string[] = [];
    if (scan.compression?.outcome === 'accepted') problems.push(`${PROTOCOL_LABEL[scan.compression.protocol]} compression accepted (${scan.compression.answer})`);
    const insecure = answered.filter((p) => !scan.protocols[p].hello!.renegotiationInfo);
    if (insecure.length) problems.push(`no renegotiation_info in the ${insecure.map((p) => PROTOCOL_LABEL[p]).join(', ')} ServerHello (no secure renegotiation)`);
    if (reneg.outcome === 'accepted') problems.push(`client-initiated renegotiation accepted on ${reneg.protocol}`);
    const ev = [
      scanEvidence(ctx.target, scan, `hellos to ${addressOf(ctx.target)} (deflate offered; renegotiation_info offered)`, { compression: scan.compression ?? null }),
      evidence(`client-initiated renegotiation on ${addressOf(ctx.target)}`, { ...reneg }, addressOf(ctx.target)),
    ] as const;
    if (problems.length) return fail(problems.join('; '), ev);
    if (reneg.outcome === 'inconclusive') return inconclusive(`client-initiated renegotiation: ${reneg.reason}`, ev);
    if (reneg.outcome !== 'refused') return inconclusive('client-initiated renegotiation not decided', ev);
    if (scan.compression?.outcome !== 'refused') return inconclusive(`compression offer: ${scan.compression?.answer ?? 'not sent'}`, ev);
    return pass(`no compression (${scan.compression.answer}), renegotiation_info in the ${answered.map((p) => PROTOCOL_LABEL[p]).join(', ')} ServerHello, client-initiated renegotiation refused (${reneg.how})`, ev);
  },
};
