import type { Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import { exchangeEvidence } from '../../probes/http/evidence.js';
import { header } from '../../probes/http/exchange.js';
import { observeTrace } from '../../probes/web/methods.js';
import { webClient } from '../../probes/web/session.js';
import { exposureVerdict } from '../exposure-verdict.js';

/** MTH-02: TRACE and TRACK do not echo the request back (cross-site tracing). */
export const mth02: Check = {
  id: 'MTH-02',
  async run(ctx) {
    const client = await webClient(ctx);
    const seen = await observeTrace(client);
    const facts = seen.map((o) =>
      o.answer.ok
        ? { method: o.method, status: o.answer.exchange.status, contentType: header(o.answer.exchange, 'content-type') ?? '', echoed: o.echoed }
        : { method: o.method, result: o.answer.reason },
    );
    const answered = seen.flatMap((o) => (o.answer.ok ? [o.answer.exchange] : []));
    const summary = evidence(
      'MTH-02: TRACE and TRACK on / with a unique X-Mageprobe-Trace header',
      { requestsSentToTarget: client.requestsSent, answers: facts },
      answered[0]?.address,
    );
    const echoed = seen.flatMap((o) => (o.echoed && o.answer.ok ? [{ o, ex: o.answer.exchange }] : []));
    return exposureVerdict(
      {
        exposed: echoed.map(({ ex }) => exchangeEvidence(ex)),
        unusable: seen.flatMap((o) => (o.answer.ok ? [] : [o.answer.reason])),
        asked: seen.length,
        candidates: 'TRACE/TRACK requests',
        summary,
      },
      {
        exposed: () =>
          `The request is echoed back: ${echoed.map(({ o, ex }) => `${o.method} → ${ex.status}`).join(', ')} returned the unique X-Mageprobe-Trace value sent`,
        clean: () => `TRACE and TRACK echo nothing back: ${answered.map((e, i) => `${seen[i]!.method} → ${e.status}`).join(', ')}`,
      },
    );
  },
};
