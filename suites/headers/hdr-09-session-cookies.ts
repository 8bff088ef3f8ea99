import { SESSION_COOKIES } from '../../catalogue/security-headers.js';
import type { Check } from '../../core/check.js';
import type { Evidence } from '../../core/evidence.js';
import { fail, inconclusive, notApplicable, pass } from '../../core/verdict.js';
import { exchangeEvidence } from '../../probes/http/evidence.js';
import { headerValues } from '../../probes/http/exchange.js';
import { finalAnswer } from '../../probes/http/follow.js';
import { usable } from '../../probes/http/usable.js';
import { homePage, sessionPages } from './facts.js';
import { parseSetCookie, type SetCookie } from './rules/set-cookie.js';

/** What is wrong with a session cookie's attributes, as RFC 6265bis reads them. */
export function weaknesses(c: SetCookie): string[] {
  const problems: string[] = [];
  if (!c.secure) problems.push('no Secure');
  if (!c.httpOnly) problems.push('no HttpOnly');
  if (c.sameSite === 'none') problems.push('SameSite=None');
  else if (c.sameSite === 'default')
    problems.push(c.sameSiteSent === undefined ? 'no SameSite' : `SameSite=${c.sameSiteSent} is not Lax or Strict, so browsers treat it as absent`);
  return problems;
}

/**
 * The session cookies a browser keeps from one response's Set-Cookie lines, in order: each
 * line is one cookie, and a later line for the same name replaces the earlier one.
 */
export function sessionCookiesIn(lines: readonly string[]): SetCookie[] {
  const kept = new Map<string, SetCookie>();
  for (const c of lines.flatMap((line) => parseSetCookie(line) ?? [])) {
    if (SESSION_COOKIES.some((re) => re.test(c.name))) kept.set(c.name, c);
  }
  return [...kept.values()];
}

/** HDR-09: session cookies the store sets are Secure, HttpOnly and SameSite (Lax or Strict). */
export const sessionCookies: Check = {
  id: 'HDR-09',
  run: async (ctx) => {
    const answers = [finalAnswer(await homePage(ctx)), ...(await sessionPages(ctx)).map(usable)];
    const answered = answers.flatMap((a) => (a.ok ? [a.exchange] : []));
    const failed = answers.flatMap((a) => (a.ok ? [] : [a]));
    const [first, ...rest] = answered.map((ex) => exchangeEvidence(ex, ''));
    if (!first)
      return inconclusive(
        `no page could be judged: ${failed[0]?.reason}`,
        failed.map((f) => f.evidence),
      );
    const proof: [Evidence, ...Evidence[]] = [first, ...rest];
    // Per response, a later line for a name replaces an earlier one; across pages every cookie
    // set is judged: a browser that visits the weak page holds the weak cookie until replaced.
    const sessions = answered.flatMap((ex) => sessionCookiesIn(headerValues(ex, 'set-cookie')));
    if (sessions.length === 0) {
      if (failed.length)
        return inconclusive(`no session cookie seen, and ${failed.length} page(s) could not be judged (${failed[0]!.reason})`, [
          ...proof,
          ...failed.map((f) => f.evidence),
        ]);
      return notApplicable(`no session cookie set on ${answered.map((a) => new URL(a.url).pathname).join(', ')}`, proof);
    }
    const weak = sessions.map((c) => ({ c, problems: weaknesses(c) })).filter((w) => w.problems.length);
    if (weak.length) return fail(`session cookies lack protection: ${weak.map((w) => `${w.c.name} (${w.problems.join(', ')})`).join('; ')}`, proof);
    // A page not seen may set a weaker cookie: no pass on part of the store.
    if (failed.length) {
      return inconclusive(
        `session cookies ${sessions.map((c) => c.name).join(', ')} are protected, but ${failed.length} page(s) could not be judged (${failed[0]!.reason})`,
        [...proof, ...failed.map((f) => f.evidence)],
      );
    }
    return pass(`session cookies ${sessions.map((c) => c.name).join(', ')} are Secure, HttpOnly and SameSite`, proof);
  },
};
