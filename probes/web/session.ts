import type { CheckContext } from '../../core/check.js';
import { defineFact } from '../../core/fact.js';
import type { Target } from '../../core/target.js';
import { type HttpClient, httpClientFor, type RequestOptions } from '../http/client.js';
import type { HttpResult } from '../http/exchange.js';

/**
 * One HTTP client per target for all checks of every area, so concurrency, the request
 * budget and the 429 back-off hold per target, not per area.
 */
export const webClientFact = defineFact('HTTP client', async (ctx) => sharingHomePage(httpClientFor(ctx.target), ctx.target));

export const webClient = (ctx: CheckContext): Promise<HttpClient> => webClientFact(ctx);

/** Bytes of the home page read once for everyone: the largest any area asks for (MAG-01's storefront markers). */
const HOME_PAGE_BYTES = 512 * 1024;
/** The client's cap when a request names none (probes/http/client.ts). */
const DEFAULT_MAX_BODY = 256 * 1024;

/**
 * The headers area walks to the home page and the magento area fingerprints it: the same plain
 * GET of the target's URL (or `/`). It is sent once per target and each asker gets the answer
 * cut to its own body cap, exactly as if it had been read with that cap. Every other request
 * goes through untouched (and keeps no body in memory).
 */
function sharingHomePage(client: HttpClient, target: Target): HttpClient {
  const base = new URL(target.url);
  // Plain HTTP on the target's http port (TLS-07): the same request when the target's URL is that origin.
  const plainBase = new URL(target.url);
  plainBase.protocol = 'http:';
  plainBase.port = target.httpPort === 80 ? '' : String(target.httpPort);
  const homes = new Set([base.href, new URL('/', base).href]);
  const pages = new Map<string, Promise<HttpResult>>();
  return {
    request(opts: RequestOptions) {
      const url = plainGetUrl(opts, opts.plain ? plainBase : base);
      if (!url || !homes.has(url)) return client.request(opts);
      let page = pages.get(url);
      if (!page) {
        page = client.request({ path: url, maxBody: HOME_PAGE_BYTES });
        pages.set(url, page);
      }
      return page.then((r) => cut(r, opts.maxBody ?? DEFAULT_MAX_BODY));
    },
    get requestsSent() {
      return client.requestsSent;
    },
    close: () => client.close(),
    destroy: () => client.destroy(),
  };
}

/** The absolute URL of a GET with nothing but a path (no method, headers or body), else undefined. */
function plainGetUrl(opts: RequestOptions, base: URL): string | undefined {
  if ((opts.method ?? 'GET') !== 'GET' || opts.headers || opts.body !== undefined) return undefined;
  try {
    return new URL(opts.path, base).href;
  } catch {
    return undefined;
  }
}

function cut(r: HttpResult, maxBody: number): HttpResult {
  if (!r.ok || r.exchange.body.length <= maxBody) return r;
  return { ok: true, exchange: { ...r.exchange, body: r.exchange.body.subarray(0, maxBody), bodyTruncated: true } };
}
