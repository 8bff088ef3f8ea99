import type { Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import { fail, inconclusive, pass } from '../../core/verdict.js';
import { exchangeEvidence } from '../../probes/http/evidence.js';
import { header } from '../../probes/http/exchange.js';
import { observeTrace } from '../../probes/web/methods.js';
import { webClient } from '../../probes/web/session.js';

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
    const summary = evidence('MTH-02: TRACE and TRACK on / with a unique X-Mageprobe-Trace header', { requestsSentToTarget: client.requestsSent, answers: facts }, answered[0]?.address);
    const echoed = seen.filter((o) => o.echoed);
    if (echoed.length) {
      const proofs = echoed.flatMap((o) => (o.answer.ok ? [exchangeEvidence(o.answer.exchange)] : []));
      const named = echoed.map((o) => `${o.method} → ${o.answer.ok ? o.answer.exchange.status : '?'}`);
      return fail(`The request is echoed back: ${named.join(', ')} returned the unique X-Mageprobe-Trace value sent`, [proofs[0] ?? summary, ...proofs.slice(1), summary]);
    }
    const bad = seen.filter((o) => !o.answer.ok);
    if (bad.length) {
      const first = bad[0]!.answer;
      return inconclusive(`TRACE/TRACK gave no usable answer (${first.ok ? '' : first.reason})`, [summary]);
    }
    const statuses = answered.map((e, i) => `${seen[i]!.method} → ${e.status}`).join(', ');
    return pass(`TRACE and TRACK echo nothing back: ${statuses}`, [summary]);
  },
};
