import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import pLimit from 'p-limit';
import { Agent, type Dispatcher } from 'undici';
import { bareHost } from '../../core/host-name.js';
import { isProgrammingError } from '../../core/internal-error.js';
import type { Target } from '../../core/target.js';
import { VERSION } from '../../core/version.js';
import { readBody } from './decode.js';
import type { HttpExchange, HttpFailureKind, HttpResult, RedirectFact } from './exchange.js';
import { recogniseInterference } from './interference.js';

export interface RequestOptions {
  /** Path (with query) on the target's HTTPS origin, or an absolute URL on the target's host. */
  readonly path: string;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  /** Request body; only for probes that provoke errors with malformed input, never to change state. */
  readonly body?: string;
  /** Bytes of (decoded) body to keep; the rest is not read. */
  readonly maxBody?: number;
  /** Use plain HTTP on the target's http port instead of the URL's origin. */
  readonly plain?: boolean;
}

/**
 * The one HTTP client every web probe uses for a target: connects to `address` when set
 * (SNI and Host stay the URL's host), never follows redirects, caps bodies and headers,
 * decodes Content-Encoding, bounds concurrency, counts requests against a budget and backs
 * off on 429. Before its first request it looks where the target's own URL leads, so every
 * redirect off the target can say where the store moved to.
 */
export interface HttpClient {
  request(opts: RequestOptions): Promise<HttpResult>;
  /** Requests sent so far (retries included). */
  readonly requestsSent: number;
  close(): Promise<void>;
  /** Drops every socket now, in-flight requests included (the target's time budget is spent). */
  destroy(): Promise<void>;
}

const DEFAULT_MAX_BODY = 256 * 1024;
const MAX_HEADER_BYTES = 64 * 1024;
const USER_AGENT = `mageprobe/${VERSION} (+security audit; black-box)`;
/** What browsers ask for; bodies are decoded whether asked for or not (probes/http/decode.ts). */
const ACCEPT_ENCODING = 'gzip, deflate, br';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Redirects followed on the target's own URL before deciding where it leads. */
const LANDING_HOPS = 5;
/** Longest Retry-After we honour before calling the target unusable. */
const MAX_RETRY_AFTER_MS = 20_000;
const RATE_LIMIT_RETRIES = 2;

