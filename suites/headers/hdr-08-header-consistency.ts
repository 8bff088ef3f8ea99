import { JUDGED_HEADERS } from '../../catalogue/security-headers.js';
import type { Check } from '../../core/check.js';
import { type Evidence, evidence } from '../../core/evidence.js';
import { fail, inconclusive, pass } from '../../core/verdict.js';
import { exchangeEvidence } from '../../probes/http/evidence.js';
import { type HttpResult, headerValues } from '../../probes/http/exchange.js';
import { finalAnswer } from '../../probes/http/follow.js';
import { usable } from '../../probes/http/usable.js';
import { deniedPage, homePage, notFoundPage, staticAsset } from './facts.js';

/**
 * HDR-08: every security header the home page sends is also on a not-found page, a denied
 * (403) page and a static asset — what nginx's `always` and add_header inheritance decide.
 */
export const headerConsistency: Check = {
  id: 'HDR-08',
  run: async (ctx) => {
    const home = finalAnswer(await homePage(ctx));
    if (!home.ok) return inconclusive(home.reason, [home.evidence]);
    const homeEx = home.exchange;
    const expected = Object.values(JUDGED_HEADERS)
      .flat()
      .filter((h) => headerValues(homeEx, h).length > 0);
    const others: [string, HttpResult | undefined][] = [
      ['not-found response', await notFoundPage(ctx)],
      ['denied (403) response', await deniedPage(ctx)],
      ['static asset', await staticAsset(ctx)],
    ];
    const proof: [Evidence, ...Evidence[]] = [exchangeEvidence(homeEx, '')];
    const missing: string[] = [];
    const unjudged: string[] = [];
    for (const [kind, result] of others) {
      if (!result) {
        unjudged.push(`${kind}: none found`);
        continue;
      }
      const answer = usable(result);
      if (!answer.ok) return inconclusive(`the ${kind} could not be judged: ${answer.reason}`, [...proof, answer.evidence]);
      const ex = answer.exchange;
      proof.push(exchangeEvidence(ex, ''));
      const absent = expected.filter((h) => headerValues(ex, h).length === 0);
      if (absent.length) missing.push(`${kind} ${ex.url} (${ex.status}) lacks ${absent.join(', ')}`);
    }
    if (unjudged.length) proof.push(evidence('responses not available to compare', { notes: unjudged }));
    if (expected.length === 0) return fail('the home page sends none of the security headers (HDR-01..06), so no response does', proof);
    return missing.length
      ? fail(`security headers missing outside the home page: ${missing.join('; ')}`, proof)
      : pass(`${expected.join(', ')} present on every response compared (${others.length - unjudged.length} besides the home page)`, proof);
  },
};
