import { EDGE_ERROR_PAGES } from '../../catalogue/signatures-edge.js';
import { linear } from '../../core/linear-regex.js';
import { randomToken } from '../../core/random-token.js';
import type { HttpClient } from '../http/client.js';
import { type HttpExchange, header } from '../http/exchange.js';
import { type Usable, usable } from '../http/usable.js';

/** Methods a storefront must not accept (MTH-01); the last is a made-up one. */
export const UNWANTED_METHODS = ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'MAGEPROBE'] as const;
/** Methods that echo the request back when enabled (MTH-02). */
export const TRACE_METHODS = ['TRACE', 'TRACK'] as const;

export interface MethodObservation {
  readonly method: string;
  readonly path: string;
  readonly answer: Usable;
  /** Who answered a non-2xx: the edge's own error page, or the application. */
  readonly refusedBy?: string;
}

/** Magento's own page markup: an error page carrying it came from the application, not the edge. */
const MAGENTO_PAGE = linear(/text\/x-magento-init|data-mage-init/);
/** A Magento REST/JSON error body. */
const JSON_MESSAGE = linear(/"message"\s*:/);

/** Who produced a refusal, from the page's shape. */
export function refusedBy(ex: HttpExchange): string {
  const server = header(ex, 'server') ?? '';
  const text = ex.body.subarray(0, 8192).toString('utf8');
  const magentoPage = MAGENTO_PAGE.test(text);
  const edge = EDGE_ERROR_PAGES.find((p) => (!p.server || p.server.test(server)) && p.body.test(text) && (p.server || !magentoPage));
  if (edge) return `edge (${edge.name} error page)`;
  if (magentoPage || JSON_MESSAGE.test(text)) return 'application (Magento page)';
  return `application or unknown${server ? ` (Server: ${server})` : ''}`;
}

/** Sends each unwanted method to each path; no body. */
export async function observeMethods(
  client: HttpClient,
  paths: readonly string[],
  methods: readonly string[] = UNWANTED_METHODS,
): Promise<MethodObservation[]> {
  const jobs = paths.flatMap((path) => methods.map((method) => ({ path, method })));
  return Promise.all(
    jobs.map(async ({ path, method }) => {
      const answer = usable(await client.request({ path, method, maxBody: 16_384 }));
      const ok = answer.ok && answer.exchange.status >= 200 && answer.exchange.status < 300;
      return answer.ok && !ok ? { method, path, answer, refusedBy: refusedBy(answer.exchange) } : { method, path, answer };
    }),
  );
}

export interface TraceObservation {
  readonly method: string;
  readonly marker: string;
  readonly answer: Usable;
  /** The unique header value sent came back in the body or headers. */
  readonly echoed: boolean;
}

export const TRACE_HEADER = 'x-mageprobe-trace';

/** TRACE and TRACK with a unique header value; an echo proves the request is reflected. */
export async function observeTrace(client: HttpClient, path = '/'): Promise<TraceObservation[]> {
  return Promise.all(
    TRACE_METHODS.map(async (method) => {
      const marker = randomToken(12);
      const answer = usable(await client.request({ path, method, headers: { [TRACE_HEADER]: marker }, maxBody: 65_536 }));
      const echoed = answer.ok && (answer.exchange.body.includes(marker) || JSON.stringify(answer.exchange.headers).includes(marker));
      return { method, marker, answer, echoed };
    }),
  );
}
