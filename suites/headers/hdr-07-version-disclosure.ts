import { DISCLOSING_HEADERS } from '../../catalogue/security-headers.js';
import type { Check } from '../../core/check.js';
import type { Evidence } from '../../core/evidence.js';
import { fail, inconclusive, pass } from '../../core/verdict.js';
import { exchangeEvidence } from '../../probes/http/evidence.js';
import { type HttpExchange, headerValues } from '../../probes/http/exchange.js';
import { finalAnswer } from '../../probes/http/follow.js';
import { usable } from '../../probes/http/usable.js';
import { homePage, notFoundPage, staticAsset } from './facts.js';

/** HDR-07: no response (home, not-found, static asset) discloses software or versions in headers. */
export const versionDisclosure: Check = {
  id: 'HDR-07',
  run: async (ctx) => {
    const home = finalAnswer(await homePage(ctx));
    if (!home.ok) return inconclusive(home.reason, [home.evidence]);
    const checked = [await notFoundPage(ctx), await staticAsset(ctx)].map(usable);
    const others = checked.flatMap((u) => (u.ok ? [u.exchange] : []));
    const unseen = checked.flatMap((u) => (u.ok ? [] : [u]));
    const answers: [HttpExchange, ...HttpExchange[]] = [home.exchange, ...others];
    const found = answers.flatMap((ex) =>
      DISCLOSING_HEADERS.flatMap((h) =>
        headerValues(ex, h.name)
          .filter((v) => !h.when || h.when.test(v))
          .map((v) => ({ url: ex.url, text: `${h.name}: ${v} (${h.why})` })),
      ),
    );
    const [first, ...rest] = answers.map((ex) => exchangeEvidence(ex, ''));
    const proof: [Evidence, ...Evidence[]] = [first!, ...rest];
    if (found.length === 0) {
      // A response that did not come from the store shows nothing about its headers: never a pass.
      if (unseen.length)
        return inconclusive(
          `no version-disclosing headers on ${answers.length} response(s), but ${unseen.length} other response(s) could not be judged (${unseen[0]!.reason})`,
          [...proof, ...unseen.map((u) => u.evidence)],
        );
      return pass(`no version-disclosing headers on ${answers.length} responses (Server: ${headerValues(home.exchange, 'server')[0] ?? 'absent'})`, proof);
    }
    const unique = [...new Set(found.map((f) => f.text))];
    return fail(`headers disclose software: ${unique.join('; ')}`, proof);
  },
};
