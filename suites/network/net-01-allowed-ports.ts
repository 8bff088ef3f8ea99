import type { Check } from '../../core/check.js';
import { fail, inconclusive, pass } from '../../core/verdict.js';
import { describe, exposureOf, localErrors, openPortEvidence, scanEvidence, silentHost } from './exposure-fact.js';

/** NET-01: only the allowed TCP ports answer; every open port listed with its handshake-identified service. */
export const net01: Check = {
  id: 'NET-01',
  async run(ctx) {
    const x = await exposureOf(ctx);
    const silent = silentHost(x);
    if (silent) return inconclusive(silent, [scanEvidence(x, x.webPorts)]);
    const allowed = ctx.target.ports.allowed;
    const proof = [scanEvidence(x, [...allowed]), ...x.open.map((op) => openPortEvidence(x, op))] as const;
    const unexpected = x.open.filter((op) => !allowed.includes(op.port));
    if (unexpected.length) {
      const shown = unexpected.slice(0, 20).map(describe).join('; ');
      const more = unexpected.length > 20 ? ` and ${unexpected.length - 20} more` : '';
      return fail(`${unexpected.length} port(s) reachable beyond the allowed ${allowed.join(', ')}: ${shown}${more}`, proof);
    }
    const errors = localErrors(x);
    if (errors) return inconclusive(errors, proof);
    return pass(
      x.open.length
        ? `only allowed ports reachable: ${x.open.map(describe).join('; ')} (${x.scan.results.length} ports scanned)`
        : `no TCP port open among ${x.scan.results.length} scanned (${x.scan.counts.closed} closed, ${x.scan.counts.filtered} filtered)`,
      proof,
    );
  },
};
