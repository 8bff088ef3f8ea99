import { randomBytes } from 'node:crypto';
import { load } from 'cheerio';
import { DENIED_CANDIDATES, SESSION_START_PATHS } from '../../catalogue/security-headers.js';
import type { CheckContext } from '../../core/check.js';
import type { Evidence } from '../../core/evidence.js';
import { inconclusive, type Verdict } from '../../core/verdict.js';
import { httpClientFor, type HttpClient } from '../../probes/http/client.js';
import { exchangeEvidence, failureEvidence } from '../../probes/http/evidence.js';
import { bodyText, type HttpExchange, type HttpResult } from '../../probes/http/exchange.js';
import { followWithinSite, type FollowedPage } from '../../probes/http/follow.js';

/** Facts the header checks share, gathered once per target. */
export const client = (ctx: CheckContext): Promise<HttpClient> => ctx.fact('http', async () => httpClientFor(ctx.target));

export const homePage = (ctx: CheckContext): Promise<FollowedPage> =>
  ctx.fact('home', async () => followWithinSite(await client(ctx), new URL(ctx.target.url).pathname));

export const notFoundPage = (ctx: CheckContext): Promise<HttpResult> =>
  ctx.fact('not-found', async () => (await client(ctx)).request({ path: `/mageprobe-missing-${randomBytes(6).toString('hex')}` }));

/** The first of the usual denied paths that answers 403, or the last answer when none does. */
export const deniedPage = (ctx: CheckContext): Promise<HttpResult | undefined> =>
  ctx.fact('denied', async () => {
    const http = await client(ctx);
    let last: HttpResult | undefined;
    for (const path of DENIED_CANDIDATES) {
      last = await http.request({ path, maxBody: 8192 });
      if (!last.ok || last.exchange.status === 403) return last;
    }
    return undefined;
  });

/** A stylesheet, script or image the home page links on the same host, else /favicon.ico. */
export const staticAsset = (ctx: CheckContext): Promise<HttpResult> =>
  ctx.fact('static', async () => {
    const home = await homePage(ctx);
    const http = await client(ctx);
    const path = home.result.ok ? firstSameHostAsset(home.result.exchange) : undefined;
    return http.request({ path: path ?? '/favicon.ico', maxBody: 8192 });
  });

/** Session-starting pages, for their Set-Cookie headers. */
export const sessionPages = (ctx: CheckContext): Promise<HttpResult[]> =>
  ctx.fact('session-pages', async () => {
    const http = await client(ctx);
    return Promise.all(SESSION_START_PATHS.map((path) => http.request({ path, maxBody: 8192 })));
  });

export const plainHttpRoot = (ctx: CheckContext): Promise<HttpResult> =>
  ctx.fact('plain-root', async () => (await client(ctx)).request({ path: '/', plain: true, maxBody: 8192 }));

function firstSameHostAsset(ex: HttpExchange): string | undefined {
  if (!/html/i.test(String(ex.headers['content-type'] ?? ''))) return undefined;
  const $ = load(bodyText(ex));
  const base = new URL(ex.url);
  const candidates = [
    ...$('link[rel~="stylesheet"][href]').map((_, el) => $(el).attr('href')).get(),
    ...$('script[src]').map((_, el) => $(el).attr('src')).get(),
    ...$('img[src]').map((_, el) => $(el).attr('src')).get(),
  ];
  for (const c of candidates) {
    try {
      const u = new URL(c, base);
      if (u.host === base.host && u.protocol === base.protocol) return u.pathname + u.search;
    } catch {
      /* not a URL */
    }
  }
  return undefined;
}

/**
 * Runs a judgement on a usable answer; a missing answer or a WAF/rate-limit page gives
 * inconclusive with the reason, never pass.
 */
export function judgeAnswer(result: HttpResult, judge: (ex: HttpExchange, proof: Evidence) => Verdict): Verdict {
  if (!result.ok) return inconclusive(`no answer from ${result.failure.url}: ${result.failure.kind} (${result.failure.error})`, [failureEvidence(result.failure)]);
  const ex = result.exchange;
  const proof = exchangeEvidence(ex);
  if (ex.interference) return inconclusive(`${ex.url} answered with ${ex.interference}, not the store`, [proof]);
  return judge(ex, proof);
}

/** judgeAnswer on the home page, with the redirect chain that led there as evidence. */
export async function judgeHome(ctx: CheckContext, judge: (ex: HttpExchange, proof: readonly [Evidence, ...Evidence[]]) => Verdict): Promise<Verdict> {
  const home = await homePage(ctx);
  const hops = home.chain.slice(0, -1).map((h) => exchangeEvidence(h, ''));
  return judgeAnswer(home.result, (ex, proof) => judge(ex, [proof, ...hops]));
}
