import { SESSION_COOKIES } from '../../catalogue/security-headers.js';
import type { Check } from '../../core/check.js';
import type { Evidence } from '../../core/evidence.js';
import { fail, inconclusive, notApplicable, pass } from '../../core/verdict.js';
import { exchangeEvidence } from '../../probes/http/evidence.js';
import { finalAnswer } from '../../probes/http/follow.js';
import { usable } from '../../probes/http/usable.js';
import { headerValues } from '../../probes/http/exchange.js';
import { homePage, sessionPages } from './facts.js';

interface Cookie {
  readonly name: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly raw: string;
}

function parseSetCookie(raw: string): Cookie {
  const [pair = '', ...parts] = raw.split(';');
  const attrs = new Map(parts.map((p) => {
    const [k = '', ...v] = p.trim().split('=');
    return [k.toLowerCase(), v.join('=').trim()] as const;
  }));
  return { name: pair.split('=')[0]!.trim(), attrs, raw: raw.replace(/=([^;]{6})[^;]*/, '=$1…') };
}

/** What is wrong with a session cookie's attributes, if anything. */
function weaknesses(c: Cookie): string[] {
  const problems: string[] = [];
  if (!c.attrs.has('secure')) problems.push('no Secure');
  if (!c.attrs.has('httponly')) problems.push('no HttpOnly');
  const sameSite = c.attrs.get('samesite')?.toLowerCase();
  if (!sameSite) problems.push('no SameSite');
  else if (sameSite === 'none') problems.push('SameSite=None');
  return problems;
}

/** HDR-09: session cookies the store sets are Secure, HttpOnly and SameSite (Lax or Strict). */
export const sessionCookies: Check = {
  id: 'HDR-09',
  run: async (ctx) => {
    const answers = [finalAnswer(await homePage(ctx)), ...(await sessionPages(ctx)).map(usable)];
    const answered = answers.flatMap((a) => (a.ok ? [a.exchange] : []));
    const failed = answers.flatMap((a) => (a.ok ? [] : [a]));
    const [first, ...rest] = answered.map((ex) => exchangeEvidence(ex, ''));
    if (!first) return inconclusive(`no page could be judged: ${failed[0]?.reason}`, failed.map((f) => f.evidence));
    const proof: [Evidence, ...Evidence[]] = [first, ...rest];
    const cookies = answered.flatMap((ex) => headerValues(ex, 'set-cookie').map(parseSetCookie));
    const sessions = [...new Map(cookies.filter((c) => SESSION_COOKIES.some((re) => re.test(c.name))).map((c) => [c.name, c])).values()];
    if (sessions.length === 0) {
      if (failed.length) return inconclusive(`no session cookie seen, and ${failed.length} page(s) could not be judged (${failed[0]!.reason})`, [...proof, ...failed.map((f) => f.evidence)]);
      return notApplicable(`no session cookie set on ${answered.map((a) => new URL(a.url).pathname).join(', ')}`, proof);
    }
    const weak = sessions.map((c) => ({ c, problems: weaknesses(c) })).filter((w) => w.problems.length);
    return weak.length
      ? fail(`session cookies lack protection: ${weak.map((w) => `${w.c.name} (${w.problems.join(', ')})`).join('; ')}`, proof)
      : pass(`session cookies ${sessions.map((c) => c.name).join(', ')} are Secure, HttpOnly and SameSite`, proof);
  },
};
