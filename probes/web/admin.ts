import { load } from 'cheerio';
import { ADMIN_LOGIN_MARKERS, MIN_SUPPORTING } from '../../catalogue/admin-login.js';
import { ADMIN_MAX_HOPS } from '../../catalogue/admin-paths.js';
import type { HttpClient } from '../http/client.js';
import type { HttpExchange } from '../http/exchange.js';
import { followWithinSite, type RedirectChain } from '../http/follow.js';
import { looksLikeHtml } from './content.js';

/** Characters of an element's text a marker pattern reads (a title is short). */
const MARKER_TEXT_CHARS = 1024;

/** The admin-login markers a page carries, and whether they add up to Magento's login. */
export interface LoginReading {
  readonly markers: readonly string[];
  readonly isLogin: boolean;
}

export function readAdminLogin(ex: HttpExchange): LoginReading {
  if (!looksLikeHtml(ex.body)) return { markers: [], isLogin: false };
  const $ = load(ex.body.toString('utf8'));
  const found = ADMIN_LOGIN_MARKERS.filter((m) => {
    const el = $(m.selector);
    return el.length > 0 && (!m.text || m.text.test(el.first().text().slice(0, MARKER_TEXT_CHARS)));
  });
  const required = ADMIN_LOGIN_MARKERS.filter((m) => m.required).every((m) => found.includes(m));
  const supporting = found.filter((m) => !m.required).length;
  return { markers: found.map((m) => m.name), isLogin: required && supporting >= MIN_SUPPORTING };
}

export interface AdminObservation {
  readonly path: string;
  readonly chain: RedirectChain;
  readonly final?: HttpExchange;
  readonly login: LoginReading;
}

export async function observeAdmin(client: HttpClient, path: string): Promise<AdminObservation> {
  const chain = await followWithinSite(client, path, { maxHops: ADMIN_MAX_HOPS, maxBody: 256 * 1024 });
  const final = chain.problem || chain.leftSite || chain.tooManyRedirects ? undefined : chain.hops.at(-1);
  return { path, chain, ...(final ? { final } : {}), login: final ? readAdminLogin(final) : { markers: [], isLogin: false } };
}

/** One line of evidence per admin URL: the status chain and the markers seen. */
export function adminFacts(o: AdminObservation): Record<string, unknown> {
  return {
    path: o.path,
    chain: o.chain.hops.map((h) => `${h.status} ${h.url}`),
    ...(o.chain.problem ? { problem: o.chain.problem.reason } : {}),
    ...(o.chain.leftSite ? { redirectsOffSite: o.chain.leftSite } : {}),
    ...(o.chain.tooManyRedirects ? { tooManyRedirects: true } : {}),
    loginMarkers: o.login.markers,
    adminLogin: o.login.isLogin,
  };
}
