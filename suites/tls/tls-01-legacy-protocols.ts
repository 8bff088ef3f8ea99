import type { Check } from '../../core/check.js';
import { fail, inconclusive, pass } from '../../core/verdict.js';
import type { ProtocolScan } from '../../probes/tls/enumerate.js';
import type { Protocol } from '../../probes/tls/protocol.js';
import { addressOf, PROTOCOL_LABEL, scanEvidence, tlsScan } from './facts.js';
import { undecidedScan } from './undecided-scan.js';

const LEGACY: readonly Protocol[] = ['SSLv2', 'SSLv3', 'TLSv1.0', 'TLSv1.1'];

const acceptedAs = (p: ProtocolScan): string =>
  `${PROTOCOL_LABEL[p.protocol]} accepted (${p.hello ? `ServerHello ${p.hello.version}, ${p.hello.suite}` : `SERVER-HELLO, ${p.accepted.join(', ')}`})`;

/** TLS-01: every legacy protocol refused, each with how. */
export const legacyProtocolsRefused: Check = {
  id: 'TLS-01',
  async run(ctx) {
    const scan = await tlsScan(ctx);
    const undecided = undecidedScan(ctx.target, scan);
    if (undecided) return undecided;
    const scans = LEGACY.map((p) => scan.protocols[p]);
    const ev = [scanEvidence(ctx.target, scan, `legacy protocol hellos to ${addressOf(ctx.target)}`)] as const;
    const accepted = scans.filter((p) => p.status === 'accepted');
    if (accepted.length) return fail(accepted.map(acceptedAs).join('; '), ev);
    const open = scans.filter((p) => p.status === 'inconclusive');
    if (open.length) return inconclusive(`no decision for ${open.map((p) => `${PROTOCOL_LABEL[p.protocol]} (${p.errors[0]})`).join(', ')}`, ev);
    return pass(`SSLv2, SSLv3, TLS 1.0 and TLS 1.1 refused (${scans.map((p) => `${PROTOCOL_LABEL[p.protocol]}: ${p.refusals.join(' / ')}`).join('; ')})`, ev);
  },
};
