import type { HttpClient } from './client.js';
import type { HttpExchange } from './exchange.js';
import { type Unusable, type Usable, unusable, usable } from './usable.js';

/** Where following a URL's redirects ended. */
export interface RedirectChain {
  readonly start: string;
  /** Every answer, first to last. */
  readonly hops: readonly HttpExchange[];
  /**
   * Set when the walk did not end on the store's answer: no answer, a WAF page, a 429 or a
   * 5xx; a redirect off the target or down to plain HTTP; a loop or too many redirects.
   */
  readonly problem?: Unusable;
  /** A redirect off the target (another origin, or HTTPS → HTTP), not followed. */
  readonly leftSite?: string;
  readonly tooManyRedirects?: boolean;
}

export interface FollowOptions {
  readonly maxHops?: number;
  readonly maxBody?: number;
  /** Start on plain HTTP (the target's http port). */
  readonly plain?: boolean;
}

/**
 * GETs a path and follows redirects that stay on the target, as a browser landing on the
 * store would. It never follows a redirect to another origin or from HTTPS down to HTTP: the
 * walk ends there with a problem, like a loop or too many redirects.
 */
export async function followWithinSite(client: HttpClient, path: string, opts: FollowOptions = {}): Promise<RedirectChain> {
  const hops: HttpExchange[] = [];
  const maxHops = opts.maxHops ?? 4;
  const seen = new Set<string>();
  let next = path;
  for (let hop = 0; hop <= maxHops; hop++) {
    const result = await client.request({
      path: next,
      ...(opts.maxBody ? { maxBody: opts.maxBody } : {}),
      ...(hop === 0 && opts.plain ? { plain: true } : {}),
    });
    if (result.ok) hops.push(result.exchange);
    const answer = usable(result);
    if (!answer.ok) {
      const off = result.ok && result.exchange.redirect && result.exchange.redirect.leads !== 'target' ? result.exchange.redirect.to : undefined;
      return { start: path, hops, problem: answer, ...(off ? { leftSite: off } : {}) };
    }
    const ex = answer.exchange;
    seen.add(ex.url);
    if (!ex.redirect) return { start: path, hops };
    if (seen.has(ex.redirect.to)) return { start: path, hops, problem: unusable(ex, `redirect loop: ${trail(hops, ex.redirect.to)}`), tooManyRedirects: true };
    next = ex.redirect.to;
  }
  const last = hops.at(-1)!;
  return { start: path, hops, problem: unusable(last, `more than ${maxHops} redirects: ${trail(hops, last.redirect?.to ?? '')}`), tooManyRedirects: true };
}

function trail(hops: readonly HttpExchange[], to: string): string {
  const urls = [...hops.map((h) => h.url), to];
  return urls.length > 6 ? [...urls.slice(0, 3), '…', ...urls.slice(-2)].join(' → ') : urls.join(' → ');
}

/** The last answer of a walk, or why there was none (a walk ends on a hop or on a problem). */
export function finalAnswer(chain: RedirectChain): Usable {
  return chain.problem ?? { ok: true, exchange: chain.hops.at(-1)! };
}
