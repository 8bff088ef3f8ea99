import { STORE_ERROR_PAGES } from '../../catalogue/interference.js';
import type { Evidence } from '../../core/evidence.js';
import { exchangeEvidence, failureEvidence } from './evidence.js';
import type { HttpExchange, HttpResult } from './exchange.js';

/**
 * An answer a check may judge, or why not. A check judges only answers that come from the
 * store itself; everything else makes its verdict inconclusive, never pass.
 */
export type Usable =
  | { readonly ok: true; readonly exchange: HttpExchange }
  | { readonly ok: false; readonly url: string; readonly reason: string; readonly evidence: Evidence };

export type Unusable = Extract<Usable, { ok: false }>;

/**
 * The one rule for "did we see the store". Not the store: no answer; a WAF challenge, bot
 * wall or rate limit (catalogue/interference.ts); a redirect off the target's origin or down
 * from HTTPS to plain HTTP (never followed); a 5xx, which is a gateway, an overloaded or
 * maintenance-mode server speaking — except the 5xx answers in STORE_5XX below (and, for
 * MAG-04 alone, the store's error pages: usableErrorPage).
 */
export function usable(result: HttpResult): Usable {
  if (!result.ok) {
    const f = result.failure;
    return { ok: false, url: f.url, reason: `${f.method} ${f.url}: no answer (${f.kind}: ${f.error.slice(0, 120)})`, evidence: failureEvidence(f) };
  }
  const ex = result.exchange;
  const why = notTheStore(ex);
  return why ? unusable(ex, why) : { ok: true, exchange: ex };
}

/**
 * For a check that judges the redirect itself (TLS-07): where the store's redirect points is
 * the finding, not a blind spot — unless the target's own URL moves elsewhere, when the
 * answer belongs to a store at another URL and the rule above stands ("scan that URL").
 */
export function usableRedirect(result: HttpResult): Usable {
  if (!result.ok || !result.exchange.redirect || result.exchange.redirect.targetMovedTo) return usable(result);
  const { redirect: _judgedHere, ...ex } = result.exchange;
  return usable({ ok: true, exchange: ex });
}

export function unusable(ex: HttpExchange, why: string): Unusable {
  return { ok: false, url: ex.url, reason: `${ex.method} ${ex.url} → ${ex.status}: ${why}`, evidence: exchangeEvidence(ex) };
}

/**
 * 5xx answers that are still the store's own, each with why. Anything else with a 5xx
 * status says the store was not there to answer.
 */
const STORE_5XX: readonly { readonly why: string; readonly holds: (ex: HttpExchange) => boolean }[] = [
  // RFC 9110 §15.6.2: 501 is how a server refuses a method it does not implement (Apache's
  // answer to an unknown method). For MTH-01/02 that refusal is the very thing judged; a
  // GET or HEAD answered 501 is no such refusal.
  { why: '501 refuses the method', holds: (ex) => ex.status === 501 && ex.method !== 'GET' && ex.method !== 'HEAD' },
];

/**
 * For MAG-04, which provokes errors: the application's own error page (STORE_ERROR_PAGES) with
 * a 5xx status is the store answering, and what it discloses is the finding. To every other
 * check it is a 5xx like any other: the same page on every URL is a store that cannot serve
 * (database down, or a server imitating one), and a path check would otherwise pass on it.
 */
export function usableErrorPage(result: HttpResult): Usable {
  if (!result.ok) return usable(result);
  const ex = result.exchange;
  const own = ex.status >= 500 && !ex.interference && STORE_ERROR_PAGES.some((p) => p.body.test(ex.body.subarray(0, 65_536).toString('utf8')));
  return own ? { ok: true, exchange: ex } : usable(result);
}

/** Why an answer is not the store's, or undefined when it is. */
export function notTheStore(ex: HttpExchange): string | undefined {
  if (ex.interference) return `${ex.interference} answered instead of the store`;
  if (ex.status === 429) return 'still rate limited (429) after backing off';
  const r = ex.redirect;
  if (r && r.leads !== 'target') {
    const moved = r.targetMovedTo ? `; target redirects to ${r.targetMovedTo} — scan that URL` : '';
    if (r.leads === 'plain-http') return `redirects from HTTPS to plain HTTP (${r.to}), not followed${moved}`;
    return `redirects to another origin (${r.to}), not the store at this URL${moved}`;
  }
  if (ex.status >= 500 && !STORE_5XX.some((s) => s.holds(ex))) {
    const retry = ex.headers['retry-after'];
    return `server error, not an answer from the store${retry ? ` (Retry-After: ${String(retry)})` : ''}`;
  }
  return undefined;
}
