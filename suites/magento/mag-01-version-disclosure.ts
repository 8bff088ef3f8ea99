import type { Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import { exchangeEvidence } from '../../probes/http/evidence.js';
import { webClient } from '../../probes/web/session.js';
import { exposureVerdict } from '../exposure-verdict.js';
import { fingerprint, fingerprintFacts, versions } from './magento-facts.js';

/** MAG-01: no version source on the store discloses the Magento version. */
export const mag01: Check = {
  id: 'MAG-01',
  async run(ctx) {
    const [fp, probe, client] = await Promise.all([fingerprint(ctx), versions(ctx), webClient(ctx)]);
    const summary = evidence(
      'MAG-01: version sources on the store',
      { requestsSentToTarget: client.requestsSent, ...fingerprintFacts(fp), sources: probe.tried },
      probe.disclosures[0]?.exchange.address,
    );
    return exposureVerdict(
      {
        exposed: probe.disclosures.map((d) => exchangeEvidence(d.exchange, d.quote)),
        unusable: probe.problems.map((p) => p.reason),
        asked: probe.tried.length,
        candidates: 'version sources',
        summary,
      },
      {
        exposed: () => `Magento version disclosed: ${probe.disclosures.map((d) => `${d.url} ("${d.quote}")`).join('; ')}`,
        clean: () => `No version disclosed at ${probe.tried.map((t) => `${t.path} (${t.status})`).join(', ')}`,
      },
    );
  },
};
