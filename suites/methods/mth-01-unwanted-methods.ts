import type { Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import { randomToken } from '../../core/random-token.js';
import { exchangeEvidence } from '../../probes/http/evidence.js';
import { header } from '../../probes/http/exchange.js';
import { type MethodObservation, observeMethods } from '../../probes/web/methods.js';
import { webClient } from '../../probes/web/session.js';
import { exposureVerdict } from '../exposure-verdict.js';

/** Storefront URLs for MTH-01: the home page and a path no store has; /rest/ only on request. */
function methodPaths(includeRest: boolean): string[] {
  return ['/', `/${randomToken(6)}.html`, ...(includeRest ? ['/rest/V1/store/storeConfigs'] : [])];
}

const line = (o: MethodObservation) =>
  o.answer.ok
    ? {
        method: o.method,
        path: o.path,
        status: o.answer.exchange.status,
        allow: header(o.answer.exchange, 'allow') ?? null,
        refusedBy: o.refusedBy ?? 'accepted (2xx)',
      }
    : { method: o.method, path: o.path, result: o.answer.reason };

/** MTH-01: PUT, DELETE, PATCH, OPTIONS, PROPFIND and an unknown method get no success answer. */
export const mth01: Check = {
  id: 'MTH-01',
  async run(ctx) {
    const client = await webClient(ctx);
    const paths = methodPaths(ctx.target.policy.methodsIncludeRest);
    const seen = await observeMethods(client, paths);
    const answered = seen.flatMap((o) => (o.answer.ok ? [o.answer.exchange] : []));
    const summary = evidence(
      `MTH-01: ${seen.length} requests with PUT, DELETE, PATCH, OPTIONS, PROPFIND and an unknown method`,
      { requestsSentToTarget: client.requestsSent, restIncluded: ctx.target.policy.methodsIncludeRest, answers: seen.map(line) },
      answered[0]?.address,
    );
    const accepted = seen.flatMap((o) =>
      o.answer.ok && o.answer.exchange.status >= 200 && o.answer.exchange.status < 300 ? [{ o, ex: o.answer.exchange }] : [],
    );
    const by = [...new Set(seen.map((o) => o.refusedBy ?? ''))].join(' and ');
    const statuses = [...new Set(answered.map((e) => e.status))].join('/');
    return exposureVerdict(
      {
        exposed: accepted.map(({ ex }) => exchangeEvidence(ex)),
        unusable: seen.flatMap((o) => (o.answer.ok ? [] : [o.answer.reason])),
        asked: seen.length,
        candidates: 'method requests',
        summary,
      },
      {
        exposed: () => `Unwanted methods accepted with a success answer: ${accepted.map(({ o, ex }) => `${o.method} ${o.path} → ${ex.status}`).join(', ')}`,
        clean: () => `All ${seen.length} unwanted-method requests refused (${statuses}) by ${by}`,
      },
    );
  },
};
