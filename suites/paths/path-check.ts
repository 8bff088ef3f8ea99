import { candidatesFor, type PathCheckId } from '../../catalogue/paths.js';
import type { AreaChecks, Check, CheckContext } from '../../core/check.js';
import { evidence, type Evidence } from '../../core/evidence.js';
import { fail, inconclusive, pass, type Verdict } from '../../core/verdict.js';
import { exchangeEvidence } from '../../probes/http/evidence.js';
import { baselineFacts, learnNotFound, type NotFoundBaseline } from '../../probes/web/baseline.js';
import { observationFacts, observePaths, type PathObservation } from '../../probes/web/paths.js';
import { webClient } from '../../probes/web/session.js';

/** What each check looks for, as the messages name it. */
const WHAT: Readonly<Record<PathCheckId, string>> = {
  'PATH-01': 'version-control and hidden-file',
  'PATH-02': 'Magento configuration and secrets',
  'PATH-03': 'Composer manifest',
  'PATH-04': 'log, session and report',
  'PATH-05': 'backup and database dump',
  'PATH-06': 'directory listing',
  'PATH-07': 'private media',
  'PATH-08': 'setup, developer and database tool',
};

/** The not-found baseline, learned once per target and shared by every check that judges paths. */
export async function notFoundBaseline(ctx: CheckContext): Promise<NotFoundBaseline> {
  const client = await webClient(ctx);
  return ctx.fact('web:not-found-baseline', () => learnNotFound(client));
}

const MAX_NAMED = 5;

export function judgePaths(id: PathCheckId, observations: readonly PathObservation[], summary: Evidence): Verdict {
  const exposed = observations.filter((o): o is Extract<PathObservation, { kind: 'exposed' }> => o.kind === 'exposed');
  if (exposed.length) {
    const named = exposed.slice(0, MAX_NAMED).map((o) => `${o.exchange.url} (${o.proof.proves}: "${o.proof.quote}")`);
    const more = exposed.length > MAX_NAMED ? ` and ${exposed.length - MAX_NAMED} more` : '';
    const proofs = exposed.map((o) => exchangeEvidence(o.exchange, o.proof.quote));
    return fail(`${exposed.length} ${WHAT[id]} URL(s) served: ${named.join('; ')}${more}`, [proofs[0]!, ...proofs.slice(1), summary]);
  }
  const unusable = observations.filter((o) => o.kind === 'unusable');
  if (unusable.length) {
    const first = unusable[0]!.kind === 'unusable' ? unusable[0]!.problem.reason : '';
    return inconclusive(`${unusable.length} of ${observations.length} ${WHAT[id]} URLs gave no usable answer (${first})`, [summary]);
  }
  const notFound = observations.filter((o) => o.kind === 'not-found-like').length;
  const unproven = observations.length - notFound;
  return pass(
    `None of ${observations.length} ${WHAT[id]} URLs is served: ${notFound} answered like the site's not-found page, ${unproven} answered without the file's markers`,
    [summary],
  );
}

function pathCheck(id: PathCheckId): Check {
  return {
    id,
    async run(ctx) {
      const client = await webClient(ctx);
      const baseline = await notFoundBaseline(ctx);
      if (baseline.samples.length === 0) {
        const why = baseline.unusable[0]?.reason ?? 'no answers';
        return inconclusive(`could not learn the site's not-found page: ${why}`, baseline.unusable.map((u) => u.evidence));
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
      return judgePaths(id, observations, summary);
    },
  };
}

const IDS: readonly PathCheckId[] = ['PATH-01', 'PATH-02', 'PATH-03', 'PATH-04', 'PATH-05', 'PATH-06', 'PATH-07', 'PATH-08'];

export const pathChecks: AreaChecks = { area: 'paths', checks: IDS.map(pathCheck) };
