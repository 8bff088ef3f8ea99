import { candidatesFor, type PathCheckId } from '../../catalogue/paths.js';
import type { Check } from '../../core/check.js';
import { type Evidence, evidence } from '../../core/evidence.js';
import { defineFact } from '../../core/fact.js';
import { inconclusive, type Verdict } from '../../core/verdict.js';
import { exchangeEvidence } from '../../probes/http/evidence.js';
import { baselineFacts, learnNotFound, type NotFoundBaseline } from '../../probes/web/baseline.js';
import { observationFacts, observePaths, type PathObservation } from '../../probes/web/paths.js';
import { webClient } from '../../probes/web/session.js';
import { exposureVerdict, nameSome } from '../exposure-verdict.js';

/** The not-found baseline, learned once per target and shared by every check that judges paths. */
export const notFoundBaseline = defineFact('not-found baseline', async (ctx): Promise<NotFoundBaseline> => learnNotFound(await webClient(ctx)));

/** `what` names the kind of URL in the messages ("version-control and hidden-file"). */
export function judgePaths(what: string, observations: readonly PathObservation[], summary: Evidence): Verdict {
  const exposed = observations.filter((o): o is Extract<PathObservation, { kind: 'exposed' }> => o.kind === 'exposed');
  const unusable = observations.flatMap((o) => (o.kind === 'unusable' ? [o.problem.reason] : []));
  return exposureVerdict(
    { exposed: exposed.map((o) => exchangeEvidence(o.exchange, o.proof.quote)), unusable, asked: observations.length, candidates: `${what} URLs`, summary },
    {
      exposed: () => `${exposed.length} ${what} URL(s) served: ${nameSome(exposed.map((o) => `${o.exchange.url} (${o.proof.proves}: "${o.proof.quote}")`))}`,
      clean: () => {
        const notFound = observations.filter((o) => o.kind === 'not-found-like').length;
        return `None of ${observations.length} ${what} URLs is served: ${notFound} answered like the site's not-found page, ${observations.length - notFound} answered without the file's markers`;
      },
    },
  );
}

/** A sensitive-paths check: its catalogue candidates, judged by content against the site's not-found page. */
export function pathCheck(id: PathCheckId, what: string): Check {
  return {
    id,
    async run(ctx) {
      const client = await webClient(ctx);
      const baseline = await notFoundBaseline(ctx);
      if (baseline.samples.length === 0) {
        const why = baseline.unusable[0]?.reason ?? 'no answers';
        return inconclusive(
          `could not learn the site's not-found page: ${why}`,
          baseline.unusable.map((u) => u.evidence),
        );
      }
      const observations = await observePaths(client, baseline, candidatesFor(id, ctx.target.host));
      const answered = observations.find((o): o is Exclude<PathObservation, { kind: 'unusable' }> => o.kind !== 'unusable');
      const summary = evidence(
        `${id}: ${observations.length} URLs on ${ctx.target.url} judged by content against the not-found baseline`,
        {
          requestsSentToTarget: client.requestsSent,
          notFoundBaseline: baselineFacts(baseline),
          candidates: observations.map(observationFacts),
        },
        answered?.exchange.address ?? baseline.samples[0]?.address,
      );
      return judgePaths(what, observations, summary);
    },
  };
}
