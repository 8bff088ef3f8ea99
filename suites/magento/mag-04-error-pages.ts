import type { Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import { exchangeEvidence } from '../../probes/http/evidence.js';
import { provokeErrors } from '../../probes/web/magento.js';
import { webClient } from '../../probes/web/session.js';
import { exposureVerdict } from '../exposure-verdict.js';
import { fingerprint, fingerprintFacts } from './magento-facts.js';

/** MAG-04: provoked error pages show no stack traces, file paths or exception text. */
export const mag04: Check = {
  id: 'MAG-04',
  async run(ctx) {
    const client = await webClient(ctx);
    const [fp, seen] = await Promise.all([fingerprint(ctx), provokeErrors(client)]);
    const lines = seen.map((o) =>
      o.answer.ok
        ? { what: o.what, path: o.path, status: o.answer.exchange.status, disclosures: o.disclosures.map((d) => d.name) }
        : { what: o.what, path: o.path, result: o.answer.reason },
    );
    const answered = seen.flatMap((o) => (o.answer.ok ? [o.answer.exchange] : []));
    const summary = evidence(
      'MAG-04: error pages provoked',
      { requestsSentToTarget: client.requestsSent, ...fingerprintFacts(fp), answers: lines },
      answered[0]?.address,
    );
    const leaking = seen.flatMap((o) => (o.disclosures.length && o.answer.ok ? [{ o, ex: o.answer.exchange }] : []));
    return exposureVerdict(
      {
        exposed: leaking.map(({ o, ex }) => exchangeEvidence(ex, o.disclosures.map((d) => d.quote).join(' … '))),
        unusable: seen.flatMap((o) => (o.answer.ok ? [] : [o.answer.reason])),
        asked: seen.length,
        candidates: 'error requests',
        summary,
      },
      {
        exposed: () =>
          `Error pages disclose internals: ${leaking.map(({ o, ex }) => `${ex.url} (${o.disclosures.map((d) => `${d.name}: "${d.quote}"`).join('; ')})`).join(' | ')}`,
        clean: () => `${seen.length} provoked error answers (${answered.map((e) => e.status).join('/')}) show no stack traces, file paths or exception text`,
      },
    );
  },
};
