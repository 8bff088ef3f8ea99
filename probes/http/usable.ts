import type { Evidence } from '../../core/evidence.js';
import { exchangeEvidence, failureEvidence } from './evidence.js';
import type { HttpExchange, HttpResult } from './exchange.js';

/**
 * An answer a check may judge, or why not: no answer, a WAF/rate-limit page, or 429.
 * Each of the latter makes a verdict inconclusive, never pass.
 */
export type Usable =
  | { readonly ok: true; readonly exchange: HttpExchange }
  | { readonly ok: false; readonly url: string; readonly reason: string; readonly evidence: Evidence };

export function usable(result: HttpResult): Usable {
  if (!result.ok) {
    const f = result.failure;
    return { ok: false, url: f.url, reason: `${f.method} ${f.url}: no answer (${f.kind}: ${f.error.slice(0, 120)})`, evidence: failureEvidence(f) };
  }
  const ex = result.exchange;
  if (ex.interference) return { ok: false, url: ex.url, reason: `${ex.method} ${ex.url}: ${ex.interference} answered instead of the store`, evidence: exchangeEvidence(ex) };
  if (ex.status === 429) return { ok: false, url: ex.url, reason: `${ex.method} ${ex.url}: still rate limited (429) after backing off`, evidence: exchangeEvidence(ex) };
  return { ok: true, exchange: ex };
}
