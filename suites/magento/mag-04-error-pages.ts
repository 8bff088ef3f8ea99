import type { Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import { fail, inconclusive, pass } from '../../core/verdict.js';
import { exchangeEvidence } from '../../probes/http/evidence.js';
import { provokeErrors } from '../../probes/web/magento.js';
import { webClient } from '../../probes/web/session.js';
import { fingerprint, fingerprintFacts } from './magento-facts.js';

/** MAG-04: provoked error pages show no stack traces, file paths or exception text. */
export const mag04: Check = {
  id: 'MAG-04',
  async run(ctx) {
    const client = await webClient(ctx);
    const [fp, seen] = await Promise.all([fingerprint(ctx), provokeErrors(client)]);
    const lines = seen.map((o) => (o.answer.ok ? { what: o.what, path: o.path, status: o.answer.exchange.status, disclosures: o.disclosures.map((d) => d.name) } : { what: o.what, path: o.path, result: o.answer.reason }));
    const answered = seen.flatMap((o) => (o.answer.ok ? [o.answer.exchange] : []));
    const summary = evidence('MAG-04: error pages provoked', { requestsSentToTarget: client.requestsSent, ...fingerprintFacts(fp), answers: lines }, answered[0]?.address);
    const leaking = seen.filter((o) => o.disclosures.length > 0);
    if (leaking.length) {
      const proofs = leaking.flatMap((o) => (o.answer.ok ? [exchangeEvidence(o.answer.exchange, o.disclosures.map((d) => d.quote).join(' … '))] : []));
      const named = leaking.map((o) => `${o.answer.ok ? o.answer.exchange.url : o.path} (${o.disclosures.map((d) => `${d.name}: "${d.quote}"`).join('; ')})`);
      return fail(`Error pages disclose internals: ${named.join(' | ')}`, [proofs[0]!, ...proofs.slice(1), summary]);
    }
    const bad = seen.filter((o) => !o.answer.ok);
    if (bad.length) return inconclusive(`${bad.length} of ${seen.length} error requests gave no usable answer (${bad[0]!.answer.ok ? '' : bad[0]!.answer.reason})`, [summary]);
    return pass(`${seen.length} provoked error answers (${answered.map((e) => e.status).join('/')}) show no stack traces, file paths or exception text`, [summary]);
  },
};
