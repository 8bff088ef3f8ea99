import type { CheckContext } from '../core/check.js';
import { defineFactFamily } from '../core/fact.js';
import type { HttpExchange } from '../probes/http/exchange.js';
import { finalAnswer, followWithinSite, type RedirectChain } from '../probes/http/follow.js';
import { usable, type Usable } from '../probes/http/usable.js';
import { observeMethods, type MethodObservation } from '../probes/web/methods.js';
import { webClient } from '../probes/web/session.js';
import { homePage } from '../suites/headers/facts.js';
import { notFoundBaseline } from '../suites/paths/path-check.js';
import type { BlockFacts } from './judges.js';

// Facts the matchers gather, through the same per-target facts as the built-in checks (one HTTP
// client with its concurrency, budget and 429 back-off; one not-found baseline; one home page).

/** Bytes of a blocked path's body read: enough for a listing or a file's first lines. */
const BLOCK_BODY = 512 * 1024;
/** Redirects followed from a path that should be blocked, when they only add to it (`/var/export` → `/var/export/`). */
const BLOCK_HOPS = 3;

/** The path's answer and the site's not-found baseline. A redirect elsewhere is judged as the answer it is. */
export async function observeBlock(ctx: CheckContext, path: string): Promise<BlockFacts> {
  const client = await webClient(ctx);
  const baseline = await notFoundBaseline(ctx);
  const hops: HttpExchange[] = [];
  let next = path;
  for (let hop = 0; ; hop++) {
    const result = await client.request({ path: next, maxBody: BLOCK_BODY });
    if (result.ok) hops.push(result.exchange);
    const answer = usable(result);
    const to = answer.ok ? answer.exchange.redirect?.to : undefined;
    if (!to || hop === BLOCK_HOPS || !staysOnResource(answer, to, hops)) return { path, hops, answer, baseline };
    next = to;
  }
}

/** A redirect that stays on the same resource: its path starts with the asked one, and it was not visited. */
function staysOnResource(answer: Usable, to: string, hops: readonly HttpExchange[]): boolean {
  if (!answer.ok) return false;
  const from = new URL(answer.exchange.url);
  const dest = new URL(to);
  return dest.pathname.startsWith(from.pathname) && !hops.some((h) => h.url === dest.href);
}

/** One request per path with the method and no body (as MTH-01 sends them). */
export async function observeMethod(ctx: CheckContext, method: string, paths: readonly string[]): Promise<MethodObservation[]> {
  return observeMethods(await webClient(ctx), paths, [method]);
}

/** The page a browser ends on from `path` (redirects on the target followed); the home page is shared with HDR-01..07. */
export async function observePage(ctx: CheckContext, path: string): Promise<{ hops: readonly HttpExchange[]; answer: Usable }> {
  const home = new URL(ctx.target.url).pathname;
  const chain = path === home ? await homePage(ctx) : await pageAt(ctx, path);
  return { hops: chain.hops, answer: finalAnswer(chain) };
}

/** A page other than the home page, walked once per target whichever checks ask. */
const pageAt = defineFactFamily('page', (path: string) => path, async (ctx, path): Promise<RedirectChain> => followWithinSite(await webClient(ctx), path));
