import type { CheckContext } from '../../core/check.js';
import { httpClientFor, type HttpClient } from '../http/client.js';

/**
 * One HTTP client per target for all checks of an area, so concurrency and the request
 * budget hold across them.
 */
export function webClient(ctx: Pick<CheckContext, 'fact' | 'target'>): Promise<HttpClient> {
  return ctx.fact('http', async () => httpClientFor(ctx.target));
}
