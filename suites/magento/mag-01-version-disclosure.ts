import type { Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import { fail, inconclusive, pass } from '../../core/verdict.js';
import { exchangeEvidence } from '../../probes/http/evidence.js';
import { webClient } from '../../probes/web/session.js';
import { fingerprint, fingerprintFacts, versions } from './magento-facts.js';

/** MAG-01: no version source on the store discloses the Magento version. */
export const mag01: Check = {
  id: 'MAG-01',
  async run(ctx) {
    const [fp, probe, client] = await Promise.all([fingerprint(ctx), versions(ctx), webClient(ctx)]);
    const summary = evidence('MAG-01: version sources on the store', { requestsSentToTarget: client.requestsSent, ...fingerprintFacts(fp), sources: probe.tried }, probe.disclosures[0]?.exchange.address);
    if (probe.disclosures.length) {
      const proofs = probe.disclosures.map((d) => exchangeEvidence(d.exchange, d.quote));
      const named = probe.disclosures.map((d) => `${d.url} ("${d.quote}")`);
      return fail(`Magento version disclosed: ${named.join('; ')}`, [proofs[0]!, ...proofs.slice(1), summary]);
    }
    if (probe.problems.length) return inconclusive(`${probe.problems.length} version sources gave no usable answer (${probe.problems[0]!.reason})`, [summary]);
    return pass(`No version disclosed at ${probe.tried.map((t) => `${t.path} (${t.status})`).join(', ')}`, [summary]);
  },
};
