import type { Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import { notApplicable } from '../../core/verdict.js';
import { exchangeEvidence } from '../../probes/http/evidence.js';
import { header } from '../../probes/http/exchange.js';
import { probeRest } from '../../probes/web/magento.js';
import { webClient } from '../../probes/web/session.js';
import { exposureVerdict } from '../exposure-verdict.js';
import { fingerprint, fingerprintFacts } from './magento-facts.js';

/** MAG-03: the REST API refuses anonymous reads of protected resources. */
export const mag03: Check = {
  id: 'MAG-03',
  async run(ctx) {
    const client = await webClient(ctx);
    const [fp, seen] = await Promise.all([fingerprint(ctx), probeRest(client)]);
    const lines = seen.map((o) =>
      o.answer.ok
        ? { path: o.path, status: o.answer.exchange.status, contentType: header(o.answer.exchange, 'content-type') ?? '', reading: o.reading }
        : { path: o.path, result: o.answer.reason },
    );
    const answered = seen.flatMap((o) => (o.answer.ok ? [o.answer.exchange] : []));
    const summary = evidence(
      'MAG-03: anonymous GET of protected REST resources',
      { requestsSentToTarget: client.requestsSent, ...fingerprintFacts(fp), answers: lines },
      answered[0]?.address,
    );
    const leaking = seen.flatMap((o) => (o.reading === 'data' && o.answer.ok ? [{ o, ex: o.answer.exchange }] : []));
    const unusable = seen.flatMap((o) => (o.answer.ok ? [] : [o.answer.reason]));
    const refused = seen.filter((o) => o.reading === 'refused by Magento' || o.reading === 'refused');
    // No REST API answered at all (not Magento, or /rest/ not routed): nothing to judge.
    if (!leaking.length && !unusable.length && !refused.length) {
      return notApplicable(`No Magento REST API answered at /rest/ (${lines.map((l) => `${l.path} → ${'status' in l ? l.status : '?'}`).join(', ')})`, [
        summary,
      ]);
    }
    return exposureVerdict(
      { exposed: leaking.map(({ ex }) => exchangeEvidence(ex)), unusable, asked: seen.length, candidates: 'REST requests', summary },
      {
        exposed: () => `REST API returns data to anonymous callers: ${leaking.map(({ o, ex }) => `${o.path} → ${ex.status}`).join(', ')}`,
        clean: () =>
          `REST API refuses anonymous access: ${refused.map((o) => `${o.path} → ${o.answer.ok ? o.answer.exchange.status : '?'} (${o.reading})`).join(', ')}`,
      },
    );
  },
};
