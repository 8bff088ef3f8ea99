import { load } from 'cheerio';
import { DENIED_CANDIDATES, SESSION_START_PATHS } from '../../catalogue/security-headers.js';
import type { CheckContext } from '../../core/check.js';
import type { Evidence } from '../../core/evidence.js';
import { defineFact } from '../../core/fact.js';
import { randomToken } from '../../core/random-token.js';
import { inconclusive, type Verdict } from '../../core/verdict.js';
import { exchangeEvidence } from '../../probes/http/evidence.js';
import { bodyText, type HttpExchange, type HttpResult } from '../../probes/http/exchange.js';
import { finalAnswer, followWithinSite, type RedirectChain } from '../../probes/http/follow.js';
import { type Usable, unusable, usable } from '../../probes/http/usable.js';
import { webClient as client } from '../../probes/web/session.js';

/**
 * Facts the header checks share, gathered once per target. The home page is the page a
 * browser ends on: redirects followed on the target, and only a 2xx page is judged — a
 * redirect off the target, a loop, an error or a 3xx/4xx end leaves the walk with a problem.
 */
export const homePage = defineFact(
  'home page',
  async (ctx): Promise<RedirectChain> => endsOnPage(await followWithinSite(await client(ctx), new URL(ctx.target.url).pathname)),
);

function endsOnPage(chain: RedirectChain): RedirectChain {
  const last = chain.hops.at(-1);
  if (chain.problem || !last || (last.status >= 200 && last.status < 300)) return chain;
  return { ...chain, problem: unusable(last, 'the home page ends on no 2xx page, so there is no page whose headers a browser would apply') };
}

export const notFoundPage = defineFact(
  'not-found page',
  async (ctx): Promise<HttpResult> => (await client(ctx)).request({ path: `/${randomToken(6)}-missing` }),
);

/** The first of the usual denied paths that answers 403, the first answer not from the store, or undefined. */
export const deniedPage = defineFact('denied page', async (ctx): Promise<HttpResult | undefined> => {
  const http = await client(ctx);
  for (const path of DENIED_CANDIDATES) {
    const result = await http.request({ path, maxBody: 8192 });
    if (!usable(result).ok || (result.ok && result.exchange.status === 403)) return result;
  }
  return undefined;
});

/** A stylesheet, script or image the home page links on the same host, else /favicon.ico. */
export const staticAsset = defineFact('static asset', async (ctx): Promise<HttpResult> => {
  const home = finalAnswer(await homePage(ctx));
  const http = await client(ctx);
  const path = home.ok ? firstSameHostAsset(home.exchange) : undefined;
  return http.request({ path: path ?? '/favicon.ico', maxBody: 8192 });
});

/** Session-starting pages, for their Set-Cookie headers. */
export const sessionPages = defineFact('session-starting pages', async (ctx): Promise<HttpResult[]> => {
  const http = await client(ctx);
  return Promise.all(SESSION_START_PATHS.map((path) => http.request({ path, maxBody: 8192 })));
});

export const plainHttpRoot = defineFact(
  'plain-HTTP root',
  async (ctx): Promise<HttpResult> => (await client(ctx)).request({ path: '/', plain: true, maxBody: 8192 }),
);

function firstSameHostAsset(ex: HttpExchange): string | undefined {
  if (!/html/i.test(String(ex.headers['content-type'] ?? ''))) return undefined;
  const $ = load(bodyText(ex));
  const base = new URL(ex.url);
  const candidates = [
    ...$('link[rel~="stylesheet"][href]')
      .map((_, el) => $(el).attr('href'))
      .get(),
    ...$('script[src]')
      .map((_, el) => $(el).attr('src'))
      .get(),
    ...$('img[src]')
      .map((_, el) => $(el).attr('src'))
      .get(),
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
 * Runs a judgement on an answer from the store (probes/http/usable.ts); anything else gives
 * inconclusive with the reason, never pass.
 */
export function judgeAnswer(answer: Usable, judge: (ex: HttpExchange, proof: Evidence) => Verdict): Verdict {
  if (!answer.ok) return inconclusive(answer.reason, [answer.evidence]);
  return judge(answer.exchange, exchangeEvidence(answer.exchange));
}

/** judgeAnswer on the home page, with the redirects that led there as evidence. */
export async function judgeHome(ctx: CheckContext, judge: (ex: HttpExchange, proof: readonly [Evidence, ...Evidence[]]) => Verdict): Promise<Verdict> {
  const home = await homePage(ctx);
  const hops = home.hops.slice(0, -1).map((h) => exchangeEvidence(h, ''));
  return judgeAnswer(finalAnswer(home), (ex, proof) => judge(ex, [proof, ...hops]));
}
