import type { HttpClient } from './client.js';
import type { HttpExchange, HttpResult } from './exchange.js';

export interface FollowedPage {
  /** Every hop, first request first. */
  readonly chain: readonly HttpExchange[];
  /** The final answer, or why there was none. */
  readonly result: HttpResult;
}

const MAX_HOPS = 4;

/**
 * GETs a path and follows redirects that stay on the target's host and scheme, as a
 * browser landing on the store would; other redirects end the walk where they are.
 */
export async function followWithinSite(client: HttpClient, path: string, opts: { plain?: boolean } = {}): Promise<FollowedPage> {
  const chain: HttpExchange[] = [];
  let result = await client.request({ path, ...opts });
  while (result.ok && chain.length < MAX_HOPS) {
    const ex = result.exchange;
    const location = ex.headers['location'];
    if (ex.status < 300 || ex.status > 399 || typeof location !== 'string') break;
    const next = new URL(location, ex.url);
    const here = new URL(ex.url);
    if (next.host !== here.host || next.protocol !== here.protocol) break;
    chain.push(ex);
    result = await client.request({ path: next.href });
  }
  if (result.ok) chain.push(result.exchange);
  return { chain, result };
}
