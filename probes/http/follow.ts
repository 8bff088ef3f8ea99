import type { HttpClient } from './client.js';
import type { HttpExchange } from './exchange.js';
import { usable, type Usable } from './usable.js';

/** Where following a URL's redirects ended. */
export interface RedirectChain {
  readonly start: string;
  /** Every answer, first to last. */
  readonly hops: readonly HttpExchange[];
  /** Set when a hop got no usable answer (no answer, WAF page, 429). */
  readonly problem?: Extract<Usable, { ok: false }>;
  /** A redirect to another host, not followed. */
  readonly leftSite?: string;
  readonly tooManyRedirects?: boolean;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

export interface FollowOptions {
  readonly maxHops?: number;
  readonly maxBody?: number;
  /** Start on plain HTTP (the target's http port). */
  readonly plain?: boolean;
}

/**
 * GETs a path and follows redirects that stay on the same host, as a browser landing on
 * the store would; a redirect elsewhere ends the walk where it is.
 */
export async function followWithinSite(client: HttpClient, path: string, opts: FollowOptions = {}): Promise<RedirectChain> {
  const hops: HttpExchange[] = [];
  const maxHops = opts.maxHops ?? 4;
  let next = path;
  for (let hop = 0; hop <= maxHops; hop++) {
    const answer = usable(await client.request({ path: next, ...(opts.maxBody ? { maxBody: opts.maxBody } : {}), ...(hop === 0 && opts.plain ? { plain: true } : {}) }));
    if (!answer.ok) return { start: path, hops, problem: answer };
    const ex = answer.exchange;
    hops.push(ex);
    const location = ex.headers['location'];
    if (!REDIRECT.has(ex.status) || typeof location !== 'string') return { start: path, hops };
    const to = new URL(location, ex.url);
    if (to.hostname !== new URL(ex.url).hostname || !/^https?:$/.test(to.protocol)) return { start: path, hops, leftSite: to.href };
    next = to.href;
  }
  return { start: path, hops, tooManyRedirects: true };
}

/** The last answer of a walk, or why there was none (a walk ends on a hop or on a problem). */
export function finalAnswer(chain: RedirectChain): Usable {
  return chain.problem ?? { ok: true, exchange: chain.hops.at(-1)! };
}
