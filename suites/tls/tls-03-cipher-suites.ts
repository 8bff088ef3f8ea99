import { suiteByName } from '../../catalogue/cipher-suites.js';
import type { Check } from '../../core/check.js';
import { fail, inconclusive, pass } from '../../core/verdict.js';
import { PROTOCOLS } from '../../probes/tls/protocol.js';
import { allowedSuites } from './cipher-policy.js';
import { addressOf, PROTOCOL_LABEL, scanEvidence, tlsScan } from './facts.js';
import { undecidedScan } from './undecided-scan.js';

/** TLS-03: every accepted suite, per protocol, is on the policy's list. */
export const strongCipherSuitesOnly: Check = {
  id: 'TLS-03',
  async run(ctx) {
    const scan = await tlsScan(ctx);
    const undecided = undecidedScan(ctx.target, scan);
    if (undecided) return undecided;
    const allowed = allowedSuites(ctx.target.policy.cipherSuites);
    const unknownPolicyNames = [...allowed].filter((n) => !suiteByName(n));
    const weak = PROTOCOLS.map((p) => ({ p, suites: scan.protocols[p].accepted.filter((s) => !allowed.has(s)) })).filter((w) => w.suites.length);
    const ev = [
      scanEvidence(ctx.target, scan, `cipher-suite enumeration of ${addressOf(ctx.target)}`, {
        policy: ctx.target.policy.cipherSuites ? 'target policy' : 'checklist ssl_ciphers + TLS 1.3',
        allowed: [...allowed],
        ...(unknownPolicyNames.length ? { unknownPolicyNames } : {}),
        weakAccepted: Object.fromEntries(weak.map((w) => [w.p, w.suites])),
      }),
    ] as const;
    if (weak.length) {
      return fail(`weak suites accepted: ${weak.map((w) => `${PROTOCOL_LABEL[w.p]}: ${w.suites.join(', ')}`).join('; ')}`, ev);
    }
    const open = PROTOCOLS.filter((p) => scan.protocols[p].errors.length && scan.protocols[p].status !== 'refused');
    if (open.length)
      return inconclusive(`enumeration incomplete for ${open.map((p) => `${PROTOCOL_LABEL[p]} (${scan.protocols[p].errors[0]})`).join(', ')}`, ev);
    // undecidedScan saw at least one accepted hello, so this lists at least one suite.
    const seen = PROTOCOLS.filter((p) => scan.protocols[p].accepted.length);
    return pass(`only policy suites accepted: ${seen.map((p) => `${PROTOCOL_LABEL[p]}: ${scan.protocols[p].accepted.join(', ')}`).join('; ')}`, ev);
  },
};