export function httpClientFor(target: Target): HttpClient {
  let lastAddress = target.address ?? '';
  const lookup = (hostname: string, options: { all?: boolean }, callback: (...a: unknown[]) => void) => {
    if (target.address) {
      const family = isIP(target.address);
      return options?.all ? callback(null, [{ address: target.address, family }]) : callback(null, target.address, family);
    }
    dnsLookup(hostname, { ...options, all: true }, (err, addrs: LookupAddress[]) => {
      if (err) return callback(err);
      lastAddress = addrs[0]?.address ?? '';
      return options?.all ? callback(null, addrs) : callback(null, addrs[0]?.address, addrs[0]?.family);
    });
  };
  const agent = new Agent({
    connect: {
      // Certificate trust is TLS-04's to judge; web checks judge what the server sends regardless.
      rejectUnauthorized: false,
      servername: isIP(target.host) ? undefined : target.host,
      timeout: target.timeouts.connectMs,
      lookup: lookup as never,
    },
    connections: target.politeness.concurrency,
    headersTimeout: target.timeouts.requestMs,
    bodyTimeout: target.timeouts.requestMs,
    maxHeaderSize: MAX_HEADER_BYTES,
    keepAliveTimeout: 4_000,
  });
  const limit = pLimit(target.politeness.concurrency);
  const base = new URL(target.url);
  const plainBase = new URL(target.url);
  plainBase.protocol = 'http:';
  plainBase.port = target.httpPort === 80 ? '' : String(target.httpPort);
  let sent = 0;
  // The target's origins: its URL's, and plain HTTP on its http port (TLS-07's request).
  const homes = [base.origin, plainBase.origin];
  let movedTo: string | undefined;

  const once = async (url: URL, opts: RequestOptions): Promise<HttpResult> => {
    const method = opts.method ?? 'GET';
    const at = new Date();
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    const address = () => {
      const ip = target.address ?? (lastAddress || target.host);
      return `${ip.includes(':') ? `[${ip}]` : ip}:${port}`;
    };
    if (sent >= target.politeness.requestBudget) {
      return {
        ok: false,
        failure: {
          url: url.href,
          method,
          kind: 'budget',
          error: `request budget of ${target.politeness.requestBudget} for this target is spent`,
          address: address(),
          at: at.toISOString(),
        },
      };
    }
    sent++;
    const started = performance.now();
    try {
      const res = await agent.request({
        origin: url.origin,
        path: url.pathname + url.search,
        method: method as Dispatcher.HttpMethod,
        headers: { 'user-agent': USER_AGENT, accept: '*/*', 'accept-encoding': ACCEPT_ENCODING, ...opts.headers },
        ...(opts.body !== undefined ? { body: opts.body } : {}),
        signal: AbortSignal.timeout(target.timeouts.requestMs),
      });
      const headers = normaliseHeaders(res.headers);
      const encoding = headers['content-encoding'];
      const { body, truncated, decoding } = await readBody(
        res.body,
        Array.isArray(encoding) ? encoding.join(', ') : encoding,
        opts.maxBody ?? DEFAULT_MAX_BODY,
      );
      const location = headers.location;
      const redirect = redirectFact(url, res.statusCode, typeof location === 'string' ? location : undefined, homes, movedTo);
      const interference = recogniseInterference({ status: res.statusCode, headers, body });
      const exchange: HttpExchange = {
        url: url.href,
        method,
        status: res.statusCode,
        headers,
        body,
        bodyTruncated: truncated,
        ...(decoding ? { decoding } : {}),
        ...(redirect ? { redirect } : {}),
        address: address(),
        at: at.toISOString(),
        elapsedMs: Math.round(performance.now() - started),
        ...(interference ? { interference } : {}),
      };
      return { ok: true, exchange };
    } catch (e) {
      // A bug of ours (reading or decoding the body) is an internal error, never "no answer".
      if (isProgrammingError(e)) throw e;
      const { kind, error } = classify(e);
      return { ok: false, failure: { url: url.href, method, kind, error, address: address(), at: at.toISOString() } };
    }
  };

  // Where the target's own URL leads when it redirects off the target (apex → www, HTTPS → HTTP).
  const learnLanding = async (): Promise<void> => {
    let url = base;
    for (let hop = 0; hop < LANDING_HOPS; hop++) {
      const r = await once(url, { path: url.href, maxBody: 8192 });
      const redirect = r.ok ? r.exchange.redirect : undefined;
      if (!redirect) return;
      if (redirect.leads !== 'target') {
        movedTo = redirect.to;
        return;
      }
      url = new URL(redirect.to);
    }
  };
  let landing: Promise<void> | undefined;

  return {
    request: async (opts) => {
      landing ??= learnLanding();
      await landing;
      return limit(async () => {
        const url = opts.path.startsWith('http') ? new URL(opts.path) : new URL(opts.path, opts.plain ? plainBase : base);
        if (bareHost(url) !== target.host) throw new Error(`refusing to leave the target's host: ${url.href}`);
        let result = await once(url, opts);
        for (let i = 0; i < RATE_LIMIT_RETRIES && result.ok && result.exchange.status === 429; i++) {
          const wait = retryAfterMs(result.exchange.headers['retry-after']);
          if (wait === undefined) break;
          await new Promise((r) => setTimeout(r, wait));
          result = await once(url, opts);
        }
        return result;
      });
    },
    get requestsSent() {
      return sent;
    },
    close: () => agent.close(),
    destroy: () => agent.destroy(),
  };
}

function normaliseHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) out[k.toLowerCase()] = v;
  return out;
}

function retryAfterMs(value: string | readonly string[] | undefined): number | undefined {
  const v = Array.isArray(value) ? value[0] : (value as string | undefined);
  if (v === undefined) return 1_000;
  const seconds = /^\d+$/.test(v.trim()) ? Number(v) * 1000 : Date.parse(v) - Date.now();
  if (!Number.isFinite(seconds)) return 1_000;
  return seconds <= MAX_RETRY_AFTER_MS ? Math.max(0, seconds) : undefined;
}

/** Where a redirect's Location leads, seen from the target; undefined when the answer is no redirect. */
function redirectFact(
  from: URL,
  status: number,
  location: string | undefined,
  homes: readonly string[],
  movedTo: string | undefined,
): RedirectFact | undefined {
  if (!REDIRECTS.has(status) || !location) return undefined;
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    return undefined;
  }
  const leads: RedirectFact['leads'] =
    from.protocol === 'https:' && to.protocol === 'http:' ? 'plain-http' : to.origin === from.origin || homes.includes(to.origin) ? 'target' : 'other-origin';
  return { to: to.href, leads, ...(leads !== 'target' && movedTo ? { targetMovedTo: movedTo } : {}) };
}

const ERROR_KINDS: readonly [RegExp, HttpFailureKind][] = [
  [/TIMEOUT|TimeoutError|aborted due to timeout/i, 'timeout'],
  [/ECONNREFUSED/, 'refused'],
  [/ECONNRESET|EPIPE|UND_ERR_SOCKET|other side closed/i, 'reset'],
  [/EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN/, 'unreachable'],
  [/ERR_SSL|EPROTO|certificate|handshake|tls/i, 'tls'],
  [/HPE_|UND_ERR_HEADERS_OVERFLOW|invalid|parse/i, 'garbage'],
];

function classify(e: unknown): { kind: HttpFailureKind; error: string } {
  const err = e as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } };
  const text = [err.name, err.code, err.message, err.cause?.code, err.cause?.message].filter(Boolean).join(' ');
  const kind = ERROR_KINDS.find(([re]) => re.test(text))?.[1] ?? 'other';
  return { kind, error: text || String(e) };
}
