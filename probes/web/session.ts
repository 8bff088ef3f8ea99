import type { CheckContext } from '../../core/check.js';
import { defineFact } from '../../core/fact.js';
import { httpClientFor, type HttpClient } from '../http/client.js';

/**
 * One HTTP client per target for all checks of every area, so concurrency, the request
 * budget and the 429 back-off hold per target, not per area.
 */
const http = defineFact('HTTP client', async (ctx) => httpClientFor(ctx.target));

export const webClient = (ctx: CheckContext): Promise<HttpClient> => http(ctx);
